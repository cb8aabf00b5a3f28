/**
 * Characters that print nothing yet change how text reads: bidi embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069) can make a reply read backwards, zero-width spaces and joiners hide
 * inside words, line/paragraph separators break lines the layout does not know about, tag
 * characters carry invisible ASCII. For display they are replaced by a visible placeholder such as
 * ⟨U+202E⟩ (the JSON pane uses `\u202e` escapes instead); the stored text keeps them.
 *
 * Candidates: every format character (Cf), U+2028/2029 (Zl, Zp) and lone surrogates (which become
 * one U+FFFD). Left as they are, because they are how some text is written:
 * - ZWJ U+200D after an emoji (👩‍👩‍👧, 🏳️‍🌈), and ZWJ/ZWNJ after a letter or mark of a script that
 *   shapes with them (क्‍ष, Malayalam chillu ന്‍, Persian می‌خواهم);
 * - tag characters in an emoji subdivision flag (🏴 + up to 6 tags, as in 🏴󠁧󠁢󠁳󠁣󠁴󠁿);
 * - the visible prepended concatenation marks (Arabic number signs U+0600–0605 …).
 * Decisions look only at the character before, so a stream split anywhere gives the same text.
 */

// In a /u regex \p{Cs} matches only an unpaired surrogate: a well-formed pair is one code point.
const candidateTest = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const candidates = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const zeroWidthJoiner = 0x20_0d;
const zeroWidthNonJoiner = 0x20_0c;
const blackFlag = 0x1_f3_f4;
const cancelTag = 0xe_00_7f;
const longestTagRun = 6;

const emojiBeforeJoiner = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
// Scripts whose letters join or form conjuncts under control of ZWJ/ZWNJ.
const joiningScript = new RegExp(
	`^[${[
		'Arabic', 'Syriac', 'Nko', 'Mongolian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil',
		'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Tibetan', 'Myanmar', 'Khmer',
	].map(script => `\\p{Script_Extensions=${script}}`).join('')}]$`,
	'u',
);

function isVisibleFormat(code: number): boolean {
	return (code >= 0x6_00 && code <= 0x6_05) || code === 0x6_dd || code === 0x7_0f || code === 0x8_90 || code === 0x8_91
		|| code === 0x8_e2 || code === 0x1_10_bd || code === 0x1_10_cd;
}

function isSubdivisionTag(code: number): boolean {
	return (code >= 0xe_00_30 && code <= 0xe_00_39) || (code >= 0xe_00_61 && code <= 0xe_00_7a) || code === cancelTag;
}

function isSurrogate(code: number): boolean {
	return code >= 0xd8_00 && code <= 0xdf_ff;
}

/** Code point that ends just before `index` (-1 at the start). */
function codePointBefore(text: string, index: number): number {
	if (index <= 0) {
		return -1;
	}

	const low = text.charCodeAt(index - 1);
	if (low >= 0xdc_00 && low <= 0xdf_ff && index >= 2) {
		const high = text.charCodeAt(index - 2);
		if (high >= 0xd8_00 && high <= 0xdb_ff) {
			return text.codePointAt(index - 2)!;
		}
	}

	return low;
}

/** `⟨U+202E⟩`: what the panes show for a hidden character. */
export function placeholder(code: number): string {
	return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** True when `text` may hold a hidden character or a lone surrogate (cheap test for a fast path). */
export function mayHideCharacters(text: string): boolean {
	return candidateTest.test(text);
}

/**
 * Replaces hidden characters with `show(code)` and lone surrogates with U+FFFD, in a text that may
 * arrive in chunks: `push` each chunk in order. A high surrogate at the end of a chunk waits for
 * the next one (its other half may be there); `end` gives it back as U+FFFD.
 */
export class HiddenCharacters {
	/** The last code point pushed (-1 before any). */
	private previous = -1;
	/** Tag characters kept in a row right before the next chunk (0 when the last character was not one). */
	private tags = 0;
	private pendingHigh = '';

	constructor(private readonly show: (code: number) => string) {}

	push(chunk: string): string {
		let text = this.pendingHigh === '' ? chunk : this.pendingHigh + chunk;
		this.pendingHigh = '';
		const last = text.charCodeAt(text.length - 1);
		if (last >= 0xd8_00 && last <= 0xdb_ff) {
			this.pendingHigh = text.slice(-1);
			text = text.slice(0, -1);
		}

		if (text === '') {
			return '';
		}

		if (!candidateTest.test(text)) {
			this.previous = codePointBefore(text, text.length);
			this.tags = 0;
			return text;
		}

		let out = '';
		let copied = 0;
		let tags = this.tags;
		let tagsEnd = 0;
		candidates.lastIndex = 0;
		for (let match = candidates.exec(text); match !== null; match = candidates.exec(text)) {
			const index = match.index;
			const code = match[0].codePointAt(0)!;
			const previous = index === 0 ? this.previous : codePointBefore(text, index);
			if (tagsEnd !== index) {
				tags = 0;
			}

			const kept = this.keeps(code, previous, tags);
			if (isSubdivisionTag(code) && kept) {
				tags = code === cancelTag ? 0 : tags + 1;
				tagsEnd = index + match[0].length;
			}

			if (!kept) {
				out += text.slice(copied, index) + (isSurrogate(code) ? '\uFFFD' : this.show(code));
				copied = index + match[0].length;
			}
		}

		this.previous = codePointBefore(text, text.length);
		this.tags = tagsEnd === text.length ? tags : 0;
		return copied === 0 ? text : out + text.slice(copied);
	}

	/** What a high surrogate left waiting at the end of the text becomes: U+FFFD, or nothing. */
	end(): string {
		const rest = this.pendingHigh === '' ? '' : '\uFFFD';
		this.pendingHigh = '';
		return rest;
	}

	/** Whether the candidate `code` after `previous` stays as it is. */
	private keeps(code: number, previous: number, tagsBefore: number): boolean {
		if (isSurrogate(code)) {
			return false;
		}

		if (code === zeroWidthJoiner || code === zeroWidthNonJoiner) {
			if (previous < 0) {
				return false;
			}

			const before = String.fromCodePoint(previous);
			return (code === zeroWidthJoiner && emojiBeforeJoiner.test(before)) || joiningScript.test(before);
		}

		if (isSubdivisionTag(code)) {
			const inFlag = previous === blackFlag || (tagsBefore > 0 && isSubdivisionTag(previous));
			return inFlag && tagsBefore < longestTagRun && !(code === cancelTag && tagsBefore === 0);
		}

		return isVisibleFormat(code);
	}
}
