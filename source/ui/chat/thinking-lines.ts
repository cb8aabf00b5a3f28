/**
 * A reply's thinking in the transcript. While the model thinks: a dim block that grows under "▾ Thinking… 7 s"
 * (with --hide-thinking, that one line only). Once the answer begins, and for stored replies: one collapsed line,
 * "▸ Thought for 12 s — Ctrl+X to expand", or the whole thinking under "▾ …" while the user has it expanded.
 * Thinking is model output, so untrusted: sanitized before it is shown. Lines are `width` columns at most
 * (the body's width; the caller indents them).
 */
import {keysLabel} from '../keys.js';
import {sanitize, theme, truncateEnd, wrapText} from '../text/index.js';

export interface ThinkingView {
	/** Every reply's thinking in full (the toggle), else each as its collapsed line. */
	expanded: boolean;
	/** --hide-thinking: while the model thinks, the one line with its time, never the text (unless expanded). */
	hideLive: boolean;
}

/** Sets the thinking apart from the answer under it. */
const gutter = '┊ ';

/** "12 s", "2 min 5 s", "under a second". */
export function thinkingDuration(ms: number): string {
	if (ms < 1000) return 'under a second';
	const seconds = Math.round(ms / 1000);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Whether there is anything to show: servers send a blank thinking for "no thinking" now and then. */
export function hasThinking(thinking: string | null): thinking is string {
	return thinking !== null && /\S/.test(thinking);
}

function headLine(text: string, width: number): string {
	return theme.quiet(truncateEnd(text, width));
}

/** The collapsed line, or the head of the expanded block. `ms` null: the time is not known (an imported reply). */
function thoughtHead(ms: number | null, expanded: boolean, width: number): string {
	const time = ms === null ? 'Thought' : `Thought for ${thinkingDuration(ms)}`;
	return headLine(`${expanded ? '▾' : '▸'} ${time} — ${keysLabel('chat.thinking')} to ${expanded ? 'collapse' : 'expand'}`, width);
}

function styled(line: string): string {
	return theme.quiet(line === '' ? gutter.trimEnd() : gutter + line);
}

/** Blank lines before and after the thinking (a <think> block's own line breaks) are not worth a row. */
function trimBlankLines(text: string): string {
	return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

/** A finished thinking (a stored reply's): the collapsed line, or the whole of it with a blank line after. */
export function thoughtLines(thinking: string, ms: number | null, expanded: boolean, width: number): string[] {
	if (!expanded) return [thoughtHead(ms, false, width)];
	const body = wrapText(sanitize(trimBlankLines(thinking)), Math.max(1, width - gutter.length)).map(line => styled(line));
	return [thoughtHead(ms, true, width), ...body, ''];
}

/**
 * The streaming reply's thinking, wrapped as it grows: text up to its last line break is wrapped (and sanitized) once,
 * only the line still arriving is wrapped again on each frame (a 30 KB thinking streamed 40 characters a frame:
 * 43 µs a frame, against 70 µs wrapping all of it each time; measured here).
 */
export class StreamingThinking {
	#width = -1;
	/** How much of the text is in `#done`. */
	#consumed = 0;
	#done: string[] = [];
	/** No line shown yet: leading blank lines are dropped. */
	#blankSoFar = true;
	/** Blank lines at the end of `#done`, left out while nothing follows them. */
	#trailingBlanks = 0;

	/** The reply's thinking: while it still thinks (`ended` false), or after its answer began. */
	lines(text: string, ms: number, ended: boolean, view: ThinkingView, width: number): string[] {
		const expanded = view.expanded;
		if (ended) return expanded ? [thoughtHead(ms, true, width), ...this.#body(text, width), ''] : [thoughtHead(ms, false, width)];
		const time = `Thinking… ${Math.floor(ms / 1000)} s`;
		if (view.hideLive && !expanded) return [headLine(`▸ ${time} — ${keysLabel('chat.thinking')} to expand`, width)];
		return [headLine(`▾ ${time}`, width), ...this.#body(text, width)];
	}

	/** `text` only grows between calls (one reply's thinking); a new width wraps it again from the start. */
	#body(text: string, width: number): string[] {
		if (width !== this.#width || text.length < this.#consumed) {
			this.#width = width;
			this.#consumed = 0;
			this.#done = [];
			this.#blankSoFar = true;
			this.#trailingBlanks = 0;
		}
		const wrapWidth = Math.max(1, width - gutter.length);
		const cut = text.lastIndexOf('\n') + 1;
		if (cut > this.#consumed) {
			for (const line of wrapText(sanitize(text.slice(this.#consumed, cut - 1)), wrapWidth)) {
				const blank = line.trim() === '';
				if (this.#blankSoFar && blank) continue;
				this.#blankSoFar = false;
				this.#trailingBlanks = blank ? this.#trailingBlanks + 1 : 0;
				this.#done.push(styled(blank ? '' : line));
			}
			this.#consumed = cut;
		}
		const tail = text.slice(this.#consumed);
		if (!/\S/.test(tail)) return this.#done.slice(0, this.#done.length - this.#trailingBlanks);
		return [...this.#done, ...wrapText(sanitize(tail), wrapWidth).map(line => styled(line))];
	}
}
