/**
 * Where a line breaks to fit a width: offsets only, so callers can slice plain text or map the
 * cuts onto styled runs. Printable-ASCII lines take a fast path (width = length).
 */
import {graphemeOffsets} from './graphemes.js';
import {clusterWidthsOf, graphemeWidth, isPrintableAscii} from './text-width.js';

/**
 * A cluster wider than this and than the line is split into code points (each at most 2 columns):
 * a run of Hangul jamo or of hostile joiners can be one cluster as wide as the screen.
 */
const widestWholeCluster = 2;

/**
 * How a too-long line breaks:
 * - `words`: at spaces, dropping the spaces at the break (prose); without a space, next to a wide
 *   character (CJK, emoji); words longer than the width are cut.
 * - `keep`: after a space, keeping every character, so joining the pieces gives back the line; a
 *   word too long for any row starts a row of its own before it is cut (a URL reads better whole).
 * - `hard`: exactly at the width (code).
 */
export type WrapMode = 'words' | 'keep' | 'hard';

export interface BreakOptions {
	/** Columns for the first line. */
	width: number;
	/** Columns for the following lines (default: width), e.g. less when they get a hanging indent. */
	restWidth?: number;
	mode?: WrapMode;
	/**
	 * For a cut that is not at a space: given the line, the cut line's start and the proposed end,
	 * returns an end at or before it that does not split something (e.g. a JSON escape). An end at
	 * or before start is ignored.
	 */
	safeCut?: (line: string, start: number, end: number) => number;
	/**
	 * `keep` mode only: a space just past the width stays at the end of a full row instead of
	 * starting the next one (the composer, whose rows keep a column free for the cursor).
	 */
	hangingSpace?: boolean;
	/** Columns of one cluster, when they differ from `graphemeWidth` (the composer draws tabs and placeholders). */
	measure?: (cluster: string) => number;
}


const space = 32;
const tab = 9;

/** A row holds at least one cluster, even one wider than the row (the only way to make progress). */
function clampWidth(width: number): number {
	return Math.max(1, Math.floor(width));
}

/**
 * Where a single line (no \n) breaks: a flat array of [start, end) offset pairs, one pair per
 * output line. An empty line gives one empty pair. Breaks fall after spaces (and tabs, which only
 * the composer leaves in: `wrapText` expands them first).
 */
export function breakLine(line: string, options: BreakOptions): number[] {
	const firstWidth = clampWidth(options.width);
	const restWidth = clampWidth(options.restWidth ?? options.width);
	const mode = options.mode ?? 'words';
	const hang = mode === 'keep' && options.hangingSpace === true;
	if (isPrintableAscii(line)) {
		return breakAscii(line, firstWidth, restWidth, mode, hang, options.safeCut);
	}

	// Every UTF-16 unit is at most 2 columns wide, so a short line fits without measuring.
	if (options.measure === undefined && line.length * 2 <= firstWidth) {
		return [0, mode === 'words' ? trimmedEnd(line, 0, line.length) : line.length];
	}

	return breakGraphemes(line, {firstWidth, restWidth, mode, hang, safeCut: options.safeCut, measure: options.measure});
}

/** `end` moved back over trailing spaces, not before `start`: in words mode they show nothing. */
export function trimmedEnd(line: string, start: number, end: number): number {
	while (end > start && line.charCodeAt(end - 1) === space) {
		end--;
	}

	return end;
}

/**
 * The last space at or before `from` and not before `start`, else -1. Bounded on purpose: `lastIndexOf` searches on to
 * the start of the line, and a long line without spaces (a 5 MB reply as one JSON string in the history pane) made
 * every row's search as long as the text before it — 65 s of a 68 s profile before this, milliseconds after.
 */
function lastSpace(line: string, from: number, start: number): number {
	for (let index = Math.min(from, line.length - 1); index >= start; index--) {
		if (line.charCodeAt(index) === space) return index;
	}

	return -1;
}

function breakAscii(
	line: string,
	firstWidth: number,
	restWidth: number,
	mode: WrapMode,
	hang: boolean,
	safeCut: BreakOptions['safeCut'],
): number[] {
	const out: number[] = [];
	const {length} = line;
	let start = 0;
	let width = firstWidth;
	while (length - start > width) {
		const limit = start + width;
		let end = -1;
		let next = -1;
		if (mode === 'words') {
			// A space right at the limit is a fine break: the word before it fits exactly.
			const spaceAt = lastSpace(line, limit, start);
			if (spaceAt > start) {
				let trimmed = spaceAt;
				while (trimmed > start && line.charCodeAt(trimmed - 1) === space) {
					trimmed--;
				}

				if (trimmed > start) {
					end = trimmed;
					next = spaceAt + 1;
				}
			}
		} else if (mode === 'keep') {
			const spaceAt = lastSpace(line, hang ? limit : limit - 1, start);
			if (spaceAt >= start) {
				end = spaceAt + 1;
				next = end;
			}
		}

		if (end < 0) {
			end = limit;
			if (safeCut) {
				const safe = safeCut(line, start, limit);
				if (safe > start && safe < limit) {
					end = safe;
				}
			}

			next = end;
		}

		out.push(start, end);
		if (mode === 'words') {
			while (next < length && line.charCodeAt(next) === space) {
				next++;
			}
		}

		start = next;
		width = restWidth;
	}

	if (start < length || out.length === 0) {
		out.push(start, mode === 'words' ? trimmedEnd(line, start, length) : length);
	}

	return out;
}

