import type {Role, TokenUsage} from '../types.js';

/** Agno's stored JSON, taken apart defensively: anything of an unexpected shape is reported, never trusted. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A row that cannot be read: why, for the notice and for tests. */
export class DamagedRow extends Error {}

/**
 * A JSON column's value. Agno 2.x encodes its JSON columns twice (it dumps them itself, then SQLAlchemy's JSON type
 * dumps the string again), so a string that holds JSON is decoded once more. SQL NULL and JSON null are both null.
 */
export function decodeColumn(value: unknown, column: string): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string') throw new DamagedRow(`${column} is not JSON text`);
	let decoded: unknown = parse(value, column);
	if (typeof decoded === 'string' && /^\s*[[{]/.test(decoded)) decoded = parse(decoded, column);
	return decoded;
}

function parse(text: string, column: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new DamagedRow(`${column} is not valid JSON`);
	}
}

/** A message as Agno stored it, reduced to what a chat transcript holds. */
export interface AgnoMessage {
	role: Role;
	content: string;
	/** Seconds since the epoch, as Agno writes them; undefined when missing. */
	createdAt: number | undefined;
	usage: TokenUsage | null;
}

/**
 * One of Agno's message dicts as a transcript message, or undefined for what a chat transcript does not show: tool
 * results, tool calls without text, and copies of earlier messages that Agno tagged `from_history` when it sent them.
 */
export function toAgnoMessage(value: unknown): AgnoMessage | undefined {
	if (!isObject(value)) throw new DamagedRow('a message is not an object');
	if (value['from_history'] === true) return undefined;
	const role = roleOf(value['role']);
	if (role === undefined) return undefined;
	const content = textOf(value['content']);
	if (content === undefined || (content === '' && role === 'assistant' && value['tool_calls'] !== undefined)) return undefined;
	const createdAt = value['created_at'];
	return {
		role,
		content,
		createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : undefined,
		usage: usageOf(value['metrics']),
	};
}

function roleOf(role: unknown): Role | undefined {
	switch (role) {
		case 'system':
		case 'developer': {
			return 'system';
		}
		case 'user': {
			return 'user';
		}
		case 'assistant':
		case 'model': {
			return 'assistant';
		}
		case 'tool': {
			return undefined;
		}
		default: {
			throw new DamagedRow(`a message has the unknown role ${JSON.stringify(role)}`);
		}
	}
}

/** Text content; for a list of parts (text and images), the text parts joined. Undefined when there is no text at all. */
function textOf(content: unknown): string | undefined {
	if (typeof content === 'string') return content;
	if (content === null || content === undefined) return undefined;
	if (Array.isArray(content)) {
		const texts = content.flatMap(part => (isObject(part) && typeof part['text'] === 'string' ? [part['text']] : []));
		return texts.length === 0 ? undefined : texts.join('\n');
	}
	throw new DamagedRow('a message has content that is not text');
}

/** Token counts from a message's `metrics` (Agno names them input/output/total); null when they are not plain numbers. */
function usageOf(metrics: unknown): TokenUsage | null {
	if (!isObject(metrics)) return null;
	const input = metrics['input_tokens'];
	const output = metrics['output_tokens'];
	const total = metrics['total_tokens'];
	if (typeof input !== 'number' || typeof output !== 'number') return null;
	return {promptTokens: input, completionTokens: output, totalTokens: typeof total === 'number' ? total : input + output};
}
