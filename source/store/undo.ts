import {findMessage, keyOf} from './message-key.js';
import type {MessageKey} from './message-key.js';
import {toMessage} from './queries.js';
import {refreshSummary} from './session-summary.js';
import {queryAll, queryValue, transaction} from './sqljs.js';
import type {Database} from './sqljs.js';
import {inTurn, lastTurn, turnAt, turnParams} from './turns.js';
import type {StoredMessage} from './types.js';

/** Journal entry (see journal.ts): the messages an undo deleted, the user message first. */
export interface UndoOp {
	kind: 'undo';
	sessionId: string;
	messages: MessageKey[];
}

/** Deletes the last exchange: the last user message and everything after it. Returns what went (nothing without one). */
export function undoLastExchange(db: Database, sessionId: string): {removed: StoredMessage[]; op: UndoOp | undefined} {
	const turn = lastTurn(db, sessionId);
	if (turn === undefined) return {removed: [], op: undefined};
	return transaction(db, () => {
		const removed = queryAll(db, 'SELECT * FROM messages WHERE session_id = ? AND position >= ? ORDER BY position', [sessionId, turn.from]).map(row => toMessage(row));
		db.run('DELETE FROM messages WHERE session_id = ? AND position >= ?', [sessionId, turn.from]);
		refreshSummary(db, sessionId);
		return {removed, op: {kind: 'undo', sessionId, messages: removed.map(message => keyOf(message))}};
	});
}

/**
 * Applies an undo made elsewhere: deletes the messages it deleted where they still are. It never deletes what it did not
 * see: if the other instance gave the turn another reply meanwhile, the question stays with that reply.
 */
export function replayUndo(db: Database, op: UndoOp): boolean {
	const [question, ...rest] = op.messages;
	if (question === undefined) return false;
	return transaction(db, () => {
		let changed = false;
		for (const key of rest) {
			const found = findMessage(db, op.sessionId, key);
			if (found === undefined) continue;
			db.run('DELETE FROM messages WHERE id = ?', [found.id]);
			changed = true;
		}
		const asked = findMessage(db, op.sessionId, question);
		if (asked !== undefined) {
			const replies = Number(queryValue(db, `SELECT count(*) FROM messages WHERE ${inTurn}`, turnParams(op.sessionId, turnAt(db, op.sessionId, asked.position))));
			if (replies === 0) {
				db.run('DELETE FROM messages WHERE id = ?', [asked.id]);
				changed = true;
			}
		}
		if (changed) refreshSummary(db, op.sessionId);
		return changed;
	});
}
