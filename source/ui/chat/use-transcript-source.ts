import {useMemo, useSyncExternalStore} from 'react';
import {highlighterGeneration, onHighlighterLoaded} from '../text/index.js';
import type {StoredMessage} from '../../store/types.js';
import type {StreamingReply} from '../../state/chat-state.js';
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
	/** Advances the spinner and the elapsed time while streaming. */
	tick: Tick;
	/** Every reply's thinking expanded (the toggle). */
	thinkingExpanded: boolean;
	/** --hide-thinking: no thinking text while the model thinks, only its line with the time. */
	hideThinking: boolean;
}

/** The transcript's content: finished messages (rendered once per width) plus the streaming reply. */
export function useTranscriptSource(input: TranscriptInput, width: number): ThinkingSource {
	const {user, modelLabel, messages, clearedBefore, streaming, queued, tick, thinkingExpanded, hideThinking} = input;
	// Messages drawn before the highlighter was loaded (it loads with the first code block) are drawn again with colour.
	const highlighted = useSyncExternalStore(onHighlighterLoaded, highlighterGeneration);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- a new highlighter generation is the reason for a new cache
	const cache = useMemo(() => new TranscriptCache(user, modelLabel), [user, modelLabel, highlighted]);
	return useMemo(() => {
		const view: ThinkingView = {expanded: thinkingExpanded, hideLive: hideThinking};
		const shown = Math.max(0, messages.length - clearedBefore);
		// Time moves on with whichever came last: streamed text or the ticker.
		const now = Math.max(tick.now, streaming?.updatedAt ?? 0);
		const elapsed = streaming ? Math.max(0, Math.floor((now - streaming.startedAt) / 1000)) : 0;
		const spinner = `${spinnerFrames[Math.floor(now / 100) % spinnerFrames.length]} streaming… ${elapsed}s · Esc to stop`;
		const streamed = shown + (streaming ? 1 : 0);
		return {
			count: streamed + (queued.length > 0 ? 1 : 0),
			lines(index: number) {
				const message = messages[clearedBefore + index];
				if (message) return cache.lines(message, width, view);
				if (index >= streamed || !streaming) return queuedLines(queued, width);
				return cache.streamingLines(streaming, now, width, spinner, view);
			},
			hasThinking(index: number) {
				const message = messages[clearedBefore + index];
				if (message) return hasThinking(message.thinking);
				return index === shown && streaming !== null && hasThinking(streaming.thinking);
			},
		};
	}, [cache, messages, clearedBefore, streaming, queued, width, tick, thinkingExpanded, hideThinking]);
}
