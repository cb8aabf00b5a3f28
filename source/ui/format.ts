/**
 * Small pure formatters for what the UI shows: relative times, counts, one-line text. Widths,
 * truncation and padding live in the text module (`source/ui/text`).
 */

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

/**
 * 1234 → "1,234" (whole numbers; the picker's header shows one in the first frame). Not toLocaleString: its first call
 * sets up ICU's number formatting, 9-10 ms of the start-up (measured on Node 24), for a comma every three digits.
 */
export function formatCount(count: number): string {
	const digits = String(Math.abs(Math.trunc(count)));
	const grouped = digits.replaceAll(/\B(?=(?:\d{3})+$)/g, ',');
	return count < 0 ? `-${grouped}` : grouped;
}

/** 1 → "1 msg", 12 → "12 msgs". */
export function formatMessageCount(count: number): string {
	return `${formatCount(count)} ${count === 1 ? 'msg' : 'msgs'}`;
}

/** Newlines, carriage returns and tabs become spaces so the text stays on one row. */
export function oneLine(text: string): string {
	return text.replaceAll(/\r\n|[\r\n\t]/g, ' ');
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xD8_00 && code <= 0xDB_FF;
}

/** At most `length` UTF-16 units from the start, never ending inside a surrogate pair (a bound on stored or typed text, not a width). */
export function leading(text: string, length: number): string {
	if (text.length <= length) {
		return text;
	}

	return text.slice(0, isHighSurrogate(text.charCodeAt(length - 1)) ? length - 1 : length);
}
