import {previewOf} from './preview.js';
import {queryAll, queryOne, queryValue, transaction} from './sqljs.js';
import type {Database, SqlValue} from './sqljs.js';
import type {MessageStatus, NewMessage, Role, StoredMessage, TokenUsage} from './types.js';

// Writes to the in-memory database. Each is one transaction, so an export never sees half of one.

export interface SessionRecord {
	id: string;
	userId: string;
	model: string;
	/** null: the app's default. */
	systemPrompt: string | null;
	createdAt: number;
}

/** A message as it is written: a NewMessage with its defaults filled in and its time fixed. */
export interface MessageRecord {
	role: Role;
	content: string;
	status: MessageStatus;
	error: string | null;
	usage: TokenUsage | null;
	createdAt: number;
	thinking: string | null;
	thinkingMs: number | null;
	model: string | null;
}

const roles: ReadonlySet<string> = new Set<Role>(['user', 'assistant', 'system']);
const statuses: ReadonlySet<string> = new Set<MessageStatus>(['complete', 'stopped', 'error']);

/**
 * Text is stored well-formed: a lone UTF-16 surrogate (a reply cut inside an emoji, say) has no UTF-8 form, so sql.js
 * would write bytes that read back as three U+FFFD. It becomes one U+FFFD here, the same before and after a reopen.
 */
export function toRecord(message: NewMessage, createdAt: number): MessageRecord {
	if (!roles.has(message.role)) throw new RangeError(`A message's role must be user, assistant or system, not ${String(message.role)}.`);
	const status = message.status ?? 'complete';
	if (!statuses.has(status)) throw new RangeError(`A message's status must be complete, stopped or error, not ${String(status)}.`);
	if (typeof message.content !== 'string') throw new TypeError('A message\'s content must be text.');
	const thinking = message.thinking ?? null;
	if (thinking !== null && typeof thinking !== 'string') throw new TypeError('A message\'s thinking must be text.');
	const model = message.model ?? null;
	if (model !== null && typeof model !== 'string') throw new TypeError('A message\'s model must be text.');
	const error = message.error ?? null;
	// Well-formed text only: a lone surrogate is stored as one U+FFFD (SQLite would turn it into three), the same after a reopen.
	return {
		role: message.role, content: message.content.toWellFormed(), status, error: error?.toWellFormed() ?? null, usage: message.usage ?? null, createdAt,
		thinking: thinking?.toWellFormed() ?? null, thinkingMs: thinking === null ? null : message.thinkingMs ?? null,
		model: model?.toWellFormed() ?? null,
	};
}

export function insertSession(db: Database, session: SessionRecord): void {
	db.run(
		'INSERT INTO sessions (id, user_id, title, model, system_prompt, created_at, updated_at, message_count, preview) VALUES (?, ?, NULL, ?, ?, ?, ?, 0, \'\')',
		[session.id, session.userId, session.model, session.systemPrompt, session.createdAt, session.createdAt],
	);
}

function messageValues(record: MessageRecord): SqlValue[] {
	return [
		record.role, record.content, record.status, record.error, record.createdAt,
		record.usage?.promptTokens ?? null, record.usage?.completionTokens ?? null, record.usage?.totalTokens ?? null,
		record.thinking, record.thinkingMs, record.model,
	];
}

const insertMessageSql = `INSERT INTO messages
	(session_id, position, role, content, status, error, created_at, prompt_tokens, completion_tokens, total_tokens, thinking, thinking_ms, model)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Appends after the session's last message and updates the session's time, count and preview. The session must exist. */
export function insertMessage(db: Database, sessionId: string, record: MessageRecord): StoredMessage {
	return transaction(db, () => {
		const position = Number(queryValue(db, 'SELECT coalesce(max(position) + 1, 0) FROM messages WHERE session_id = ?', [sessionId]));
		db.run(insertMessageSql, [sessionId, position, ...messageValues(record)]);
		const id = Number(queryValue(db, 'SELECT last_insert_rowid()'));
		db.run(
			`UPDATE sessions SET message_count = message_count + 1, updated_at = max(updated_at, ?),
				preview = CASE WHEN preview = '' AND ? = 'user' THEN ? ELSE preview END
			WHERE id = ?`,
			[record.createdAt, record.role, previewOf(record.content), sessionId],
		);
		return {id, sessionId, position, ...record, superseded: false};
	});
}

/** Sets or (with null) clears the name given to a session. Returns false when there is no such session. */
export function setTitle(db: Database, id: string, title: string | null): boolean {
	db.run('UPDATE sessions SET title = ? WHERE id = ?', [title, id]);
	return db.getRowsModified() > 0;
}

/** Deletes a session and its messages. Returns false when there is no such session. */
export function removeSession(db: Database, id: string): boolean {
	return transaction(db, () => {
		db.run('DELETE FROM messages WHERE session_id = ?', [id]);
		db.run('DELETE FROM sessions WHERE id = ?', [id]);
		return db.getRowsModified() > 0;
	});
}

/**
 * Whether `record` is already in the session: the same time, role and text. Times are strictly increasing within one
 * store, so this only matches the very same append — replaying a change twice (after a crash mid-save) adds nothing.
 */
export function messageExists(db: Database, sessionId: string, record: MessageRecord): boolean {
	return queryOne(
		db,
		'SELECT 1 FROM messages WHERE session_id = ? AND created_at = ? AND role = ? AND content = ?',
		[sessionId, record.createdAt, record.role, record.content],
	) !== undefined;
}

export function sessionExists(db: Database, id: string): boolean {
	return queryOne(db, 'SELECT 1 FROM sessions WHERE id = ?', [id]) !== undefined;
}

/** One session with all its messages, as rows: what it takes to bring back a session another instance deleted. */
export interface SessionSnapshot {
	session: Record<string, SqlValue>;
	messages: Array<Record<string, SqlValue>>;
}

export function snapshotSession(db: Database, id: string): SessionSnapshot | undefined {
	const session = queryOne(db, 'SELECT * FROM sessions WHERE id = ?', [id]);
	if (session === undefined) return undefined;
	const messages = queryAll(db, 'SELECT * FROM messages WHERE session_id = ? ORDER BY position', [id]).map(row => {
		const copy = {...row};
		delete copy['id']; // the target assigns its own
		return copy;
	});
	return {session, messages};
}

function insertRow(db: Database, table: string, row: Record<string, SqlValue>): void {
	const columns = Object.keys(row);
	db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
}

/** Inserts a snapshot taken from a database with the same schema. */
export function insertSnapshot(db: Database, snapshot: SessionSnapshot): void {
	transaction(db, () => {
		insertRow(db, 'sessions', snapshot.session);
		for (const message of snapshot.messages) insertRow(db, 'messages', message);
	});
}
