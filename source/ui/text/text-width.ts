/**
 * Display width of sanitized text, by grapheme cluster: printable ASCII is 1 column per
 * character; other clusters are measured once with string-width and memoized. Clusters are found
 * here rather than with Intl.Segmenter, which costs several µs per character on Node 20.
 */
import stringWidth from 'string-width';

const printableAscii = /^[\u0020-\u007E]*$/;

/** True when every character is printable ASCII (width = length). */
export function isPrintableAscii(text: string): boolean {
	return printableAscii.test(text);
}

// Grapheme widths repeat a lot (CJK text, emoji); measuring each only once keeps wrapping cheap.
const widthCache = new Map<string, number>();
const widthCacheLimit = 8192;

// Widths of single UTF-16 units (most of CJK), memoized as width + 1 (0 = not measured yet).
const bmpWidths = new Uint8Array(0x1_00_00);

export function unitWidth(code: number): number {
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

export function graphemeWidth(grapheme: string): number {
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
	if (isPrintableAscii(text)) {
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

// Code points that join the cluster before them: marks, variation selectors, emoji modifiers, tags,
// and Thai/Lao SARA AM (letters that UAX #29 treats as spacing marks).
const extender = /^[\p{M}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\p{Emoji_Modifier}\u{E0020}-\u{E007F}\u0E33\u0EB3]$/u;
const zeroWidthJoiner = 0x20_0d;
const pictographic = /^\p{Extended_Pictographic}$/u;

/** The viramas of Devanagari, Bengali, Gujarati, Oriya, Telugu and Malayalam. */
function isIndicLinker(code: number): boolean {
	return code === 0x9_4d || code === 0x9_cd || code === 0xa_cd || code === 0xb_4d || code === 0xc_4d || code === 0xd_4d;
}

function isRegionalIndicator(code: number): boolean {
	return code >= 0x1_f1_e6 && code <= 0x1_f1_ff;
}

type HangulKind = 'L' | 'V' | 'T' | 'LV' | 'LVT' | undefined;

function hangulKind(code: number): HangulKind {
	if ((code >= 0x11_00 && code <= 0x11_5f) || (code >= 0xa9_60 && code <= 0xa9_7f)) return 'L';
	if ((code >= 0x11_60 && code <= 0x11_a7) || (code >= 0xd7_b0 && code <= 0xd7_c6)) return 'V';
	if ((code >= 0x11_a8 && code <= 0x11_ff) || (code >= 0xd7_cb && code <= 0xd7_fb)) return 'T';
	if (code >= 0xac_00 && code <= 0xd7_a3) return (code - 0xac_00) % 28 === 0 ? 'LV' : 'LVT';
	return undefined;
}

/** UAX #29 GB6–GB8: L × (L | V | LV | LVT); (LV | V) × (V | T); (LVT | T) × T — decided by the code point just before. */
function joinsHangul(previous: number, code: number): boolean {
	const before = hangulKind(previous);
	if (before === undefined) return false;
	const kind = hangulKind(code);
	switch (kind) {
		case 'L': {
			return before === 'L';
		}
		case 'V': {
			return before === 'L' || before === 'LV' || before === 'V';
		}
		case 'T': {
			return before !== 'L';
		}
		case 'LV':
		case 'LVT': {
			return before === 'L';
		}
		case undefined: {
			return false;
		}
	}
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
 * ZWJ joins emoji, regional indicators pair up into flags, Hangul jamo join syllables, and a
 * virama joins Indic consonants into conjuncts.
 */
export function clusterOffsets(line: string): number[] {
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
			} else if (joinsHangul(line.codePointAt(index - 1)!, code)) {
				index += size;
			} else if (isIndicLinker(line.charCodeAt(index - 1)) && code >= 0x9_00 && code <= 0xd_7f) {
				index += size; // A virama joins the next consonant into one conjunct (UAX #29 GB9c).
			} else {
				break;
			}
		}
	}

	offsets.push(length);
	return offsets;
}

export function splitWideClusters(line: string, offsets: number[], widths: number[], limit: number): [number[], number[]] {
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
