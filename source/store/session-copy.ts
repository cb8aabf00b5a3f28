import {previewOf} from './preview.js';
import type {SessionSnapshot} from './mutations.js';
import type {SessionCopy} from './types.js';

/**
 * The copy as rows of our tables. It goes into the journal as a `restore` entry, so a replay onto a file another
 * instance changed meanwhile inserts it once (and not at all if that instance already has the session).
 */
export function snapshotOf(copy: SessionCopy): SessionSnapshot {
	const firstUser = copy.messages.find(message => message.role === 'user');
	return {
		session: {
			id: copy.id,
			user_id: copy.userId,
			title: copy.title,
			model: copy.model,
			created_at: copy.createdAt,
			updated_at: copy.updatedAt,
			message_count: copy.messages.length,
			preview: firstUser === undefined ? '' : previewOf(firstUser.content),
		},
		messages: copy.messages.map((message, position) => ({
			session_id: copy.id,
			position,
			role: message.role,
			content: message.content,
			status: message.status,
			error: message.error,
			created_at: message.createdAt,
			prompt_tokens: message.usage?.promptTokens ?? null,
			completion_tokens: message.usage?.completionTokens ?? null,
			total_tokens: message.usage?.totalTokens ?? null,
			thinking: message.thinking,
			thinking_ms: message.thinking === null ? null : message.thinkingMs,
			model: message.model,
		})),
	};
}
