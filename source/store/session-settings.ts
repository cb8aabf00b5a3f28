import {queryAll} from './sqljs.js';
import type {Database} from './sqljs.js';

// Per-session settings: the model and the system prompt the session's requests use.

/** Journal entries (see journal.ts). */
export type SettingsOp =
	| {kind: 'model'; id: string; model: string}
	| {kind: 'system-prompt'; id: string; systemPrompt: string | null};

/** A model name as stored: trimmed, never empty. */
export function modelName(model: string): string {
	const name = model.trim();
	if (name === '') throw new RangeError('A model name cannot be empty; choose a model or type its name.');
	return name;
}

/** Applies a settings change. Returns false when there is no such session. */
export function applySettings(db: Database, op: SettingsOp): boolean {
	switch (op.kind) {
		case 'model': {
			db.run('UPDATE sessions SET model = ? WHERE id = ?', [op.model, op.id]);
			break;
		}
		case 'system-prompt': {
			db.run('UPDATE sessions SET system_prompt = ? WHERE id = ?', [op.systemPrompt, op.id]);
			break;
		}
	}
	return db.getRowsModified() > 0;
}

/** The models of the user's sessions, each once, the most recently active first. */
export function recentModels(db: Database, userId: string, limit: number): string[] {
	return queryAll(
		db,
		'SELECT model FROM sessions WHERE user_id = ? GROUP BY model ORDER BY max(updated_at) DESC LIMIT ?',
		[userId, limit],
	).map(row => String(row['model']));
}
