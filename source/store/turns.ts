import {toMessage} from './queries.js';
import {queryAll, queryValue} from './sqljs.js';
import type {Database} from './sqljs.js';
import type {StoredMessage} from './types.js';

/**
 * A turn: a user message and the replies after it, up to the next user message. Regenerated replies stay in their turn
 * as superseded alternatives; the one that is not superseded is current. Turns are found by position, so the store
 * needs no extra column for them.
 */
export interface Turn {
	/** Position of the user message; -1 for replies before any user message. */
	from: number;
	/** Position of the next user message, or Infinity for the last turn. */
	to: number;
}

function nextUserAfter(db: Database, sessionId: string, position: number): number {
	const next = queryValue(db, 'SELECT min(position) FROM messages WHERE session_id = ? AND role = \'user\' AND position > ?', [sessionId, position]);
	return typeof next === 'number' ? next : Number.POSITIVE_INFINITY;
}

/** The turn the message at `position` belongs to. */
export function turnAt(db: Database, sessionId: string, position: number): Turn {
	const user = queryValue(db, 'SELECT max(position) FROM messages WHERE session_id = ? AND role = \'user\' AND position <= ?', [sessionId, position]);
	const from = typeof user === 'number' ? user : -1;
	return {from, to: nextUserAfter(db, sessionId, from)};
}

/** The session's last turn, or undefined when it has no user message. */
export function lastTurn(db: Database, sessionId: string): Turn | undefined {
	const user = queryValue(db, 'SELECT max(position) FROM messages WHERE session_id = ? AND role = \'user\'', [sessionId]);
	return typeof user === 'number' ? {from: user, to: Number.POSITIVE_INFINITY} : undefined;
}

/** SQL restricting `messages` to the replies of a turn (with $session, $from, $to bound by `turnParams`). */
export const inTurn = 'session_id = $session AND role = \'assistant\' AND position > $from AND position < $to';

export function turnParams(sessionId: string, turn: Turn): {$session: string; $from: number; $to: number} {
	// SQLite has no infinity for integers; no position comes near this.
	return {$session: sessionId, $from: turn.from, $to: Number.isFinite(turn.to) ? turn.to : Number.MAX_SAFE_INTEGER};
}

export function repliesOf(db: Database, sessionId: string, turn: Turn): StoredMessage[] {
	return queryAll(db, `SELECT * FROM messages WHERE ${inTurn} ORDER BY position`, turnParams(sessionId, turn)).map(row => toMessage(row));
}

/**
 * Moves message `id` to `position`, shifting the messages from there on one place down. The session's positions stay
 * unique at every step (the shifted ones go through negative positions), so the unique index never objects.
 */
export function moveMessage(db: Database, sessionId: string, id: number, position: number): void {
	db.run('UPDATE messages SET position = -position - 1 WHERE session_id = ? AND position >= ? AND id != ?', [sessionId, position, id]);
	db.run('UPDATE messages SET position = ? WHERE id = ?', [position, id]);
	db.run('UPDATE messages SET position = -position WHERE session_id = ? AND position < 0', [sessionId]);
}
