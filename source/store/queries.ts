import {queryAll, queryOne, queryValue} from './sqljs.js';
import type {Database, Row} from './sqljs.js';
import type {ListOptions, MessageStatus, Role, SessionSummary, SessionWithMessages, StoredMessage} from './types.js';

// Read-only queries. All of them use an index: none scans messages unless a filter asks for it.

/** The columns `toSummary` reads, of `sessions` aliased as `s`. */
export const summaryColumns = 's.id, s.user_id, s.title, s.preview, s.created_at, s.updated_at, s.model, s.message_count, s.system_prompt, s.forked_from_session, s.forked_from_position';

export function toSummary(row: Row): SessionSummary {
	const title = row['title'];
	const systemPrompt = row['system_prompt'];
	const forkedFrom = row['forked_from_session'];
	return {
		id: String(row['id']),
		userId: String(row['user_id']),
		title: typeof title === 'string' && title !== '' ? title : String(row['preview']),
		createdAt: Number(row['created_at']),
		updatedAt: Number(row['updated_at']),
		model: String(row['model']),
		messageCount: Number(row['message_count']),
		origin: 'agent-session',
		systemPrompt: typeof systemPrompt === 'string' ? systemPrompt : null,
		forkedFrom: typeof forkedFrom === 'string' ? {sessionId: forkedFrom, position: Number(row['forked_from_position'])} : null,
	};
}

export function toMessage(row: Row): StoredMessage {
	const total = row['total_tokens'];
	return {
		id: Number(row['id']),
		sessionId: String(row['session_id']),
		position: Number(row['position']),
		role: String(row['role']) as Role, // the CHECK constraint guarantees the value
		content: String(row['content']),
		status: String(row['status']) as MessageStatus,
		error: row['error'] === null ? null : String(row['error']),
		createdAt: Number(row['created_at']),
		usage: total === null || total === undefined ? null : {
			promptTokens: Number(row['prompt_tokens'] ?? 0),
			completionTokens: Number(row['completion_tokens'] ?? 0),
			totalTokens: Number(total),
		},
		thinking: typeof row['thinking'] === 'string' ? row['thinking'] : null,
		thinkingMs: typeof row['thinking_ms'] === 'number' ? row['thinking_ms'] : null,
		model: typeof row['model'] === 'string' ? row['model'] : null,
		superseded: row['superseded'] === 1,
	};
}

export function checkCount(name: string, value: number | undefined): void {
	if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new RangeError(`${name} must be a whole number of 0 or more, not ${value}.`);
}

export function listSessions(db: Database, userId: string, options: ListOptions = {}): SessionSummary[] {
	checkCount('limit', options.limit);
	checkCount('offset', options.offset);
	const rows = queryAll(
		db,
		`SELECT ${summaryColumns} FROM sessions s WHERE s.user_id = $user ORDER BY s.updated_at DESC, s.rowid DESC LIMIT $limit OFFSET $offset`,
		{$user: userId, $limit: options.limit ?? -1, $offset: options.offset ?? 0},
	);
	return rows.map(row => toSummary(row));
}

export function countSessions(db: Database, userId: string): number {
	return Number(queryValue(db, 'SELECT count(*) FROM sessions s WHERE s.user_id = ?', [userId]));
}

export function getSummary(db: Database, id: string): SessionSummary | undefined {
	const row = queryOne(db, `SELECT ${summaryColumns} FROM sessions s WHERE s.id = ?`, [id]);
	return row === undefined ? undefined : toSummary(row);
}

export function getSession(db: Database, id: string): SessionWithMessages | undefined {
	const session = getSummary(db, id);
	if (session === undefined) return undefined;
	const messages = queryAll(db, 'SELECT * FROM messages WHERE session_id = ? ORDER BY position', [id]).map(row => toMessage(row));
	return {session, messages};
}
