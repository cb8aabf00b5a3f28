import {useMemo, useRef} from 'react';
import type {StoredMessage} from '../../store/types.js';
import type {StreamingReply} from '../../state/chat-state.js';
import {windowIds} from '../../llm/history.js';
import {messageJsonLines, jsonOpenLine, jsonCloseLine} from '../text/index.js';
import type {BlockSource} from './line-view.js';

/** Stands for the streaming reply in the window computation: once it ends it is part of the next request. */
const streamingId = -1;

interface Entry {
	content: string;
	last: boolean;
	marked: boolean;
	lines: string[];
}

/** JSON lines of finished messages, cached per id for one width; entries are rebuilt only when their comma or mark changes. */
class JsonBlockCache {
	private width = -1;
	private readonly byId = new Map<number, Entry>();

	lines(id: number, message: {role: string; content: string}, width: number, last: boolean, marked: boolean): string[] {
		if (width !== this.width) {
			this.width = width;
			this.byId.clear();
		}
		const entry = this.byId.get(id);
		if (entry && entry.last === last && entry.marked === marked && entry.content === message.content) return entry.lines;
		const lines = messageJsonLines(message, {width, last, marked});
		if (id !== streamingId) this.byId.set(id, {content: message.content, last, marked, lines});
		return lines;
	}
}

/**
 * The history pane's content: the session's messages as pretty JSON, the streaming reply as
 * the growing last element, messages inside the next request's window marked.
 */
export function useHistorySource(messages: readonly StoredMessage[], streaming: StreamingReply | null, exchanges: number, width: number): {source: BlockSource; windowSize: number} {
	const cacheRef = useRef<JsonBlockCache | null>(null);
	cacheRef.current ??= new JsonBlockCache();
	const cache = cacheRef.current;
	const streamingActive = streaming !== null;
	const marked = useMemo(() => {
		const all = streamingActive
			? [...messages, {id: streamingId, role: 'assistant' as const, content: '', status: 'complete' as const}]
			: messages;
		return windowIds(all, exchanges);
	}, [messages, streamingActive, exchanges]);
	const source = useMemo<BlockSource>(() => {
		const elements = messages.length + (streaming ? 1 : 0);
		return {
			count: elements + 2,
			lines(index: number) {
				if (index === 0) return [jsonOpenLine];
				if (index === elements + 1) return [jsonCloseLine];
				const last = index === elements;
				const message = messages[index - 1];
				if (message) return cache.lines(message.id, message, width, last, marked.has(message.id));
				return cache.lines(streamingId, {role: 'assistant', content: streaming?.text ?? ''}, width, last, marked.has(streamingId));
			},
		};
	}, [cache, messages, streaming, width, marked]);
	return {source, windowSize: marked.size};
}
