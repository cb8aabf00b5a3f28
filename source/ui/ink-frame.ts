/**
 * Recognises what Ink 6's standard renderer (ink/build/log-update.js `createStandard`) writes to
 * stdout, so the frame writer can redraw only the rows that changed. A frame write is:
 *
 *   [cursor hide, return-to-bottom moves]  eraseLines(n)  frame text ending in "\n"  [cursor placement]
 *
 * eraseLines(n) (ansi-escapes) is `ESC[2K` + (`ESC[1A` `ESC[2K`) × (n − 1) + `ESC[G`, absent when
 * n = 0 (first frame, or after Ink cleared its output). Anything else is either inert (changes
 * no cell on screen) or unknown.
 */

/** A write Ink made to draw or erase its output. */
export interface InkFrame {
	/** Mode switches before the frame (cursor hide, synchronized-update start), to be written first. */
	lead: string;
	/** How many lines Ink erased upwards from the cursor first: its previous frame's line count + 1, or 0. */
	erased: number;
	/** The frame's rows, without the trailing newline; empty when Ink only erased. */
	lines: string[];
	/** Cursor placement relative to the row after the frame, and mode switches, to be written last. */
	tail: string;
}

export type InkWrite =
	| {kind: 'frame'; frame: InkFrame}
	/** Changes no cell: mode switches (cursor, bracketed paste, synchronized output…) and relative cursor moves. */
	| {kind: 'inert'}
	| {kind: 'unknown'};

// Private modes that change no cell: cursor visibility, mouse and focus reporting, bracketed
// paste, synchronized output. (The alternate screen, 47/1047/1049, is deliberately not here.)
const inertModes = '25|1000|1002|1003|1004|1005|1006|1015|2004|2026';
const mode = `\\u001B\\[\\?(?:${inertModes})[hl]`;
// Kitty keyboard protocol: query, push, pop.
const kitty = String.raw`\u001B\[(?:\?u|>\d*u|<\d*u)`;
const move = String.raw`\u001B\[\d*[ABCDG]`;

const inert = new RegExp(`^(?:${mode}|${kitty}|${move})*$`);
// Before the erase: cursor hide/show, synchronized-update markers, return-to-bottom moves.
const leadToken = new RegExp(`${mode}|${String.raw`\u001B\[\d*[BG]`}`, 'y');
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const eraseLines = /(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/y;
// After the frame: buildCursorSuffix (up, column, show) and synchronized-update end.
const tail = new RegExp(`^(?:${mode}|${String.raw`\u001B\[\d*[AG]`})*$`);

const eraseFirst = '\u001B[2K\u001B[1A'.length;
const eraseLast = '\u001B[2K\u001B[G'.length;

/** Classifies one string Ink wrote to stdout. */
export function parseInkWrite(text: string): InkWrite {
	if (inert.test(text)) {
		return {kind: 'inert'};
	}

	let position = 0;
	let lead = '';
	leadToken.lastIndex = 0;
	for (let match = leadToken.exec(text); match; match = leadToken.exec(text)) {
		// Relative moves are dropped: the frame writer places every row absolutely.
		if (match[0].endsWith('h') || match[0].endsWith('l')) {
			lead += match[0];
		}

		position = leadToken.lastIndex;
	}

	let erased = 0;
	eraseLines.lastIndex = position;
	const erase = eraseLines.exec(text);
	if (erase) {
		erased = (erase[0].length - eraseLast) / eraseFirst + 1;
		position = eraseLines.lastIndex;
	}

	const lastNewline = text.lastIndexOf('\n');
	const bodyEnd = lastNewline >= position ? lastNewline + 1 : position;
	const rest = text.slice(bodyEnd);
	if (!tail.test(rest) || (erased === 0 && bodyEnd === position)) {
		return {kind: 'unknown'};
	}

	const lines = bodyEnd === position ? [] : text.slice(position, bodyEnd - 1).split('\n');
	return {kind: 'frame', frame: {lead, erased, lines, tail: rest}};
}

// SGR (colours, bold…) is the only escape Ink puts inside a frame's rows.
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const sgr = /\u001B\[[\d;:]*m/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const control = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * The text a row shows, or undefined when the row holds anything but text and SGR: a control
 * (tab, carriage return, another escape) would move the cursor in ways a row-by-row redraw does not model.
 */
export function rowText(line: string): string | undefined {
	const text = line.includes('\u001B') ? line.replace(sgr, '') : line;
	return control.test(text) ? undefined : text;
}
