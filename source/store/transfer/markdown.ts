import {assertNever} from '../../assert-never.js';
import type {Role, SessionWithMessages, StoredMessage} from '../types.js';

// A session as a markdown document: a header with what identifies it, then each message under its role's heading.
// Message text is markdown already (what the model wrote, what the user typed) and goes in as it is.

const headings: Readonly<Record<Role, string>> = {system: 'System', user: 'User', assistant: 'Assistant'};

/** UTC, to the second: the same export gives the same text wherever it is made. */
export function exportTime(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The model that wrote a reply, as code (a name may hold `_` or `*`), after its role. */
function writer(message: StoredMessage): string {
	return message.role === 'assistant' && message.model !== null ? ` · \`${message.model.replaceAll('`', '\'')}\`` : '';
}

function heading(message: StoredMessage): string {
	const role = headings[message.role] + writer(message);
	switch (message.status) {
		case 'complete': {
			return `## ${role}`;
		}
		case 'stopped': {
			return `## ${role} (stopped)`;
		}
		case 'error': {
			return `## ${role} (failed)`;
		}
		default: {
			return assertNever(message.status);
		}
	}
}

/** Every line of `text` quoted, so nothing in the thinking (a heading, an open code fence) reaches outside it. */
function blockquote(text: string): string {
	return text.split('\n').map(line => (line.trim() === '' ? '>' : `> ${line}`)).join('\n');
}

/** A reply's thinking under its own heading, quoted, before the answer under its own. */
function thinkingParts(message: StoredMessage): string[] {
	const {thinking, thinkingMs} = message;
	if (thinking === null || thinking.trim() === '') return [];
	const time = thinkingMs === null ? '' : ` (${(thinkingMs / 1000).toFixed(1)} s)`;
	const answer = message.content.trim() === '' ? [] : ['### Answer'];
	return [`### Thinking${time}`, blockquote(thinking.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd()), ...answer];
}

function section(message: StoredMessage): string {
	const parts = [heading(message), ...thinkingParts(message)];
	if (message.content.trim() !== '') parts.push(message.content.trimEnd());
	if (message.error !== null) parts.push(`> ${message.error.replaceAll('\n', ' ')}`);
	return parts.join('\n\n');
}

export function sessionToMarkdown({session, messages}: SessionWithMessages): string {
	const header = [
		`# ${session.title === '' ? 'Untitled session' : session.title}`,
		[
			`- Session: \`${session.id}\``,
			`- User: ${session.userId}`,
			`- Model: ${session.model}`,
			`- Started: ${exportTime(session.createdAt)}`,
			`- Last activity: ${exportTime(session.updatedAt)}`,
			`- Messages: ${messages.length}`,
			...(session.origin === 'agno' ? ['- Kept in Agno\'s own table (not continued in agent-session yet)'] : []),
		].join('\n'),
	];
	return `${[...header, ...messages.map(message => section(message))].join('\n\n')}\n`;
}
