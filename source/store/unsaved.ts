import {assertNever} from '../assert-never.js';
import type {JournalOp} from './journal.js';
import {insertMessage, insertSession, messageExists, removeSession, sessionExists, setTitle} from './mutations.js';
import type {MessageRecord} from './mutations.js';
import {queryOne, queryValue} from './sqljs.js';
import type {Database, Row} from './sqljs.js';
import type {MessageStatus, Role} from './types.js';

/** A session with changes that are not on disk yet: enough to recreate it and add its messages elsewhere. */
export interface UnsavedSession {
	id: string;
	userId: string;
	model: string;
	createdAt: number;
	/** The name the user gave it (null: none); written back only when `renamed`. */
	title: string | null;
	/** It was renamed (or its name cleared) since the last save. */
	renamed: boolean;
	/** Its messages that are not on disk yet, oldest first. */
	messages: MessageRecord[];
}

/** Everything a store holds that did not reach the disk: what a quit with a failing disk would lose. */
export interface UnsavedChanges {
	sessions: UnsavedSession[];
	/** Sessions deleted since the last save. */
	deletedSessionIds: string[];
	/** Messages in `sessions`, counted. */
	messageCount: number;
}

function number(row: Row, column: string): number {
	return Number(row[column] ?? 0);
}

function text(row: Row, column: string): string | null {
	const value = row[column];
	return value === null || value === undefined ? null : String(value);
}

/** A stored message row (as a snapshot holds it) back into what appending it wrote. */
function recordFromRow(row: Row): MessageRecord {
	const total = row['total_tokens'];
	return {
		role: String(row['role']) as Role, // the CHECK constraint guarantees the value
		content: String(row['content']),
		status: String(row['status']) as MessageStatus,
		error: text(row, 'error'),
		usage: total === null || total === undefined ? null : {promptTokens: number(row, 'prompt_tokens'), completionTokens: number(row, 'completion_tokens'), totalTokens: Number(total)},
		createdAt: number(row, 'created_at'),
		thinking: text(row, 'thinking'),
		thinkingMs: row['thinking_ms'] === null || row['thinking_ms'] === undefined ? null : number(row, 'thinking_ms'),
		model: text(row, 'model'),
	};
}

function sessionFromRow(row: Row): Omit<UnsavedSession, 'renamed' | 'messages'> {
	return {id: String(row['id']), userId: String(row['user_id']), model: String(row['model']), createdAt: number(row, 'created_at'), title: text(row, 'title')};
}

/**
 * What the journal `ops` (the changes since the last successful save) add up to, with each session's details taken from
 * `db`, the store's database, which holds all of them. A session deleted later in the journal drops out, its deletion kept.
 */
export function collectUnsaved(ops: readonly JournalOp[], db: Database): UnsavedChanges {
	const touched = new Map<string, {renamed: boolean; messages: MessageRecord[]; fallback?: Row}>();
	const deleted = new Set<string>();
	const entry = (id: string) => {
		let found = touched.get(id);
		if (found === undefined) {
			found = {renamed: false, messages: []};
			touched.set(id, found);
		}
		deleted.delete(id);
		return found;
	};
	for (const op of ops) {
		switch (op.kind) {
			case 'create': {
				entry(op.session.id);
				break;
			}
			case 'append': {
				entry(op.sessionId).messages.push(op.message);
				break;
			}
			case 'rename': {
				entry(op.id).renamed = true;
				break;
			}
			case 'delete': {
				touched.delete(op.id);
				deleted.add(op.id);
				break;
			}
			case 'restore':
			case 'fork': {
				const id = String(op.snapshot.session['id']);
				const restored = entry(id);
				restored.fallback = op.snapshot.session;
				restored.messages = op.snapshot.messages.map(row => recordFromRow(row));
				break;
			}
			case 'alternative': {
				// A regenerated reply is kept as a message of its session; which reply was current is not.
				entry(op.sessionId).messages.push(op.message);
				break;
			}
			// Settings, flips between replies and undos change no text: nothing a recovery file must keep.
			case 'model':
			case 'system-prompt':
			case 'choose':
			case 'undo': {
				break;
			}
			default: {
				assertNever(op);
			}
		}
	}
	const sessions: UnsavedSession[] = [];
	for (const [id, {renamed, messages, fallback}] of touched) {
		const row = queryOne(db, 'SELECT id, user_id, title, model, created_at FROM sessions WHERE id = ?', [id]) ?? fallback;
		if (row === undefined) continue;
		sessions.push({...sessionFromRow(row), renamed, messages});
	}
	return {sessions, deletedSessionIds: [...deleted], messageCount: sessions.reduce((sum, session) => sum + session.messages.length, 0)};
}

/** Changes kept outside the store (a recovery file), to merge back. */
export type RecoveredChanges = Pick<UnsavedChanges, 'sessions' | 'deletedSessionIds'>;

/** What merging unsaved changes (from a recovery file) added; what was there already is not counted. */
export interface MergeCounts {
	messages: number;
	sessions: number;
	renames: number;
	deletes: number;
}

/** A journal entry as the store records it (it numbers them). */
export type NewJournalOp = JournalOp extends infer T ? (T extends JournalOp ? Omit<T, 'seq'> : never) : never;

/**
 * Adds `changes` to `db`, each change through `record` (the store's journal, so it is saved and merged like any other).
 * Idempotent: a session that exists is kept, a message already in it (same time, role and text) is skipped, so merging
 * twice, or merging messages that did reach the disk, adds nothing twice.
 */
export function applyUnsaved(db: Database, changes: RecoveredChanges, record: (op: NewJournalOp) => void): MergeCounts {
	const counts: MergeCounts = {messages: 0, sessions: 0, renames: 0, deletes: 0};
	for (const session of changes.sessions) {
		if (!sessionExists(db, session.id)) {
			const created = {id: session.id, userId: session.userId, model: session.model, systemPrompt: null, createdAt: session.createdAt};
			insertSession(db, created);
			record({kind: 'create', session: created});
			counts.sessions++;
		}
		for (const message of session.messages) {
			if (messageExists(db, session.id, message)) continue;
			insertMessage(db, session.id, message);
			record({kind: 'append', sessionId: session.id, message});
			counts.messages++;
		}
		const title = queryValue(db, 'SELECT title FROM sessions WHERE id = ?', [session.id]) ?? null;
		if (session.renamed && title !== session.title && setTitle(db, session.id, session.title)) {
			record({kind: 'rename', id: session.id, title: session.title});
			counts.renames++;
		}
	}
	for (const id of changes.deletedSessionIds) {
		if (!removeSession(db, id)) continue;
		record({kind: 'delete', id});
		counts.deletes++;
	}
	return counts;
}
