import {useMemo, useRef} from 'react';
import type {StoredMessage} from '../../store/types.js';
import type {StreamingReply} from '../../state/chat-state.js';
import {TranscriptCache} from './transcript-lines.js';
import type {BlockSource} from './line-view.js';

const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface TranscriptInput {
	user: string;
	modelLabel: string;
	messages: readonly StoredMessage[];
	clearedBefore: number;
	streaming: StreamingReply | null;
	/** Advances the spinner and the elapsed time while streaming. */
	tick: number;
}

/** The transcript's content: finished messages (rendered once per width) plus the streaming reply. */
export function useTranscriptSource({user, modelLabel, messages, clearedBefore, streaming, tick}: TranscriptInput, width: number): BlockSource {
	const cacheRef = useRef<{key: string; cache: TranscriptCache} | null>(null);
	const cacheKey = `${user}\u0000${modelLabel}`;
	if (cacheRef.current?.key !== cacheKey) cacheRef.current = {key: cacheKey, cache: new TranscriptCache(user, modelLabel)};
	const {cache} = cacheRef.current;
	return useMemo(() => {
		const shown = Math.max(0, messages.length - clearedBefore);
		const elapsed = streaming ? Math.max(0, Math.floor((Date.now() - streaming.startedAt) / 1000)) : 0;
		const spinner = `${spinnerFrames[tick % spinnerFrames.length]} streaming… ${elapsed}s · Esc to stop`;
		return {
			count: shown + (streaming ? 1 : 0),
			lines(index: number) {
				const message = messages[clearedBefore + index];
				if (message) return cache.lines(message, width);
				return cache.streamingLines(streaming?.startedAt ?? 0, streaming?.text ?? '', width, spinner);
			},
		};
	}, [cache, messages, clearedBefore, streaming, width, tick]);
}
