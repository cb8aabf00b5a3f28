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

/** User-perceived characters, so an emoji or accented letter is never cut in half. */
export function graphemes(text: string): string[] {
	return Array.from(segmenter.segment(text), part => part.segment);
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

	if (stringWidth(text) <= width) {
		return text;
	}

	let result = '';
	let used = 0;
	for (const part of graphemes(text)) {
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

	if (stringWidth(text) <= width) {
		return text;
	}

	let result = '';
	let used = 0;
	for (const part of graphemes(text).reverse()) {
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
