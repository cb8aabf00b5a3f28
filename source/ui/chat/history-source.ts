import {useMemo, useRef} from 'react';
import type {StoredMessage} from '../../store/types.js';
import type {StreamingReply} from '../../state/chat-state.js';
import {windowIds} from '../../llm/history.js';
import {JsonLinesCache, jsonOpenLine, jsonCloseLine, jsonEmptyLine} from '../text/index.js';
import type {BlockSource} from './line-view.js';

/** Stands for the streaming reply in the window computation: once it ends it is part of the next request. */
const streamingId = -1;
/** The cache key of the system prompt's element. */
const systemKey = 'system';

/**
 * The history pane's content, as the example's "Chat History" panel shows it: the system message the next request
 * sends first (the session's own kept message when it is that one, as an Agno session's is; else an element of its
 * own), then the session's messages as pretty JSON (regenerated replies kept as alternatives with `"superseded": true`), the streaming reply as the growing last element (its thinking
 * too). What the next request sends is marked: the system message always, then the history window.
 */
export function useHistorySource(messages: readonly StoredMessage[], streaming: StreamingReply | null, exchanges: number, width: number, systemPrompt = ''): {source: BlockSource; windowSize: number} {
	const cacheRef = useRef<JsonLinesCache | null>(null);
	cacheRef.current ??= new JsonLinesCache();
	const cache = cacheRef.current;
	const streamingActive = streaming !== null;
	const first = messages[0];
	const keptSystem = systemPrompt !== '' && first?.role === 'system' && first.content === systemPrompt ? first.id : undefined;
	const system = systemPrompt !== '' && keptSystem === undefined ? systemPrompt : undefined;
	const marked = useMemo(() => {
		const all = streamingActive
			? [...messages, {id: streamingId, role: 'assistant' as const, content: '', status: 'complete' as const}]
			: messages;
		const ids = windowIds(all, exchanges);
		if (keptSystem !== undefined) ids.add(keptSystem);
		return ids;
	}, [messages, streamingActive, exchanges, keptSystem]);
	const source = useMemo<BlockSource>(() => {
		const before = system === undefined ? 0 : 1;
		const elements = before + messages.length + (streaming ? 1 : 0);
		// JSON.stringify([], null, 2) is one line.
		if (elements === 0) return {count: 1, lines: () => [jsonEmptyLine]};
		return {
			count: elements + 2,
			lines(index: number) {
				if (index === 0) return [jsonOpenLine];
				if (index === elements + 1) return [jsonCloseLine];
				const last = index === elements;
				if (system !== undefined && index === 1) return cache.get(systemKey, {role: 'system', content: system}, {width, last, marked: true});
				const message = messages[index - 1 - before];
				if (message) return cache.get(message.id, message, {width, last, marked: marked.has(message.id)});
				return cache.get(streamingId, {role: 'assistant', content: streaming?.text ?? '', thinking: streaming?.thinking}, {width, last, marked: marked.has(streamingId)});
			},
		};
	}, [cache, messages, streaming, width, marked, system]);
	return {source, windowSize: marked.size + (system === undefined ? 0 : 1)};
}