interface ClusterBreakOptions {
	firstWidth: number;
	restWidth: number;
	mode: WrapMode;
	hang: boolean;
	safeCut: BreakOptions['safeCut'];
	measure: BreakOptions['measure'];
}

/** Offsets and widths of the clusters of `line`, those wider than `limit` split into code points. */
function measuredClusters(line: string, limit: number, measure: BreakOptions['measure']): [number[], number[]] {
	const offsets = graphemeOffsets(line);
	const widths = measure === undefined
		? clusterWidthsOf(line, offsets)
		: offsets.slice(0, -1).map((start, index) => measure(line.slice(start, offsets[index + 1])));
	const split = Math.max(limit, widestWholeCluster);
	if (!widths.some(width => width > split)) {
		return [offsets, widths];
	}

	const splitOffsets: number[] = [];
	const splitWidths: number[] = [];
	for (let index = 0; index < widths.length; index++) {
		if (widths[index]! <= split) {
			splitOffsets.push(offsets[index]!);
			splitWidths.push(widths[index]!);
			continue;
		}

		for (let at = offsets[index]!; at < offsets[index + 1]!;) {
			const size = line.codePointAt(at)! > 0xff_ff ? 2 : 1;
			const piece = line.slice(at, at + size);
			splitOffsets.push(at);
			splitWidths.push(measure === undefined ? graphemeWidth(piece) : measure(piece));
			at += size;
		}
	}

	splitOffsets.push(line.length);
	return [splitOffsets, splitWidths];
}

function breakGraphemes(line: string, options: ClusterBreakOptions): number[] {
	const {mode, safeCut} = options;
	const [offsets, widths] = measuredClusters(line, Math.min(options.firstWidth, options.restWidth), options.measure);
	const count = widths.length;
	const isSpace = (index: number): boolean => {
		const code = line.charCodeAt(offsets[index]!);
		return (code === space || code === tab) && offsets[index + 1]! - offsets[index]! === 1;
	};

	const out: number[] = [];
	let first = 0;
	let width = options.firstWidth;
	while (first < count) {
		let column = 0;
		let fit = first;
		while (fit < count && column + widths[fit]! <= width) {
			column += widths[fit]!;
			fit++;
		}

		if (fit >= count) {
			out.push(offsets[first]!, mode === 'words' ? trimmedEnd(line, offsets[first]!, line.length) : line.length);
			return out;
		}

		let end = -1;
		let next = -1;
		if (mode === 'words') {
			let spaceAt = fit;
			while (spaceAt > first && !isSpace(spaceAt)) {
				spaceAt--;
			}

			if (spaceAt > first) {
				let trimmed = spaceAt;
				while (trimmed > first && isSpace(trimmed - 1)) {
					trimmed--;
				}

				if (trimmed > first) {
					end = trimmed;
					next = spaceAt + 1;
				}
			}

			if (end < 0) {
				// No space: a line may still break next to a wide character (an ideograph, kana, an
				// emoji), so a Latin word inside CJK text is not cut where it fits.
				let at = fit;
				while (at > first && widths[at - 1]! < 2 && widths[at]! < 2) {
					at--;
				}

				if (at > first) {
					end = at;
					next = at;
				}
			}
		} else if (mode === 'keep') {
			const hangs = options.hang && column === width && line.charCodeAt(offsets[fit]!) === space && widths[fit] === 1;
			let spaceAt = hangs ? fit : fit - 1;
			while (spaceAt >= first && !isSpace(spaceAt)) {
				spaceAt--;
			}

			if (spaceAt >= first) {
				end = spaceAt + 1;
				next = end;
			}
		}

		if (end < 0) {
			end = fit === first ? first + 1 : fit; // A cluster wider than the row still takes a row of its own.
			if (safeCut) {
				const safe = safeCut(line, offsets[first]!, offsets[end]!);
				let cut = end;
				while (cut > first + 1 && offsets[cut]! > safe) {
					cut--;
				}

				if (offsets[cut]! <= safe && cut > first) {
					end = cut;
				}
			}

			next = end;
		}

		out.push(offsets[first]!, offsets[end]!);
		if (mode === 'words') {
			while (next < count && isSpace(next)) {
				next++;
			}
		}

		first = next;
		width = options.restWidth;
	}

	if (out.length === 0) {
		out.push(0, 0);
	}

	return out;
}
