// Reads a session database the way a user's next start would find it, without the store (which would clean up leftovers
// and so hide them): its integrity, how many messages it holds, and the messages of the sessions a row follows.
import {readFile, stat} from 'node:fs/promises';
import {setTimeout as delay} from 'node:timers/promises';
import {loadSqlJs, queryAll, queryValue} from '../../source/store/sqljs.js';

export interface DbMessage {
	role: string;
	content: string;
	status: string;
	error: string | null;
}

export interface DbState {
	/** Undefined when the file opens and SQLite finds nothing wrong in it; else what is wrong. */
	problem: string | undefined;
	/** Messages in the whole file. */
	total: number;
	/** The messages of each session asked for (missing sessions are absent). */
	sessions: Map<string, DbMessage[]>;
}

export async function readDb(path: string, sessionIds: Iterable<string> = []): Promise<DbState> {
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch (error) {
		return {problem: `cannot read it: ${(error as Error).message}`, total: 0, sessions: new Map()};
	}
	const SQL = await loadSqlJs();
	let db;
	try {
		db = new SQL.Database(bytes);
	} catch (error) {
		return {problem: `not a database: ${(error as Error).message}`, total: 0, sessions: new Map()};
	}
	try {
		const check = String(queryValue(db, 'PRAGMA quick_check'));
		if (check !== 'ok') return {problem: `damaged: ${check}`, total: 0, sessions: new Map()};
		const total = Number(queryValue(db, 'SELECT count(*) FROM messages'));
		const sessions = new Map<string, DbMessage[]>();
		for (const id of sessionIds) {
			if (queryValue(db, 'SELECT 1 FROM sessions WHERE id = ?', [id]) === undefined) continue;
			const rows = queryAll(db, 'SELECT role, content, status, error FROM messages WHERE session_id = ? ORDER BY position', [id]);
			sessions.set(id, rows.map(row => ({
				role: String(row['role']),
				content: String(row['content']),
				status: String(row['status']),
				error: row['error'] === null ? null : String(row['error']),
			})));
		}
		return {problem: undefined, total, sessions};
	} catch (error) {
		return {problem: `unreadable: ${(error as Error).message}`, total: 0, sessions: new Map()};
	} finally {
		db.close();
	}
}

/** Polls the file until `predicate` holds for the session's messages; resolves to them, or to undefined at the deadline. */
export async function waitForMessages(path: string, sessionId: string, predicate: (messages: DbMessage[]) => boolean, timeoutMs: number): Promise<DbMessage[] | undefined> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	for (;;) {
		const stats = await stat(path).catch(() => undefined);
		// Read only when the file changed: saves replace it whole.
		const version = stats === undefined ? '' : `${stats.ino} ${stats.size} ${stats.mtimeMs}`;
		if (version !== '' && version !== last) {
			last = version;
			const messages = (await readDb(path, [sessionId])).sessions.get(sessionId);
			if (messages !== undefined && predicate(messages)) return messages;
		}
		if (Date.now() > deadline) return undefined;
		await delay(50);
	}
}
