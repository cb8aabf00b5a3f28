import {useMemo, useSyncExternalStore} from 'react';
import {highlighterGeneration, onHighlighterLoaded, theme} from '../text/index.js';
import type {StoredMessage} from '../../store/types.js';
import type {StreamingReply} from '../../state/chat-state.js';
import {shownMessages} from '../../state/conversation.js';
import {queuedLines, TranscriptCache} from './transcript-lines.js';
import type {Tick} from '../../hooks/use-ticker.js';
import {hasThinking} from './thinking-lines.js';
import type {ThinkingView} from './thinking-lines.js';
import type {ThinkingSource} from './thinking-toggle.js';

const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface TranscriptInput {
	user: string;
	modelLabel: string;
	messages: readonly StoredMessage[];
	clearedBefore: number;
	streaming: StreamingReply | null;
	/** Messages waiting to be sent, shown under the conversation. */
	queued: readonly string[];
	/** The message under the message cursor, marked. */
	cursor: number | null;
	/** Advances the spinner and the elapsed time while streaming. */
	tick: Tick;
	/** Every reply's thinking expanded (the toggle). */
	thinkingExpanded: boolean;
	/** --hide-thinking: no thinking text while the model thinks, only its line with the time. */
	hideThinking: boolean;
}

export interface TranscriptSource extends ThinkingSource {
	/** The messages shown, in block order (block i is shown[i]; the streaming reply and the queue come after). */
	shown: readonly StoredMessage[];
}

/** " ‹ 2/3 ›" for each current reply whose turn has alternatives, by id: one pass over the session. */
function alternativeMarkers(messages: readonly StoredMessage[]): Map<number, string> {
	const markers = new Map<number, string>();
	let start = 0;
	const close = (end: number) => {
		const replies = messages.slice(start, end).filter(message => message.role === 'assistant');
		if (replies.length < 2) return;
		const current = replies.findIndex(reply => !reply.superseded);
		if (current !== -1) markers.set(replies[current]!.id, theme.quiet(` ‹ ${current + 1}/${replies.length} ›`));
	};
	for (const [index, message] of messages.entries()) {
		if (message.role !== 'user') continue;
		close(index);
		start = index;
	}
	close(messages.length);
	return markers;
}

/** A bar down the left of the selected message (its blank spacer line excepted). */
function marked(lines: readonly string[]): string[] {
	const bar = theme.warning('▌');
	return lines.map(line => (line === '' ? line : line.startsWith(' ') ? bar + line.slice(1) : `${bar} ${line}`));
}

/** The transcript's content: finished messages (rendered once per width) plus the streaming reply. */
export function useTranscriptSource(input: TranscriptInput, width: number): TranscriptSource {
	const {user, modelLabel, messages, clearedBefore, streaming, queued, cursor, tick, thinkingExpanded, hideThinking} = input;
	// Messages drawn before the highlighter was loaded (it loads with the first code block) are drawn again with colour.
	const highlighted = useSyncExternalStore(onHighlighterLoaded, highlighterGeneration);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- a new highlighter generation is the reason for a new cache
	const cache = useMemo(() => new TranscriptCache(user, modelLabel), [user, modelLabel, highlighted]);
	const shown = useMemo(() => shownMessages(messages, clearedBefore), [messages, clearedBefore]);
	const markers = useMemo(() => alternativeMarkers(messages), [messages]);
	return useMemo(() => {
		const view: ThinkingView = {expanded: thinkingExpanded, hideLive: hideThinking};
		// Time moves on with whichever came last: streamed text or the ticker.
		const now = Math.max(tick.now, streaming?.updatedAt ?? 0);
		const elapsed = streaming ? Math.max(0, Math.floor((now - streaming.startedAt) / 1000)) : 0;
		const spinner = `${spinnerFrames[Math.floor(now / 100) % spinnerFrames.length]} streaming… ${elapsed}s · Esc to stop`;
		const streamed = shown.length + (streaming ? 1 : 0);
		return {
			shown,
			count: streamed + (queued.length > 0 ? 1 : 0),
			lines(index: number) {
				const message = shown[index];
				if (message) {
					const lines = cache.lines(message, width, view, markers.get(message.id));
					return message.id === cursor ? marked(lines) : lines;
				}
				if (index >= streamed || !streaming) return queuedLines(queued, width);
				return cache.streamingLines(streaming, now, width, spinner, view);
			},
			hasThinking(index: number) {
				const message = shown[index];
				if (message) return hasThinking(message.thinking);
				return index === shown.length && streaming !== null && hasThinking(streaming.thinking);
			},
		};
	}, [cache, shown, markers, streaming, queued, cursor, width, tick, thinkingExpanded, hideThinking]);
}
