/** Test helpers for styled terminal lines. */
import stringWidth from 'string-width';

// eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC
const sgr = /\u001B\[([\d;]*)m/g;
// eslint-disable-next-line no-control-regex -- OSC 8 hyperlinks start with ESC
const osc8 = /\u001B\]8;[^;\u001B\u0007]*;([^\u001B\u0007]*)(?:\u001B\\|\u0007)/g;

/** The text without its styles (SGR) and hyperlinks (OSC 8). */
export function stripAnsi(text: string): string {
	return text.replace(sgr, '').replace(osc8, '');
}

/** The hyperlinks in a line: each link's address and the plain text it covers. */
export function hyperlinks(line: string): Array<{url: string; text: string}> {
	const found: Array<{url: string; text: string}> = [];
	let open: {url: string; start: number} | undefined;
	for (const match of line.matchAll(osc8)) {
		if (open) {
			found.push({url: open.url, text: stripAnsi(line.slice(open.start, match.index))});
		}

		open = match[1] === '' ? undefined : {url: match[1]!, start: match.index + match[0].length};
	}

	return found;
}

export function displayWidth(line: string): number {
	return stringWidth(line);
}

// Which SGR code turns off what each opening code turns on.
const closers = new Map<number, number>([
	[1, 22], [2, 22], [3, 23], [4, 24], [7, 27], [8, 28], [9, 29],
]);

/**
 * The styles still open at the end of a line (empty when the line closes everything it opens).
 * Colours 30–37/90–97 close with 39, backgrounds 40–47/100–107 with 49, 0 closes all.
 */
export function openStylesAtEnd(line: string): string[] {
	const open = new Map<number, number>();
	for (const match of line.matchAll(sgr)) {
		const codes = match[1] === '' ? [0] : match[1]!.split(';').map(Number);
		for (const code of codes) {
			if (code === 0) {
				open.clear();
			} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
				open.set(39, code);
			} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
				open.set(49, code);
			} else if (closers.has(code)) {
				open.set(closers.get(code)!, code);
			} else {
				// A closing code: forget what it closes (22 closes both bold and dim).
				open.delete(code);
			}
		}
	}

	return [...open.values()].map(String);
}

/**
 * The SGR parameters in `text` that set a colour: foreground 30–39 and 90–97, background 40–49
 * and 100–107 (38/48 with 256-colour or RGB arguments included). Bold, dim, italic, underline,
 * inverse and their resets are not colours.
 */
export function colourCodes(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(sgr)) {
		for (const code of match[1]!.split(';').map(Number)) {
			if ((code >= 30 && code <= 49) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107)) {
				found.push(match[0]);
				break;
			}
		}
	}

	return found;
}

// eslint-disable-next-line no-control-regex -- OSC sequences start with ESC ]
const anyOsc = /\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?/g;

/** Every OSC sequence (ESC ] … BEL or ST) in the text. */
export function oscSequences(text: string): string[] {
	return [...text.matchAll(anyOsc)].map(match => match[0]);
}

/** True when every OSC 8 link opened in the line is closed in it (a link never runs on to the next row). */
export function linksClosed(line: string): boolean {
	let open = false;
	for (const match of line.matchAll(osc8)) {
		const opens = match[1] !== '';
		if (opens === open) {
			return false; // A link opened inside another, or closed without being opened.
		}

		open = opens;
	}

	return !open;
}
