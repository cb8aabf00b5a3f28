/**
 * Grapheme helpers for the composer: the cursor only ever stands between user-perceived
 * characters (an emoji with modifiers, a letter with accents, a CJK character).
 */

import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

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

export function graphemeWidth(grapheme: string): number {
	return grapheme === '\t' ? tabWidth : stringWidth(grapheme);
}

/** The graphemes of `text`, with offsets counted from `base`. */
export function splitGraphemes(text: string, base = 0): Grapheme[] {
	const result: Grapheme[] = [];
	for (const {segment, index} of segmenter.segment(text)) {
		result.push({text: segment, offset: base + index, width: graphemeWidth(segment)});
	}
	return result;
}

/** What to print for a piece of composer text: tabs become spaces. */
export function displayText(text: string): string {
	return text.replaceAll('\t', ' '.repeat(tabWidth));
}

export function isWhitespace(grapheme: string): boolean {
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
	const start = lineStartOf(text, offset);
	if (start === offset) {
		return offset - 1;
	}
	// Boundaries can depend on everything before them in the line (regional-indicator pairs).
	let last = start;
	for (const {index} of segmenter.segment(text.slice(start, offset))) {
		last = start + index;
	}
	return last;
}

/** The grapheme boundary after `offset`. */
export function nextBoundary(text: string, offset: number): number {
	if (offset >= text.length) {
		return text.length;
	}
	if (text[offset] === '\n') {
		return offset + 1;
	}
	const end = lineEndOf(text, offset);
	const first = segmenter.segment(text.slice(offset, end))[Symbol.iterator]().next();
	return first.done === true ? end : offset + first.value.segment.length;
}

/** The grapheme that starts at `offset` ('' at the end of the text). */
export function graphemeAt(text: string, offset: number): string {
	return text.slice(offset, nextBoundary(text, offset));
}
