/**
 * Grapheme helpers for the composer: the cursor only ever stands between user-perceived
 * characters (an emoji with modifiers, a letter with accents, a CJK character).
 *
 * Clusters come from the text pipeline's `clusterOffsets`, not Intl.Segmenter: on Node 20 the
 * segmenter costs microseconds per character and grows worse than linearly with the string (one
 * 100,000-character line took six minutes here), and the composer re-wraps its text on every key.
 */

import {clusterOffsets, graphemeWidth as clusterWidth} from '../text/text-width.js';
import {tabWidth} from '../text/wrap.js';

export interface Grapheme {
	/** The grapheme's text. */
	readonly text: string;
	/** Its offset in the string it was split from. */
	readonly offset: number;
	/** Terminal columns it takes. */
	readonly width: number;
}

const isPlainAscii = (code: number): boolean => code >= 0x20 && code < 0x7F;

/** Columns a grapheme takes; a tab is a fixed `tabWidth` (no tab stops, so wrapping stays simple). */
export function graphemeWidth(grapheme: string): number {
	return grapheme === '\t' ? tabWidth : clusterWidth(grapheme);
}

/** The graphemes of `text` (one line: no newlines), with offsets counted from `base`. */
export function splitGraphemes(text: string, base = 0): Grapheme[] {
	const offsets = clusterOffsets(text);
	const result: Grapheme[] = [];
	for (let index = 0; index < offsets.length - 1; index++) {
		const start = offsets[index]!;
		const grapheme = text.slice(start, offsets[index + 1]);
		result.push({text: grapheme, offset: base + start, width: graphemeWidth(grapheme)});
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
	// Split forward from a point that starts a cluster: back over the non-ASCII characters before
	// the cursor, then one ASCII character. Bounded, so a long CJK line stays cheap; there the
	// point is moved forward past anything that could continue a cluster.
	let start = offset - 1;
	while (start > lineStart && offset - start < 256 && !isPlainAscii(text.charCodeAt(start - 1))) {
		start--;
	}
	if (start > lineStart && !isPlainAscii(text.charCodeAt(start - 1))) {
		while (start < offset - 1 && (continuesCluster.test(text.slice(start, start + 2)) || text[start - 1] === '\u200D')) {
			start++;
		}
	} else {
		start = Math.max(lineStart, start - 1);
	}
	const offsets = clusterOffsets(text.slice(start, offset));
	return start + offsets.at(-2)!;
}

// A low surrogate or anything that attaches to what comes before it.
// eslint-disable-next-line no-misleading-character-class -- these combining characters are the point
const continuesCluster = /^(?:[\uDC00-\uDFFF]|[\p{M}\u200C\u200D\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u1160-\u11FF\uD7B0-\uD7FB])/u;

/** The grapheme boundary after `offset`. */
export function nextBoundary(text: string, offset: number): number {
	if (offset >= text.length) {
		return text.length;
	}
	if (text[offset] === '\n') {
		return offset + 1;
	}
	const lineEnd = lineEndOf(text, offset);
	// Look at a little text after the cursor, more only if the cluster fills all of it.
	for (let size = 32; ; size *= 4) {
		const end = Math.min(lineEnd, offset + size);
		const offsets = clusterOffsets(text.slice(offset, end));
		const next = offsets[1] ?? end - offset;
		if (offset + next < end || end === lineEnd) {
			return offset + next;
		}
	}
}

/** The grapheme that starts at `offset` ('' at the end of the text). */
export function graphemeAt(text: string, offset: number): string {
	return text.slice(offset, nextBoundary(text, offset));
}
