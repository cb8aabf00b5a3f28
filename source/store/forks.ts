import {unknownMessageError, unknownSessionError} from './errors.js';
import {insertMessage, snapshotSession} from './mutations.js';
import type {MessageRecord, SessionSnapshot} from './mutations.js';
import {previewOf} from './preview.js';
import {getSummary} from './queries.js';
import {refreshSummary} from './session-summary.js';
import {queryAll, queryOne, transaction} from './sqljs.js';
import type {Database} from './sqljs.js';

/** Journal entry (see journal.ts): the whole new session, so that it is the same wherever it is replayed. */
export interface ForkOp {
	kind: 'fork';
	snapshot: SessionSnapshot;
}

export interface ForkRequest {
	/** The session to fork, and the user message in it that was edited. */
	sessionId: string;
	atMessageId: number;
	/** The new session's id and creation time, and the edited message as it is written. */
	id: string;
	createdAt: number;
	edited: MessageRecord;
}

/** Every column of messages but the row's id and session, so that a copy keeps columns added by later migrations. */
function copiedColumns(db: Database): string {
	return queryAll(db, 'PRAGMA table_info(messages)')
		.map(row => String(row['name']))
		.filter(name => name !== 'id' && name !== 'session_id')
		.join(', ');
}

/**
 * Creates a session of the same user, model and system prompt, named "<title> (fork)", holding copies of the messages
 * before the edited one (alternatives included, at their positions) and then the edited message. The original is not
 * changed. Returns the op that makes the same session elsewhere.
 */
export function forkSession(db: Database, request: ForkRequest): ForkOp {
	const origin = getSummary(db, request.sessionId);
	if (origin === undefined) throw unknownSessionError(request.sessionId);
	const at = queryOne(db, 'SELECT position, role FROM messages WHERE id = ? AND session_id = ?', [request.atMessageId, request.sessionId]);
	if (at === undefined) throw unknownMessageError();
	if (at['role'] !== 'user') throw new RangeError('Only a user message can be edited into a fork.');
	const position = Number(at['position']);
	const title = `${origin.title === '' ? previewOf(request.edited.content) : origin.title} (fork)`;
	transaction(db, () => {
		db.run(
			`INSERT INTO sessions (id, user_id, title, model, system_prompt, created_at, updated_at, message_count, preview, forked_from_session, forked_from_position)
			VALUES (?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?)`,
			[request.id, origin.userId, title, origin.model, origin.systemPrompt, request.createdAt, request.createdAt, origin.id, position],
		);
		const columns = copiedColumns(db);
		db.run(
			`INSERT INTO messages (session_id, ${columns}) SELECT ?, ${columns} FROM messages WHERE session_id = ? AND position < ? ORDER BY position`,
			[request.id, origin.id, position],
		);
		insertMessage(db, request.id, request.edited);
		refreshSummary(db, request.id);
	});
	return {kind: 'fork', snapshot: snapshotSession(db, request.id)!};
}
