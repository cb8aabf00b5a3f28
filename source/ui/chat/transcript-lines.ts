import type {StoredMessage} from '../../store/types.js';
import type {StreamingReply} from '../../state/chat-state.js';
import {thinkingMs} from '../../state/chat-state.js';
import {keysLabel} from '../keys.js';
import {renderMarkdown, sanitize, theme, wrapText, StreamingMarkdown} from '../text/index.js';
import {hasThinking, StreamingThinking, thoughtLines} from './thinking-lines.js';
import type {ThinkingView} from './thinking-lines.js';

/**
 * Turns messages into the transcript's pre-wrapped lines. Finished messages are rendered
 * once per width and cached; only the streaming reply is re-rendered, incrementally.
 */

const indent = '  ';

export function userHeader(user: string): string {
	return theme.userHeader(`❯ ${sanitize(user)}`);
}

export function assistantHeader(model: string, suffix = ''): string {
	return theme.assistantHeader(`◆ ${sanitize(model)}`) + suffix;
}

function indented(lines: readonly string[]): string[] {
	return lines.map(line => indent + line);
}

/**
 * `expanded`: the reply's thinking in full, else its one collapsed line. `marker`: after a reply's header, e.g. " ‹ 2/3 ›"
 * when its turn has alternatives. A reply's header names the model that wrote it; `model` (the current one) only those
 * saved before replies kept their model.
 */
export function messageLines(message: StoredMessage, user: string, model: string, width: number, expanded = false, marker = ''): string[] {
	const bodyWidth = Math.max(10, width - indent.length);
	if (message.role === 'user') {
		return [userHeader(user), ...indented(wrapText(sanitize(message.content), bodyWidth)), ''];
	}
	if (message.role === 'system') {
		return [theme.quiet('system'), ...indented(wrapText(sanitize(message.content), bodyWidth).map(line => theme.quiet(line))), ''];
	}
	const thinking = hasThinking(message.thinking) ? indented(thoughtLines(message.thinking, message.thinkingMs, expanded, bodyWidth)) : [];
	const body = [...thinking, ...(message.content === '' ? [] : indented(renderMarkdown(message.content, bodyWidth)))];
	const writer = message.model ?? model;
	switch (message.status) {
		case 'complete': {
			return [assistantHeader(writer, marker), ...body, ''];
		}
		case 'stopped': {
			return [assistantHeader(writer, marker + theme.warning(' (stopped)')), ...body, indent + theme.warning('(stopped)'), ''];
		}
		case 'error': {
			const error = wrapText(sanitize(message.error ?? 'The reply failed.'), bodyWidth - 2).map((line, i) => indent + theme.error(`${i === 0 ? '✗ ' : '  '}${line}`));
			const hint = indent + theme.quiet(`Your message is kept: ${keysLabel('chat.regenerate')} or /retry asks again.`);
			return [assistantHeader(writer, marker + theme.error(' (failed)')), ...body, ...error, hint, ''];
		}
	}
}

function queueHint(): string {
	return `sent when the reply ends · ↑ on an empty input line edits the last · ${keysLabel('chat.stop')} drops it`;
}

/** The messages waiting to be sent, one line each, under the conversation, then how to take them back. */
export function queuedLines(queued: readonly string[], width: number): string[] {
	const bodyWidth = Math.max(10, width - indent.length);
	return queued.map((text, index) => {
		const label = `⧗ queued ${index + 1}/${queued.length}: `;
		const flat = sanitize(text.replaceAll(/\s+/g, ' ').trim());
		const first = wrapText(flat, Math.max(1, bodyWidth - label.length - 1))[0] ?? '';
		return theme.quiet(`${label}${first}${first.length < flat.length ? '…' : ''}`);
	}).concat(queued.length === 0 ? [] : wrapText(queueHint(), Math.max(10, width - 2)).map(line => theme.quiet(`  ${line}`)));
}

/** Caches finished messages' lines by id, width and whether thinking is expanded; a change of either drops the old entries. */
export class TranscriptCache {
	private width = -1;
	private expanded = false;
	private readonly byId = new Map<number, {marker: string; lines: string[]}>();
	private streaming = new StreamingMarkdown();
	private thinking = new StreamingThinking();
	private streamKey = -1;

	constructor(private readonly user: string, private readonly model: string) {}

	lines(message: StoredMessage, width: number, view: ThinkingView, marker = ''): string[] {
		this.resize(width, view.expanded);
		const cached = this.byId.get(message.id);
		if (cached?.marker === marker) return cached.lines;
		const lines = messageLines(message, this.user, this.model, width, view.expanded, marker);
		this.byId.set(message.id, {marker, lines});
		return lines;
	}

	/** The reply's start time identifies it: a new reply starts new incremental renderers. `now` times its thinking. */
	streamingLines(reply: StreamingReply, now: number, width: number, spinner: string, view: ThinkingView): string[] {
		this.resize(width, view.expanded);
		if (reply.startedAt !== this.streamKey) {
			this.streamKey = reply.startedAt;
			this.streaming = new StreamingMarkdown();
			this.thinking = new StreamingThinking();
		}
		const bodyWidth = Math.max(10, width - indent.length);
		const ms = thinkingMs(reply, now);
		const thinking = ms !== null && hasThinking(reply.thinking)
			? indented(this.thinking.lines(reply.thinking, ms, reply.thinkingEndedAt !== null, view, bodyWidth))
			: [];
		const body = reply.text === '' ? [] : indented(this.streaming.render(reply.text, bodyWidth));
		return [assistantHeader(this.model), ...thinking, ...body, indent + theme.spinner(spinner)];
	}

	private resize(width: number, expanded: boolean): void {
		if (width === this.width && expanded === this.expanded) return;
		this.width = width;
		this.expanded = expanded;
		this.byId.clear();
	}
}
