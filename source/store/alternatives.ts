import {StoreError, unknownMessageError} from './errors.js';
import {findMessage, keyOf, recordOf} from './message-key.js';
import type {MessageKey} from './message-key.js';
import {insertMessage, messageExists} from './mutations.js';
import type {MessageRecord} from './mutations.js';
import {toMessage} from './queries.js';
import {refreshSummary} from './session-summary.js';
import {queryOne, transaction} from './sqljs.js';
import type {Database} from './sqljs.js';
import {inTurn, lastTurn, moveMessage, repliesOf, turnAt, turnParams} from './turns.js';
import type {Turn} from './turns.js';
import type {StoredMessage} from './types.js';

// Regenerated replies: a turn keeps every reply it was given; one is current, the others are superseded.

/** Journal entries (see journal.ts): a regenerated reply for the turn of user message `turn`; a flip to another reply. */
export type AlternativeOp =
	| {kind: 'alternative'; sessionId: string; turn: MessageRecord; message: MessageRecord}
	| {kind: 'choose'; sessionId: string; message: MessageKey};

/** Supersedes the turn's current replies and adds `record` as its current one, after the turn's last message. */
function addToTurn(db: Database, sessionId: string, turn: Turn, record: MessageRecord): StoredMessage {
	return transaction(db, () => {
		db.run(`UPDATE messages SET superseded = 1 WHERE ${inTurn} AND superseded = 0`, turnParams(sessionId, turn));
		const stored = insertMessage(db, sessionId, record);
		if (!Number.isFinite(turn.to)) {
			refreshSummary(db, sessionId);
			return stored;
		}
		// Another instance added later turns meanwhile: the reply still belongs to its own turn.
		moveMessage(db, sessionId, stored.id, turn.to);
		refreshSummary(db, sessionId);
		return {...stored, position: turn.to};
	});
}

/** Regenerate: adds `record` to the last turn. Returns the new reply and the op that does the same elsewhere. */
export function appendAlternative(db: Database, sessionId: string, record: MessageRecord): {message: StoredMessage; op: AlternativeOp} {
	const turn = lastTurn(db, sessionId);
	if (turn === undefined) throw new StoreError('unknown-message', 'There is no message to answer in this session yet; send one first.');
	const question = toMessage(queryOne(db, 'SELECT * FROM messages WHERE session_id = ? AND position = ?', [sessionId, turn.from])!);
	const message = addToTurn(db, sessionId, turn, record);
	return {message, op: {kind: 'alternative', sessionId, turn: recordOf(question), message: record}};
}

function messageRow(db: Database, id: number): StoredMessage | undefined {
	const row = queryOne(db, 'SELECT * FROM messages WHERE id = ?', [id]);
	return row === undefined ? undefined : toMessage(row);
}

/** The replies of the turn message `id` is in (none when there is no such message). */
export function alternativesOf(db: Database, id: number): StoredMessage[] {
	const message = messageRow(db, id);
	if (message === undefined) return [];
	return repliesOf(db, message.sessionId, turnAt(db, message.sessionId, message.position));
}

function makeCurrent(db: Database, message: StoredMessage): void {
	const turn = turnAt(db, message.sessionId, message.position);
	transaction(db, () => {
		db.run(`UPDATE messages SET superseded = (id != $id) WHERE ${inTurn}`, {...turnParams(message.sessionId, turn), $id: message.id});
		refreshSummary(db, message.sessionId);
	});
}

/** Makes reply `id` current in its turn. */
export function chooseAlternative(db: Database, id: number): {sessionId: string; op: AlternativeOp} {
	const message = messageRow(db, id);
	if (message === undefined) throw unknownMessageError();
	if (message.role !== 'assistant') throw new RangeError('Only a reply can be chosen among alternatives.');
	makeCurrent(db, message);
	return {sessionId: message.sessionId, op: {kind: 'choose', sessionId: message.sessionId, message: keyOf(message)}};
}

/**
 * Applies an op made elsewhere (the session exists in `db`). A regenerated reply joins the turn of its question wherever
 * that now is — the last one wins if both instances regenerated it; if the question was undone elsewhere it comes back,
 * so the reply is never lost or left answering another question. Returns whether anything changed.
 */
export function replayAlternative(db: Database, op: AlternativeOp): boolean {
	switch (op.kind) {
		case 'alternative': {
			if (messageExists(db, op.sessionId, op.message)) return false;
			const question = findMessage(db, op.sessionId, op.turn) ?? insertMessage(db, op.sessionId, op.turn);
			addToTurn(db, op.sessionId, turnAt(db, op.sessionId, question.position), op.message);
			return true;
		}
		case 'choose': {
			const found = findMessage(db, op.sessionId, op.message);
			const message = found === undefined ? undefined : messageRow(db, found.id);
			if (message === undefined) return false;
			makeCurrent(db, message);
			return true;
		}
	}
}
