import {queryOne} from './sqljs.js';
import type {Database} from './sqljs.js';
import type {MessageRecord} from './mutations.js';
import type {StoredMessage} from './types.js';

/**
 * How a change names a message so that it can be found again in another instance's copy of the file, where ids and
 * positions may differ after a merge: its time, role and text (times are strictly increasing within one store).
 */
export type MessageKey = Pick<MessageRecord, 'createdAt' | 'role' | 'content'>;

export function keyOf(message: MessageKey): MessageKey {
	return {createdAt: message.createdAt, role: message.role, content: message.content};
}

/** A stored message as it was written, to write it again elsewhere. */
export function recordOf(message: StoredMessage): MessageRecord {
	return {
		role: message.role, content: message.content, status: message.status, error: message.error, usage: message.usage, createdAt: message.createdAt,
		thinking: message.thinking, thinkingMs: message.thinkingMs, model: message.model,
	};
}

/** The id and position of the message `key` names in the session, if it is there. */
export function findMessage(db: Database, sessionId: string, key: MessageKey): {id: number; position: number} | undefined {
	const row = queryOne(
		db,
		'SELECT id, position FROM messages WHERE session_id = ? AND created_at = ? AND role = ? AND content = ?',
		[sessionId, key.createdAt, key.role, key.content],
	);
	return row === undefined ? undefined : {id: Number(row['id']), position: Number(row['position'])};
}
