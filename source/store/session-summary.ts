import {previewOf} from './preview.js';
import {queryValue} from './sqljs.js';
import type {Database} from './sqljs.js';

/**
 * Recomputes the session's count and preview from its messages, after a change that did more than append (regenerate,
 * flip, undo, fork). `activeAt`, when given, moves its last-activity time forward.
 */
export function refreshSummary(db: Database, sessionId: string, activeAt = 0): void {
	const first = queryValue(db, 'SELECT content FROM messages WHERE session_id = ? AND role = \'user\' ORDER BY position LIMIT 1', [sessionId]);
	db.run(
		`UPDATE sessions SET
			message_count = (SELECT count(*) FROM messages WHERE session_id = $id AND superseded = 0),
			preview = $preview,
			updated_at = max(updated_at, $at)
		WHERE id = $id`,
		{$id: sessionId, $preview: typeof first === 'string' ? previewOf(first) : '', $at: activeAt},
	);
}
