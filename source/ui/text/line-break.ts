/**
 * Where a line breaks to fit a width: offsets only, so callers can slice plain text or map the
 * cuts onto styled runs. Printable-ASCII lines take a fast path (width = length).
 */
import {clusterOffsets, graphemeWidth, isPrintableAscii, splitWideClusters, unitWidth} from './text-width.js';

/** A wrapped line is never narrower than this: wrapping at 1 column could not hold a wide character. */
const minimumWidth = 2;

/**
 * How a too-long line breaks:
 * - `words`: at spaces, dropping the spaces at the break (prose); words longer than the width are cut.
 * - `keep`: after a space, keeping every character, so joining the pieces gives back the line.
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
}


const space = 32;

function clampWidth(width: number): number {
	return Math.max(minimumWidth, Math.floor(width));
}

/**
 * Where a single line (no \n, no tabs) breaks: a flat array of [start, end) offset pairs, one pair
 * per output line. An empty line gives one empty pair.
 */
export function breakLine(line: string, options: BreakOptions): number[] {
	const firstWidth = clampWidth(options.width);
	const restWidth = clampWidth(options.restWidth ?? options.width);
	const mode = options.mode ?? 'words';
	if (isPrintableAscii(line)) {
		return breakAscii(line, firstWidth, restWidth, mode, options.safeCut);
	}

	// Every UTF-16 unit is at most 2 columns wide, so a short line fits without measuring.
	if (line.length * 2 <= firstWidth) {
		return [0, mode === 'words' ? trimmedEnd(line, 0, line.length) : line.length];
	}

	return breakGraphemes(line, firstWidth, restWidth, mode, options.safeCut);
}

/** `end` moved back over trailing spaces, not before `start`: in words mode they show nothing. */
export function trimmedEnd(line: string, start: number, end: number): number {
	while (end > start && line.charCodeAt(end - 1) === space) {
		end--;
	}

	return end;
}

function breakAscii(
	line: string,
	firstWidth: number,
	restWidth: number,
	mode: WrapMode,
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
			const spaceAt = line.lastIndexOf(' ', limit);
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
			const spaceAt = line.lastIndexOf(' ', limit - 1);
			if (spaceAt > start) {
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

function breakGraphemes(
	line: string,
	firstWidth: number,
	restWidth: number,
	mode: WrapMode,
	safeCut: BreakOptions['safeCut'],
): number[] {
	let offsets = clusterOffsets(line);
	let widths: number[] = [];
	let tooWide = false;
	const narrowest = Math.min(firstWidth, restWidth);
	for (let index = 0; index < offsets.length - 1; index++) {
		const start = offsets[index]!;
		const end = offsets[index + 1]!;
		const width = end - start === 1 ? unitWidth(line.charCodeAt(start)) : graphemeWidth(line.slice(start, end));
		tooWide ||= width > narrowest;
		widths.push(width);
	}

	if (tooWide) {
		// A cluster wider than a line (a run of jamo, hostile joiners) is split into code points,
		// each at most 2 columns: the width limit matters more than keeping it whole.
		[offsets, widths] = splitWideClusters(line, offsets, widths, narrowest);
	}

	const count = widths.length;
	const isSpace = (index: number): boolean =>
		line.charCodeAt(offsets[index]!) === space && offsets[index + 1]! - offsets[index]! === 1;

	const out: number[] = [];
	let first = 0;
	let width = firstWidth;
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
		} else if (mode === 'keep') {
			let spaceAt = fit - 1;
			while (spaceAt > first && !isSpace(spaceAt)) {
				spaceAt--;
			}

			if (spaceAt > first) {
				end = spaceAt + 1;
				next = end;
			}
		}

		if (end < 0) {
			end = fit === first ? first + 1 : fit; // Cannot happen: clusters fit (see splitWideClusters).
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
		width = restWidth;
	}

	if (out.length === 0) {
		out.push(0, 0);
	}

	return out;
}
