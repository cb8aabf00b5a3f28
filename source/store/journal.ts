import {assertNever} from '../assert-never.js';
import {replayAlternative} from './alternatives.js';
import type {AlternativeOp} from './alternatives.js';
import type {ForkOp} from './forks.js';
import {insertMessage, insertSession, insertSnapshot, messageExists, removeSession, sessionExists, setTitle, snapshotSession} from './mutations.js';
import type {MessageRecord, SessionRecord, SessionSnapshot} from './mutations.js';
import {applySettings} from './session-settings.js';
import type {SettingsOp} from './session-settings.js';
import type {Database} from './sqljs.js';
import {replayUndo} from './undo.js';
import type {UndoOp} from './undo.js';

/**
 * One change made by a store since its last successful save, numbered in the order it was made. Kept to replay onto a file
 * another instance changed meanwhile. `restore` is what a replay turns appends into when their session was deleted elsewhere.
 */
export type JournalOp = {seq: number} & (
	| {kind: 'create'; session: SessionRecord}
	| {kind: 'append'; sessionId: string; message: MessageRecord}
	| {kind: 'rename'; id: string; title: string | null}
	| {kind: 'delete'; id: string}
	| {kind: 'restore'; snapshot: SessionSnapshot}
	| SettingsOp
	| AlternativeOp
	| UndoOp
	| ForkOp
);

/**
 * Applies `ops` to `target`. `previous` is a database that already holds the result of every op (where they were first
 * made): when `target` is the file as another instance left it, a session that instance deleted while we were still
 * appending to it (or regenerating a reply) comes back as we have it — our new messages are never lost. Renames,
 * settings, flips and undos of sessions deleted elsewhere are dropped, and deletes win otherwise. Returns the ops as
 * applied (skips left out, restores in), so that replaying them on a copy of `target`'s starting state gives the same
 * result without `previous`.
 */
export function replay(ops: readonly JournalOp[], target: Database, previous: Database): JournalOp[] {
	const applied: JournalOp[] = [];
	const restored = new Set<string>();
	const restore = (op: JournalOp, id: string) => {
		const snapshot = snapshotSession(previous, id);
		if (snapshot === undefined) return; // we deleted it ourselves later on: nothing to keep
		insertSnapshot(target, snapshot);
		restored.add(id);
		applied.push({seq: op.seq, kind: 'restore', snapshot});
	};
	for (const op of ops) {
		switch (op.kind) {
			case 'create': {
				if (sessionExists(target, op.session.id)) break;
				insertSession(target, op.session);
				applied.push(op);
				break;
			}
			case 'append': {
				if (restored.has(op.sessionId)) break; // the restored copy already holds this message
				if (sessionExists(target, op.sessionId)) {
					if (messageExists(target, op.sessionId, op.message)) break; // already written (a save that died after its rename)
					insertMessage(target, op.sessionId, op.message);
					applied.push(op);
				} else {
					restore(op, op.sessionId);
				}
				break;
			}
			case 'rename': {
				if (!restored.has(op.id) && setTitle(target, op.id, op.title)) applied.push(op);
				break;
			}
			case 'delete': {
				restored.delete(op.id);
				if (removeSession(target, op.id)) applied.push(op);
				break;
			}
			case 'restore':
			case 'fork': {
				// A copy as it was when it was taken: later ops on it still apply.
				const id = String(op.snapshot.session['id']);
				if (restored.has(id) || sessionExists(target, id)) break;
				insertSnapshot(target, op.snapshot);
				applied.push(op);
				break;
			}
			case 'model':
			case 'system-prompt': {
				if (!restored.has(op.id) && applySettings(target, op)) applied.push(op);
				break;
			}
			case 'alternative': {
				if (restored.has(op.sessionId)) break;
				if (!sessionExists(target, op.sessionId)) restore(op, op.sessionId);
				else if (replayAlternative(target, op)) applied.push(op);
				break;
			}
			case 'choose':
			case 'undo': {
				if (restored.has(op.sessionId) || !sessionExists(target, op.sessionId)) break;
				if (op.kind === 'choose' ? replayAlternative(target, op) : replayUndo(target, op)) applied.push(op);
				break;
			}
			default: {
				assertNever(op);
			}
		}
	}
	return applied;
}
