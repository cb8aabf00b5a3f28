/**
 * Grapheme helpers for the composer: the cursor only ever stands between user-perceived
 * characters (an emoji with modifiers, a letter with accents, a CJK character).
 *
 * Not Intl.Segmenter: on Node 20 it costs tens of microseconds per call and grows worse than
 * linearly with the string (one 100,000-character line took six minutes here), and the
 * composer re-wraps its whole text on every key. The pattern below follows the Unicode
 * cluster rules that matter in a chat input (marks, variation selectors, skin tones, tags,
 * ZWJ emoji, flags, Hangul jamo, Indic conjuncts) and the tests check it against Intl.Segmenter.
 */

import stringWidth from 'string-width';

/** A tab is shown as this many spaces (fixed, not tab stops, so wrapping stays simple). */
export const tabWidth = 4;

export interface Grapheme {
	/** The grapheme's text. */
	readonly text: string;
	/** Its offset in the string it was split from. */
	readonly offset: number;
	/** Terminal columns it takes. */
	readonly width: number;
}

// Indic conjuncts: a virama joins the consonant after it (Devanagari, Bengali, Gujarati, Oriya,
// Telugu, Malayalam).
const linker = String.raw`[\u094D\u09CD\u0ACD\u0B4D\u0C4D\u0D4D]`;
const consonant = String.raw`[\u0915-\u0939\u0958-\u095F\u0978-\u097F\u0995-\u09B9\u09DC-\u09DF\u09F0\u09F1\u0A95-\u0AB9\u0AF9\u0B15-\u0B39\u0B5C-\u0B5F\u0B71\u0C15-\u0C39\u0C58-\u0C5A\u0D15-\u0D3A]`;
// What attaches to the character before it: marks (including spacing marks and variation
// selectors), ZWNJ, emoji skin tones, emoji tag characters, ZWJ (which also pulls in a
// following pictograph), and a virama with its consonant.
const extend = String.raw`(?:${linker}[\p{M}\u200D]*${consonant}|[\p{M}\u200C\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]|\u200D\p{Extended_Pictographic}?)`;
const leadJamo = String.raw`[\u1100-\u115F\uA960-\uA97C]`;
const vowelJamo = String.raw`[\u1160-\u11A7\uD7B0-\uD7C6]`;
const trailJamo = String.raw`[\u11A8-\u11FF\uD7CB-\uD7FB]`;
const syllable = String.raw`[\uAC00-\uD7A3]`;
const hangul = `(?:${leadJamo}+(?:${syllable}|${vowelJamo})?|${syllable}|${vowelJamo})${vowelJamo}*${trailJamo}*|${trailJamo}+`;
// Prepended concatenation marks (Arabic number signs and the like) attach to what follows.
const prepend = String.raw`[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}]`;
// Sticky: matches the one grapheme that starts at lastIndex.
const graphemePattern = new RegExp(
	// eslint-disable-next-line no-misleading-character-class -- combining characters are what it matches
	String.raw`\r\n|\p{Cc}|${prepend}*(?:\p{RI}\p{RI}|${hangul}|[^\p{Cc}])${extend}*|[\s\S]`,
	'uy',
);

// A low surrogate or anything that attaches to what comes before it.
// eslint-disable-next-line no-misleading-character-class -- these combining characters are the point
const continuesCluster = /^(?:[\uDC00-\uDFFF]|[\p{M}\u200C\u200D\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u1160-\u11FF\uD7B0-\uD7FB])/u;

const isPlainAscii = (code: number): boolean => code >= 0x20 && code < 0x7F;

/** The grapheme starting at `offset` (which must be a grapheme boundary). */
function graphemeFrom(text: string, offset: number): string {
	const code = text.charCodeAt(offset);
	if (isPlainAscii(code) && !(offset + 1 < text.length && !isPlainAscii(text.charCodeAt(offset + 1)))) {
		return text[offset]!;
	}
	graphemePattern.lastIndex = offset;
	return graphemePattern.exec(text)?.[0] ?? text.slice(offset, offset + 1);
}

// Widths of graphemes seen so far: string-width costs microseconds per call. Bounded, as pasted
// text can hold any number of distinct characters.
const widths = new Map<string, number>();

export function graphemeWidth(grapheme: string): number {
	if (grapheme.length === 1 && grapheme >= ' ' && grapheme <= '~') {
		return 1;
	}
	if (grapheme === '\t') {
		return tabWidth;
	}
	let width = widths.get(grapheme);
	if (width === undefined) {
		width = stringWidth(grapheme);
		if (widths.size >= 10_000) {
			widths.clear();
		}
		widths.set(grapheme, width);
	}
	return width;
}

/** The graphemes of `text`, with offsets counted from `base`. */
export function splitGraphemes(text: string, base = 0): Grapheme[] {
	const result: Grapheme[] = [];
	let index = 0;
	while (index < text.length) {
		const grapheme = graphemeFrom(text, index);
		result.push({text: grapheme, offset: base + index, width: graphemeWidth(grapheme)});
		index += grapheme.length;
	}
	return result;
}

/** What to print for a piece of composer text: tabs become spaces. */
export function displayText(text: string): string {
	return text.replaceAll('\t', ' '.repeat(tabWidth));
}

export function isWhitespace(grapheme: string): boolean {
	if (grapheme.length === 1 && grapheme < '\u007F') {
		return grapheme === ' ' || grapheme === '\t';
	}
	return /^\s+$/u.test(grapheme);
}

export function lineStartOf(text: string, offset: number): number {
	return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEndOf(text: string, offset: number): number {
	const end = text.indexOf('\n', offset);
	return end === -1 ? text.length : end;
}

/** The grapheme boundary before `offset` (a newline is its own grapheme). */
export function previousBoundary(text: string, offset: number): number {
	if (offset <= 0) {
		return 0;
	}
	const lineStart = lineStartOf(text, offset);
	if (lineStart === offset) {
		return offset - 1;
	}
	// Split forward from a point known to be a boundary: back over the non-ASCII characters
	// before the cursor (bounded; only a run of hundreds of flags could need more), then one
	// ASCII character, which nothing before it attaches to.
	let start = offset - 1;
	while (start > lineStart && offset - start < 256 && !isPlainAscii(text.charCodeAt(start - 1))) {
		start--;
	}
	if (start > lineStart && !isPlainAscii(text.charCodeAt(start - 1))) {
		// Stopped inside a long run (CJK text): step to where no cluster continues.
		while (start < offset - 1 && (continuesCluster.test(text.slice(start, start + 2)) || text[start - 1] === '\u200D')) {
			start++;
		}
	} else {
		start = Math.max(lineStart, start - 1);
	}
	let boundary = start;
	while (boundary < offset) {
		const next = boundary + graphemeFrom(text, boundary).length;
		if (next >= offset) {
			break;
		}
		boundary = next;
	}
	return boundary;
}

/** The grapheme boundary after `offset`. */
export function nextBoundary(text: string, offset: number): number {
	return offset >= text.length ? text.length : offset + graphemeFrom(text, offset).length;
}

/** The grapheme that starts at `offset` ('' at the end of the text). */
export function graphemeAt(text: string, offset: number): string {
	return offset >= text.length ? '' : graphemeFrom(text, offset);
}
