/**
 * Grapheme clusters (user-perceived characters) with Intl.Segmenter, the one place the app splits
 * text: wrapping, truncation, the composer's cursor and the picker's fields all use these.
 *
 * Measured with bench/segmenter.ts on mixed CJK/emoji/Indic text, on this project's 2-core machines
 * under load: Node 24.21 segments 100,000 characters in 3–15 ms and 1,000,000 in 55–65 ms (linear);
 * Node 20.20 took 8 s for 100,000 (quadratic), which is why there were three hand-written splitters.
 *
 * The segmenter costs ~1.7 µs to set up per string and ~70 ns per cluster, several times more than
 * a plain loop, so positions where a boundary is certain skip it: between two characters that
 * are each printable ASCII, a precomposed Latin letter, a CJK ideograph, kana or a precomposed
 * Hangul syllable, no rule of UAX #29 joins (all are Grapheme_Cluster_Break Other or LV/LVT, none
 * Prepend, Extend, ZWJ or an Indic consonant), so there is always a break (GB999).
 * test/ui/text/graphemes.test.ts checks every such character against the segmenter.
 */

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** A character after which, when the next one is also simple, a cluster surely ends. */
function isSimple(code: number): boolean {
	if (code < 0x3000) {
		return (code >= 0x20 && code < 0x7f)
			|| (code >= 0xa0 && code <= 0x2_4f && code !== 0xad); // Latin-1 and Latin Extended letters (not the soft hyphen)
	}

	return (code >= 0x4e00 && code <= 0x9fff) // CJK Unified Ideographs
		|| (code >= 0x3041 && code <= 0x3096) // Hiragana (the combining sound marks 3099–309A excluded)
		|| (code >= 0x30a1 && code <= 0x30fa) // Katakana
		|| (code >= 0xac00 && code <= 0xd7a3) // Hangul syllables
		|| code === 0x3001 || code === 0x3002 || code === 0x30fc; // 、。ー
}

/** True when a cluster boundary surely lies before `index` (0 < index < text.length). */
function certainBoundary(text: string, index: number): boolean {
	return isSimple(text.charCodeAt(index - 1)) && isSimple(text.charCodeAt(index));
}

/** Start offsets of the grapheme clusters of `text`, followed by its length. */
export function graphemeOffsets(text: string): number[] {
	const offsets: number[] = [];
	const {length} = text;
	let segments: Intl.Segments | undefined;
	let index = 0;
	while (index < length) {
		offsets.push(index);
		if (isSimple(text.charCodeAt(index)) && (index + 1 === length || isSimple(text.charCodeAt(index + 1)))) {
			index++;
			continue;
		}

		segments ??= segmenter.segment(text);
		index += segments.containing(index)!.segment.length;
	}

	offsets.push(length);
	return offsets;
}

/** The grapheme clusters of `text`, in order. */
export function graphemes(text: string): string[] {
	const offsets = graphemeOffsets(text);
	const parts: string[] = [];
	for (let index = 0; index < offsets.length - 1; index++) {
		parts.push(text.slice(offsets[index], offsets[index + 1]));
	}

	return parts;
}

/** True when a cluster surely starts at `index`: the text's start or end, after a newline, or a certain boundary. */
export function surelyStarts(text: string, index: number): boolean {
	return index <= 0 || index >= text.length || text.charCodeAt(index - 1) === 10 || certainBoundary(text, index);
}

/** The cluster boundary before `offset` (itself a boundary); 0 at the start. */
export function previousBoundary(text: string, offset: number): number {
	if (offset <= 0) {
		return 0;
	}

	// Segment only from the nearest point before where a cluster surely starts.
	let start = offset - 1;
	while (!surelyStarts(text, start)) {
		start--;
	}

	const offsets = graphemeOffsets(text.slice(start, offset));
	return start + offsets.at(-2)!;
}

/** The cluster boundary after `offset` (itself a boundary); the text's length at the end. */
export function nextBoundary(text: string, offset: number): number {
	if (offset >= text.length) {
		return text.length;
	}

	let end = offset + 1;
	while (!surelyStarts(text, end)) {
		end++;
	}

	return end === offset + 1 ? end : offset + segmenter.segment(text.slice(offset, end)).containing(0)!.segment.length;
}
