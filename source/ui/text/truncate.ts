/**
 * Cutting plain (sanitized, one-line) text to a number of columns, at grapheme boundaries only:
 * an emoji, a flag or an Indic conjunct is kept whole or left out whole, never cut in half.
 */
import {graphemeOffsets, surelyStarts} from './graphemes.js';
import {clusterWidthsOf, isPrintableAscii, textWidth} from './text-width.js';

const ellipsis = '…';

/**
 * A column never takes more UTF-16 units than this outside of abuse (thousands of marks on one
 * letter), so only this much of a long text is measured: a 1 MB title costs what a short one does.
 */
function measurable(width: number): number {
	return (width + 1) * 16;
}

/** The units of `text` that can matter for `width` columns from the start, never ending inside a surrogate pair. */
function head(text: string, width: number): string {
	const length = measurable(width);
	if (text.length <= length) {
		return text;
	}

	const code = text.charCodeAt(length - 1);
	return text.slice(0, code >= 0xd8_00 && code <= 0xdb_ff ? length - 1 : length);
}

/**
 * The units of `text` that can matter for `width` columns from the end. The cut moves back to where
 * a cluster surely starts, so flags (pairs of regional indicators) after it pair up as in the whole text.
 */
function tail(text: string, width: number): string {
	const length = measurable(width);
	if (text.length <= length) {
		return text;
	}

	let start = text.length - length;
	const limit = Math.max(0, start - length);
	while (start > limit && !surelyStarts(text, start)) {
		start--;
	}

	const code = text.charCodeAt(start);
	return text.slice(code >= 0xdc_00 && code <= 0xdf_ff ? start + 1 : start);
}

/** The longest start of `text` at most `width` columns wide (whole clusters). */
export function takeStart(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const part = head(text, width);
	if (isPrintableAscii(part)) {
		return part.length <= width ? part : part.slice(0, width);
	}

	const offsets = graphemeOffsets(part);
	const widths = clusterWidthsOf(part, offsets);
	let used = 0;
	let count = 0;
	while (count < widths.length && used + widths[count]! <= width) {
		used += widths[count]!;
		count++;
	}

	return part.slice(0, offsets[count]);
}

/** The longest end of `text` at most `width` columns wide (whole clusters). */
export function takeEnd(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const part = tail(text, width);
	if (isPrintableAscii(part)) {
		return part.length <= width ? part : part.slice(part.length - width);
	}

	const offsets = graphemeOffsets(part);
	const widths = clusterWidthsOf(part, offsets);
	let used = 0;
	let first = widths.length;
	while (first > 0 && used + widths[first - 1]! <= width) {
		used += widths[first - 1]!;
		first--;
	}

	return part.slice(offsets[first]);
}

/** `text` cut to at most `width` columns, ending with "…" when something was cut. */
export function truncateEnd(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const kept = takeStart(text, width);
	if (kept.length === text.length) {
		return text;
	}

	return takeStart(kept, width - 1) + ellipsis;
}

/** `text` cut to at most `width` columns from the left, starting with "…" (for paths, where the end matters). */
export function truncateStart(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const kept = takeEnd(text, width);
	if (kept.length === text.length) {
		return text;
	}

	return ellipsis + takeEnd(kept, width - 1);
}

/** Truncated to `width` columns (see `truncateEnd`), then padded with spaces to exactly `width`. */
export function fitEnd(text: string, width: number): string {
	const cut = truncateEnd(text, width);
	return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

/** Truncated to `width` columns, then padded on the left to exactly `width` (right-aligned). */
export function fitStart(text: string, width: number): string {
	const cut = truncateEnd(text, width);
	return ' '.repeat(Math.max(0, width - textWidth(cut))) + cut;
}
