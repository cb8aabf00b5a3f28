import type {Role} from '../types.js';

/**
 * The system message a session keeps, if it has one: a session from Agno holds the one Agno sent (ours store none).
 * Continuing such a session sends that message, as Agno would, instead of the app's --system prompt.
 */
export function storedSystemPrompt(messages: ReadonlyArray<{role: Role; content: string}>): string | undefined {
	return messages.find(message => message.role === 'system')?.content;
}
