/**
 * Line wrapping by terminal display width (CJK and emoji count 2, combining marks 0), for text
 * that is already sanitized. Printable-ASCII lines take a fast path where width = length; only
 * other lines are split into grapheme clusters and measured with string-width.
 */
import stringWidth from 'string-width';

/** Tab stops every 4 columns: narrow panes make 8 too wide. */
export const tabWidth = 4;

/** A wrapped line is never narrower than this: wrapping at 1 column could not hold a wide character. */
const minimumWidth = 2;

/** Styles a piece of text; each call must open and close its own ANSI codes (chalk does). */
export type Style = (text: string) => string;

export interface StyledRun {
	text: string;
	style?: Style;
}

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

const printableAscii = /^[\u0020-\u007E]*$/;
const space = 32;

// Grapheme widths repeat a lot (CJK text, emoji); measuring each only once keeps wrapping cheap.
const widthCache = new Map<string, number>();
const widthCacheLimit = 8192;

// Widths of single UTF-16 units (most of CJK), memoized as width + 1 (0 = not measured yet).
const bmpWidths = new Uint8Array(0x1_00_00);

function unitWidth(code: number): number {
	if (code >= 0x20 && code < 0x7f) {
		return 1;
	}

	let known = bmpWidths[code]!;
	if (known === 0) {
		known = stringWidth(String.fromCharCode(code)) + 1;
		bmpWidths[code] = known;
	}

	return known - 1;
}

function graphemeWidth(grapheme: string): number {
	if (grapheme.length === 1) {
		return unitWidth(grapheme.charCodeAt(0));
	}

	let width = widthCache.get(grapheme);
	if (width === undefined) {
		width = stringWidth(grapheme);
		if (widthCache.size >= widthCacheLimit) {
			widthCache.clear();
		}

		widthCache.set(grapheme, width);
	}

	return width;
}

/**
 * Display width of plain (unstyled, sanitized) text: the sum of its clusters' widths, as the
 * wrapping functions count them (string-width itself segments with Intl.Segmenter, which is slow).
 */
export function textWidth(text: string): number {
	if (printableAscii.test(text)) {
		return text.length;
	}

	const offsets = clusterOffsets(text);
	let width = 0;
	for (let index = 0; index < offsets.length - 1; index++) {
		const start = offsets[index]!;
		const end = offsets[index + 1]!;
		width += end - start === 1 ? unitWidth(text.charCodeAt(start)) : graphemeWidth(text.slice(start, end));
	}

	return width;
}

/** Replaces tabs with spaces up to the next tab stop; `column` is where the text starts. */
export function expandTabs(line: string, column = 0): string {
	if (!line.includes('\t')) {
		return line;
	}

	let out = '';
	let col = column;
	const parts = line.split('\t');
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index]!;
		out += part;
		col += textWidth(part);
		if (index < parts.length - 1) {
			const pad = tabWidth - (col % tabWidth);
			out += ' '.repeat(pad);
			col += pad;
		}
	}

	return out;
}

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
	if (printableAscii.test(line)) {
		return breakAscii(line, firstWidth, restWidth, mode, options.safeCut);
	}

	// Every UTF-16 unit is at most 2 columns wide, so a short line fits without measuring.
	if (line.length * 2 <= firstWidth) {
		return [0, mode === 'words' ? trimmedEnd(line, 0, line.length) : line.length];
	}

	return breakGraphemes(line, firstWidth, restWidth, mode, options.safeCut);
}

