import type {StoredMessage} from '../../store/types.js';
import {keysLabel} from '../keys.js';
import {renderMarkdown, sanitize, theme, wrapText, StreamingMarkdown} from '../text/index.js';

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

/** `marker`: after a reply's header, e.g. " ‹ 2/3 ›" when its turn has alternatives. */
export function messageLines(message: StoredMessage, user: string, model: string, width: number, marker = ''): string[] {
	const bodyWidth = Math.max(10, width - indent.length);
	if (message.role === 'user') {
		return [userHeader(user), ...indented(wrapText(sanitize(message.content), bodyWidth)), ''];
	}
	if (message.role === 'system') {
		return [theme.quiet('system'), ...indented(wrapText(sanitize(message.content), bodyWidth).map(line => theme.quiet(line))), ''];
	}
	const body = message.content === '' ? [] : indented(renderMarkdown(message.content, bodyWidth));
	switch (message.status) {
		case 'complete': {
			return [assistantHeader(model, marker), ...body, ''];
		}
		case 'stopped': {
			return [assistantHeader(model, marker + theme.warning(' (stopped)')), ...body, indent + theme.warning('(stopped)'), ''];
		}
		case 'error': {
			const error = wrapText(sanitize(message.error ?? 'The reply failed.'), bodyWidth - 2).map((line, i) => indent + theme.error(`${i === 0 ? '✗ ' : '  '}${line}`));
			const hint = indent + theme.quiet(`Your message is kept: ${keysLabel('chat.regenerate')} or /retry asks again.`);
			return [assistantHeader(model, marker + theme.error(' (failed)')), ...body, ...error, hint, ''];
		}
	}
}

/** The messages waiting to be sent, one line each, under the conversation. */
export function queuedLines(queued: readonly string[], width: number): string[] {
	const bodyWidth = Math.max(10, width - indent.length);
	return queued.map((text, index) => {
		const label = `⧗ queued ${index + 1}/${queued.length}: `;
		const flat = sanitize(text.replaceAll(/\s+/g, ' ').trim());
		const first = wrapText(flat, Math.max(1, bodyWidth - label.length - 1))[0] ?? '';
		return theme.quiet(`${label}${first}${first.length < flat.length ? '…' : ''}`);
	});
}

/** Caches finished messages' lines by id and width; a new width drops the old entries. */
export class TranscriptCache {
	private width = -1;
	private readonly byId = new Map<number, {marker: string; lines: string[]}>();
	private streaming = new StreamingMarkdown();
	private streamKey = -1;

	constructor(private readonly user: string, private readonly model: string) {}

	lines(message: StoredMessage, width: number, marker = ''): string[] {
		this.resize(width);
		const cached = this.byId.get(message.id);
		if (cached?.marker === marker) return cached.lines;
		const lines = messageLines(message, this.user, this.model, width, marker);
		this.byId.set(message.id, {marker, lines});
		return lines;
	}

	/** `key` identifies the reply (its start time): a new reply starts a new incremental renderer. */
	streamingLines(key: number, text: string, width: number, spinner: string): string[] {
		this.resize(width);
		if (key !== this.streamKey) {
			this.streamKey = key;
			this.streaming = new StreamingMarkdown();
		}
		const bodyWidth = Math.max(10, width - indent.length);
		const body = text === '' ? [] : indented(this.streaming.render(text, bodyWidth));
		return [assistantHeader(this.model), ...body, indent + theme.spinner(spinner)];
	}

	private resize(width: number): void {
		if (width === this.width) return;
		this.width = width;
		this.byId.clear();
	}
}
