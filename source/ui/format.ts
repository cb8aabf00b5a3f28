/**
 * Small pure formatters for what the UI shows: relative times, counts, and width-aware
 * truncation/padding (terminal cells, so CJK and emoji count as two).
 */

import stringWidth from 'string-width';

const minute = 60_000;
const hour = 60 * minute;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function startOfDay(time: number): number {
	const date = new Date(time);
	return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/**
 * "just now", "5 min ago", "3 h ago", "yesterday", "12 Mar" (or "12 Mar 2023" for another year),
 * in local time. Times in the future (clock skew between machines) count as "just now".
 */
export function relativeTime(then: number, now: number): string {
	const elapsed = now - then;
	if (elapsed < minute) {
		return 'just now';
	}

	if (elapsed < hour) {
		return `${Math.floor(elapsed / minute)} min ago`;
	}

	const today = startOfDay(now);
	// Hours read better than "yesterday" for a session from late last night.
	if (then >= today || elapsed < 6 * hour) {
		return `${Math.floor(elapsed / hour)} h ago`;
	}

	const yesterday = startOfDay(today - 1);
	if (then >= yesterday) {
		return 'yesterday';
	}

	const date = new Date(then);
	const dayMonth = `${date.getDate()} ${months[date.getMonth()]!}`;
	return date.getFullYear() === new Date(now).getFullYear() ? dayMonth : `${dayMonth} ${date.getFullYear()}`;
}

/** 1234 → "1,234". */
export function formatCount(count: number): string {
	return count.toLocaleString('en-US');
}

/** 1 → "1 msg", 12 → "12 msgs". */
export function formatMessageCount(count: number): string {
	return `${formatCount(count)} ${count === 1 ? 'msg' : 'msgs'}`;
}

/** Newlines, carriage returns and tabs become spaces so the text stays on one row. */
export function oneLine(text: string): string {
	return text.replaceAll(/\r\n|[\r\n\t]/g, ' ');
}

const segmenter = new Intl.Segmenter();

// Node 20's Intl.Segmenter (and string-width, which uses it) gets slower than linear on long
// strings: 80,000 characters take minutes. Long text is segmented in pieces instead, cut where
// a grapheme boundary is certain, and truncation only ever measures a bounded part of the text.
const pieceLength = 512;

function isPrintableAscii(code: number): boolean {
	return code >= 0x20 && code < 0x7F;
}

/** Characters that attach to the one before them: marks, joiners, variation selectors, skin tones, tags, Hangul vowels and finals. */
// eslint-disable-next-line no-misleading-character-class -- combining characters are what it matches
const attaches = /^[\p{M}\u200C\u200D\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u1160-\u11FF\uD7B0-\uD7FB]$/u;
const regionalIndicator = /^\p{RI}$/u;

/** Whether a grapheme surely starts at `index` (which is past the start of the text). */
function startsGrapheme(text: string, index: number): boolean {
	if (isLowSurrogate(text.charCodeAt(index)) || text.charCodeAt(index - 1) === 0x20_0D) {
		return false;
	}

	const current = String.fromCodePoint(text.codePointAt(index)!);
	if (attaches.test(current)) {
		return false;
	}

	// Flags are pairs of regional indicators; a cut between two of them might split one.
	const before = isLowSurrogate(text.charCodeAt(index - 1)) ? text.slice(index - 2, index) : text.slice(index - 1, index);
	return !(regionalIndicator.test(current) && regionalIndicator.test(before));
}

/** Where to end a piece that starts at `start`: between two printable ASCII characters if possible. */
function pieceEnd(text: string, start: number): number {
	const limit = start + pieceLength;
	if (limit >= text.length) {
		return text.length;
	}

	for (let index = limit; index > start + 1; index--) {
		if (isPrintableAscii(text.charCodeAt(index - 1)) && isPrintableAscii(text.charCodeAt(index))) {
			return index;
		}
	}

	// No ASCII nearby (a long CJK run): cut before a character that does not attach to the one
	// before it. Exotic clusters cut here may split; acceptable for display.
	const giveUp = Math.min(text.length, limit + pieceLength);
	for (let index = limit; index < giveUp; index++) {
		if (startsGrapheme(text, index)) {
			return index;
		}
	}

	// Abuse (thousands of marks or flags in a row): any cut outside a surrogate pair will do.
	return giveUp < text.length && isLowSurrogate(text.charCodeAt(giveUp)) ? giveUp + 1 : giveUp;
}

/** User-perceived characters, so an emoji or accented letter is never cut in half. Linear in the length. */
export function graphemes(text: string): string[] {
	const parts: string[] = [];
	for (let start = 0; start < text.length;) {
		const end = pieceEnd(text, start);
		for (const part of segmenter.segment(text.slice(start, end))) {
			parts.push(part.segment);
		}

		start = end;
	}

	return parts;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xD8_00 && code <= 0xDB_FF;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xDC_00 && code <= 0xDF_FF;
}

/** At most `length` UTF-16 units from the start, never ending inside a surrogate pair. */
export function leading(text: string, length: number): string {
	if (text.length <= length) {
		return text;
	}

	return text.slice(0, isHighSurrogate(text.charCodeAt(length - 1)) ? length - 1 : length);
}

/** At most `length` UTF-16 units from the end, never starting inside a surrogate pair. */
function trailing(text: string, length: number): string {
	if (text.length <= length) {
		return text;
	}

	const start = text.length - length;
	return text.slice(isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start);
}

/** Enough of a text to fill `width` cells: outside of abuse a cell never takes more UTF-16 units than this. */
function measurable(width: number): number {
	return (width + 1) * 16;
}

/** The number of terminal cells the text occupies. */
export function cellWidth(text: string): number {
	return stringWidth(text);
}

/** The text cut to at most `width` cells, ending with "…" when something was cut. */
export function truncateEnd(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const head = leading(text, measurable(width));
	if (head === text && stringWidth(text) <= width) {
		return text;
	}

	let result = '';
	let used = 0;
	for (const part of graphemes(head)) {
		const partWidth = stringWidth(part);
		if (used + partWidth > width - 1) {
			break;
		}

		result += part;
		used += partWidth;
	}

	return `${result}…`;
}

/** The text cut to at most `width` cells from the left, starting with "…" (for paths: the end matters). */
export function truncateStart(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const tail = trailing(text, measurable(width));
	if (tail === text && stringWidth(text) <= width) {
		return text;
	}

	let result = '';
	let used = 0;
	for (const part of graphemes(tail).reverse()) {
		const partWidth = stringWidth(part);
		if (used + partWidth > width - 1) {
			break;
		}

		result = part + result;
		used += partWidth;
	}

	return `…${result}`;
}

/** Truncated to `width` cells, then padded with spaces to exactly `width` cells. */
export function fitEnd(text: string, width: number): string {
	const cut = truncateEnd(text, width);
	return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Truncated to `width` cells, then padded on the left to exactly `width` cells (right-aligned). */
export function fitStart(text: string, width: number): string {
	const cut = truncateEnd(text, width);
	return ' '.repeat(Math.max(0, width - stringWidth(cut))) + cut;
}
