/**
 * Pure reads over a session's messages in order, as the chat screen needs them: which are shown, which turn a reply
 * belongs to, and where it stands among the turn's alternatives. A turn is a user message and the replies after it
 * (regenerated ones stay, superseded: one is current).
 */

import type {StoredMessage} from '../store/types.js';

/** The messages the transcript shows: from `clearedBefore` on (/clear), current replies only. */
export function shownMessages(messages: readonly StoredMessage[], clearedBefore: number): StoredMessage[] {
	return messages.slice(clearedBefore).filter(message => !message.superseded);
}

/** Index of the last user message, or -1. */
export function lastUserIndex(messages: readonly StoredMessage[]): number {
	return messages.findLastIndex(message => message.role === 'user');
}

/** The messages with the last turn's current reply superseded: a regenerated reply is about to take its place. */
export function supersedeLastReply(messages: readonly StoredMessage[]): readonly StoredMessage[] {
	const last = lastUserIndex(messages);
	if (last === -1) return messages;
	return messages.map((message, index) => (index > last && message.role === 'assistant' && !message.superseded ? {...message, superseded: true} : message));
}

/** The replies of the turn that reply `id` belongs to, oldest first (empty when `id` is not a reply here). */
export function turnReplies(messages: readonly StoredMessage[], id: number): StoredMessage[] {
	const at = messages.findIndex(message => message.id === id);
	if (at === -1 || messages[at]!.role !== 'assistant') return [];
	let start = at;
	while (start > 0 && messages[start - 1]!.role === 'assistant') start--;
	let end = at + 1;
	while (end < messages.length && messages[end]!.role === 'assistant') end++;
	return messages.slice(start, end);
}

/** "2 of 3" for reply `id` among its turn's alternatives; undefined when it has none (one reply). */
export function alternativePosition(messages: readonly StoredMessage[], id: number): {index: number; count: number} | undefined {
	const replies = turnReplies(messages, id);
	if (replies.length < 2) return undefined;
	return {index: replies.findIndex(reply => reply.id === id) + 1, count: replies.length};
}

/** The alternative before or after reply `id` in its turn (no wrapping), or undefined at either end. */
export function neighbourAlternative(messages: readonly StoredMessage[], id: number, direction: -1 | 1): StoredMessage | undefined {
	const replies = turnReplies(messages, id);
	const index = replies.findIndex(reply => reply.id === id);
	return index === -1 ? undefined : replies[index + direction];
}

/** The last shown reply (the one ←/→ flip with an empty input line), if any. */
export function lastReply(shown: readonly StoredMessage[]): StoredMessage | undefined {
	const last = shown.at(-1);
	return last?.role === 'assistant' ? last : undefined;
}
