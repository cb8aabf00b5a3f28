/**
 * Display width in terminal columns, as Ink measures it: string-width per grapheme cluster (Ink 7
 * lays out each cluster at the width string-width gives it, so an emoji with a skin tone, 👍🏽, is
 * one cluster of 2 columns, and a border after it stays in its column). Printable ASCII is one
 * column per character; other clusters are measured once and remembered.
 */
import stringWidth from 'string-width';
import {graphemeOffsets} from './graphemes.js';

const printableAscii = /^[\u0020-\u007E]*$/;

/** True when every character is printable ASCII (width = length). */
export function isPrintableAscii(text: string): boolean {
	return printableAscii.test(text);
}

// Widths of single UTF-16 units (most of CJK), stored as width + 1 (0 = not measured yet).
const unitWidths = new Uint8Array(0x1_00_00);

/** Width of a cluster that is one UTF-16 unit. */
function unitWidth(code: number): number {
	if (code >= 0x20 && code < 0x7f) {
		return 1;
	}

	let known = unitWidths[code]!;
	if (known === 0) {
		known = stringWidth(String.fromCharCode(code)) + 1;
		unitWidths[code] = known;
	}

	return known - 1;
}

// Longer clusters (emoji sequences, letters with marks) repeat a lot in a reply; a bounded memo
// keeps their measurement off the hot path without growing with hostile input.
const clusterWidths = new Map<string, number>();
const clusterWidthsLimit = 8192;

/** Columns one grapheme cluster takes (0 for a cluster that prints nothing). */
export function graphemeWidth(grapheme: string): number {
	if (grapheme.length === 1) {
		return unitWidth(grapheme.charCodeAt(0));
	}

	let width = clusterWidths.get(grapheme);
	if (width === undefined) {
		width = stringWidth(grapheme);
		if (clusterWidths.size >= clusterWidthsLimit) {
			clusterWidths.clear();
		}

		clusterWidths.set(grapheme, width);
	}

	return width;
}

/** Widths of the clusters between consecutive `offsets` of `text` (as `graphemeOffsets` gives them). */
export function clusterWidthsOf(text: string, offsets: readonly number[]): number[] {
	const widths: number[] = [];
	for (let index = 0; index < offsets.length - 1; index++) {
		const start = offsets[index]!;
		const end = offsets[index + 1]!;
		widths.push(end - start === 1 ? unitWidth(text.charCodeAt(start)) : graphemeWidth(text.slice(start, end)));
	}

	return widths;
}

/** Display width of plain (unstyled, sanitized) text: the sum of its clusters' widths. */
export function textWidth(text: string): number {
	if (isPrintableAscii(text)) {
		return text.length;
	}

	let width = 0;
	for (const cluster of clusterWidthsOf(text, graphemeOffsets(text))) {
		width += cluster;
	}

	return width;
}
