import {assertNever} from '../assert-never.js';
import type {ChatMessage} from './types.js';

/** What the history window needs of a stored message (structurally matches the store's message rows). */
export interface HistoryMessage {
	id: number;
	role: 'user' | 'assistant' | 'system';
	content: string;
	status: 'complete' | 'stopped' | 'error';
	/** A regenerated reply kept as an alternative: never sent. Absent means current. */
	superseded?: boolean;
}

export interface HistoryOptions {
	/** Omitted from the request when empty. */
	systemPrompt: string;
	/** How many earlier exchanges to send (0 = none). */
	exchanges: number;
}

export interface BuiltRequest {
	messages: ChatMessage[];
	/** Ids of the stored messages that went into `messages`, in order. */
	windowIds: number[];
}

interface Exchange {
	user: HistoryMessage;
	reply: HistoryMessage;
}

/**
 * The request for a new user message: system prompt, then the last `exchanges` earlier exchanges, then the
 * new message. `stored` is the session in order; it may or may not already hold the new message (a trailing
 * user message without a reply is never part of the window).
 */
export function buildRequest(stored: readonly HistoryMessage[], newUserText: string, options: HistoryOptions): BuiltRequest {
	const messages: ChatMessage[] = [];
	if (options.systemPrompt !== '') messages.push({role: 'system', content: options.systemPrompt});
	const window = lastExchanges(stored, options.exchanges);
	const ids: number[] = [];
	for (const {user, reply} of window) {
		messages.push({role: 'user', content: user.content}, {role: 'assistant', content: reply.content});
		ids.push(user.id, reply.id);
	}
	messages.push({role: 'user', content: newUserText});
	return {messages, windowIds: ids};
}

/**
 * The request that asks again for the last reply (regenerate, or retry after a failure): the same window and system
 * prompt as when the session's last user message was sent, then that message. Undefined when there is none.
 */
export function buildRegenerateRequest(stored: readonly HistoryMessage[], options: HistoryOptions): BuiltRequest | undefined {
	const last = stored.findLastIndex(message => message.role === 'user');
	if (last === -1) return undefined;
	return buildRequest(stored.slice(0, last), stored[last]!.content, options);
}

/** The stored message ids the next request would include, so the UI can mark them. */
export function windowIds(stored: readonly HistoryMessage[], exchanges: number): Set<number> {
	const ids = new Set<number>();
	for (const {user, reply} of lastExchanges(stored, exchanges)) {
		ids.add(user.id);
		ids.add(reply.id);
	}
	return ids;
}

function lastExchanges(stored: readonly HistoryMessage[], count: number): Exchange[] {
	if (count <= 0) return [];
	return completeExchanges(stored).slice(-count);
}

/**
 * Pairs each user message with its reply: the last current (not superseded) assistant message before the next user
 * message (so a regenerated reply replaces the one it superseded, and with older files a retried reply replaces the failed
 * one). Left out: user messages with no reply yet (e.g. the app quit mid-reply), exchanges whose current reply or question
 * errored, assistant messages with no user message before them, and stored system messages (the current system prompt
 * is sent instead).
 */
function completeExchanges(stored: readonly HistoryMessage[]): Exchange[] {
	const exchanges: Exchange[] = [];
	let user: HistoryMessage | undefined;
	let reply: HistoryMessage | undefined;
	const close = (): void => {
		if (user !== undefined && reply !== undefined && user.status !== 'error' && reply.status !== 'error') {
			exchanges.push({user, reply});
		}
	};
	for (const message of stored) {
		switch (message.role) {
			case 'user':
				close();
				user = message;
				reply = undefined;
				break;
			case 'assistant':
				if (user !== undefined && message.superseded !== true) reply = message;
				break;
			case 'system':
				break;
			default:
				return assertNever(message.role);
		}
	}
	close();
	return exchanges;
}
