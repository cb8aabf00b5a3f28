// A fast path for generating large databases (tests and benchmarks): one transaction, statements prepared once. It
// writes only the columns schema version 3 has, so it also fills databases made at that version (to measure a migration).
import {previewOf} from '../../source/store/preview.js';
import {transaction} from '../../source/store/sqljs.js';
import type {Database} from '../../source/store/sqljs.js';
import type {MessageRecord} from '../../source/store/mutations.js';

export interface BulkSession {
	id: string;
	userId: string;
	model: string;
	createdAt: number;
	title: string | null;
	messages: MessageRecord[];
}

export function insertSessionsBulk(db: Database, sessions: readonly BulkSession[]): void {
	const sessionStatement = db.prepare(
		'INSERT INTO sessions (id, user_id, title, model, created_at, updated_at, message_count, preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
	);
	const messageStatement = db.prepare(`INSERT INTO messages
		(session_id, position, role, content, status, error, created_at, prompt_tokens, completion_tokens, total_tokens)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
	try {
		transaction(db, () => {
			for (const session of sessions) {
				const firstUser = session.messages.find(message => message.role === 'user');
				const updatedAt = Math.max(session.createdAt, ...session.messages.map(message => message.createdAt));
				sessionStatement.run([
					session.id, session.userId, session.title, session.model, session.createdAt, updatedAt,
					session.messages.length, firstUser === undefined ? '' : previewOf(firstUser.content),
				]);
				session.messages.forEach((message, position) => {
					messageStatement.run([
						session.id, position, message.role, message.content, message.status, message.error, message.createdAt,
						message.usage?.promptTokens ?? null, message.usage?.completionTokens ?? null, message.usage?.totalTokens ?? null,
					]);
				});
			}
		});
	} finally {
		sessionStatement.free();
		messageStatement.free();
	}
}