/** `end` moved back over trailing spaces, not before `start`: in words mode they show nothing. */
function trimmedEnd(line: string, start: number, end: number): number {
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

// Code points that join the cluster before them: marks, variation selectors, emoji modifiers, tags.
const extender = /^[\p{M}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]$/u;
const zeroWidthJoiner = 0x20_0d;
const pictographic = /^\p{Extended_Pictographic}$/u;

function isRegionalIndicator(code: number): boolean {
	return code >= 0x1_f1_e6 && code <= 0x1_f1_ff;
}

function isLeadingJamo(code: number): boolean {
	return (code >= 0x11_00 && code <= 0x11_5f) || (code >= 0xa9_60 && code <= 0xa9_7f);
}

/** Vowel and trailing jamo join any Hangul before them; leading jamo only join leading jamo. */
function joinsHangul(first: number, code: number): boolean {
	if ((code >= 0x11_60 && code <= 0x11_ff) || (code >= 0xd7_b0 && code <= 0xd7_ff)) {
		return isLeadingJamo(first) || (first >= 0x11_60 && first <= 0x11_ff) || (first >= 0xac_00 && first <= 0xd7_a3);
	}

	return isLeadingJamo(code) && isLeadingJamo(first);
}

// Per-BMP-code-unit memo of `extender` (0 unknown, 1 no, 2 yes): the regex runs once per character.
const bmpExtender = new Uint8Array(0x1_00_00);

function isExtender(code: number, line: string, index: number, size: number): boolean {
	if (size === 1) {
		let known = bmpExtender[code]!;
		if (known === 0) {
			known = extender.test(line[index]!) ? 2 : 1;
			bmpExtender[code] = known;
		}

		return known === 2;
	}

	return extender.test(line.slice(index, index + size));
}

/**
 * Start offsets of the grapheme clusters of `line` (plus its length at the end). Intl.Segmenter
 * costs several µs per character on Node 20, so this approximates UAX #29 for what changes
 * display width: marks, variation selectors, emoji modifiers and tags join the previous cluster,
 * ZWJ joins its neighbours, regional indicators pair up into flags, Hangul jamo join syllables.
 */
function clusterOffsets(line: string): number[] {
	const offsets: number[] = [];
	const {length} = line;
	let index = 0;
	while (index < length) {
		offsets.push(index);
		const first = line.codePointAt(index)!;
		index += first > 0xff_ff ? 2 : 1;
		let flagHalf = isRegionalIndicator(first);
		while (index < length) {
			const code = line.codePointAt(index)!;
			const size = code > 0xff_ff ? 2 : 1;
			if (code === zeroWidthJoiner) {
				index += 1;
				// ZWJ glues emoji together (👩‍👩‍👧); before anything else it is just an extender.
				const after = index < length ? line.codePointAt(index)! : 0;
				if (after > 0xff && pictographic.test(String.fromCodePoint(after))) {
					index += after > 0xff_ff ? 2 : 1;
				}
			} else if (code >= 0x3_00 && isExtender(code, line, index, size)) {
				index += size;
			} else if (flagHalf && isRegionalIndicator(code)) {
				flagHalf = false;
				index += size;
			} else if (joinsHangul(first, code)) {
				index += size;
			} else {
				break;
			}
		}
	}

	offsets.push(length);
	return offsets;
}

function splitWideClusters(line: string, offsets: number[], widths: number[], limit: number): [number[], number[]] {
	const newOffsets: number[] = [];
	const newWidths: number[] = [];
	for (let index = 0; index < widths.length; index++) {
		if (widths[index]! <= limit) {
			newOffsets.push(offsets[index]!);
			newWidths.push(widths[index]!);
			continue;
		}

		for (let at = offsets[index]!; at < offsets[index + 1]!;) {
			const size = line.codePointAt(at)! > 0xff_ff ? 2 : 1;
			newOffsets.push(at);
			newWidths.push(graphemeWidth(line.slice(at, at + size)));
			at += size;
		}
	}

	newOffsets.push(line.length);
	return [newOffsets, newWidths];
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

/**
 * Word-wraps plain, sanitized text to `width` columns: breaks at spaces, cuts words longer than
 * the width, keeps blank lines, expands tabs.
 */
export function wrapText(text: string, width: number, mode: WrapMode = 'words'): string[] {
	const out: string[] = [];
	for (const raw of text.split('\n')) {
		const line = expandTabs(raw);
		if (line.length <= width && (line.length * 2 <= width || printableAscii.test(line))) {
			out.push(mode === 'words' ? line.slice(0, trimmedEnd(line, 0, line.length)) : line);
			continue;
		}

		const ranges = breakLine(line, {width, mode});
		for (let index = 0; index < ranges.length; index += 2) {
			out.push(line.slice(ranges[index], ranges[index + 1]));
		}
	}

	return out;
}

/** Expands tabs across runs, counting columns from each line start. */
function expandRunTabs(runs: readonly StyledRun[]): readonly StyledRun[] {
	if (!runs.some(run => run.text.includes('\t'))) {
		return runs;
	}

	let column = 0;
	return runs.map(run => {
		const lines = run.text.split('\n');
		const expanded = lines.map((line, index) => {
			if (index > 0) {
				column = 0;
			}

			const result = expandTabs(line, column);
			column += textWidth(result);
			return result;
		});
		return {text: expanded.join('\n'), style: run.style};
	});
}

/**
 * Wraps styled text: runs are joined, broken like `breakLine` (at \n too), and every output line
 * styles its own pieces, so no style is left open across lines. `width` may be a number or full
 * break options (the first output line gets `width`, later ones `restWidth`).
 */
export function wrapStyled(runs: readonly StyledRun[], options: BreakOptions | number): string[] {
	const breakOptions: BreakOptions = typeof options === 'number' ? {width: options} : options;
	const expanded = expandRunTabs(runs);
	const plain = expanded.map(run => run.text).join('');
	const runEnds: number[] = [];
	let total = 0;
	for (const run of expanded) {
		total += run.text.length;
		runEnds.push(total);
	}

	const out: string[] = [];
	let runIndex = 0;
	let lineStart = 0;
	let firstLine = true;
	while (lineStart <= plain.length) {
		let lineEnd = plain.indexOf('\n', lineStart);
		if (lineEnd < 0) {
			lineEnd = plain.length;
		}

		const line = plain.slice(lineStart, lineEnd);
		const ranges = breakLine(
			line,
			firstLine ? breakOptions : {...breakOptions, width: breakOptions.restWidth ?? breakOptions.width},
		);
		firstLine = false;
		for (let index = 0; index < ranges.length; index += 2) {
			const start = lineStart + ranges[index]!;
			const end = lineStart + ranges[index + 1]!;
			while (runIndex < expanded.length && runEnds[runIndex]! <= start && runEnds[runIndex]! < plain.length) {
				runIndex++;
			}

			out.push(styleSpan(expanded, runEnds, runIndex, start, end));
		}

		lineStart = lineEnd + 1;
	}

	return out;
}

/** Styles plain[start, end) run by run, starting the search at run `from`. */
function styleSpan(runs: readonly StyledRun[], runEnds: readonly number[], from: number, start: number, end: number): string {
	let out = '';
	let position = start;
	for (let index = from; index < runs.length && position < end; index++) {
		const runEnd = runEnds[index]!;
		if (runEnd <= position) {
			continue;
		}

		const runStart = runEnd - runs[index]!.text.length;
		const pieceEnd = Math.min(end, runEnd);
		const piece = runs[index]!.text.slice(position - runStart, pieceEnd - runStart);
		const style = runs[index]!.style;
		out += style ? style(piece) : piece;
		position = pieceEnd;
	}

	return out;
}
