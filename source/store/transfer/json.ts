import {previewOf} from '../preview.js';
import type {MessageStatus, Role, SessionCopy, SessionWithMessages, TokenUsage} from '../types.js';

/**
 * A session as JSON: `{session: {...}, messages: [{role, content, status, createdAt, usage}]}` — the history pane's
 * role/content with what else the store keeps (an `error` for a failed reply; a reasoning model's `thinking` and
 * `thinkingMs`, only on replies that have one; the `model` that wrote a reply, when known). Times are ISO 8601 (UTC, to the millisecond), so reading a file back
 * gives the very same session.
 */
export interface SessionFile {
	session: {id: string; userId: string; title: string; model: string; createdAt: string; updatedAt: string};
	messages: Array<{
		role: Role; content: string; thinking?: string; thinkingMs?: number | null; model?: string; status: MessageStatus; createdAt: string; usage: TokenUsage | null; error?: string;
	}>;
}

export function sessionToFile({session, messages}: SessionWithMessages): SessionFile {
	return {
		session: {
			id: session.id,
			userId: session.userId,
			title: session.title,
			model: session.model,
			createdAt: new Date(session.createdAt).toISOString(),
			updatedAt: new Date(session.updatedAt).toISOString(),
		},
		messages: messages.map(message => ({
			role: message.role,
			content: message.content,
			...(message.thinking === null ? {} : {thinking: message.thinking, thinkingMs: message.thinkingMs}),
			...(message.model === null ? {} : {model: message.model}),
			status: message.status,
			createdAt: new Date(message.createdAt).toISOString(),
			usage: message.usage,
			...(message.error === null ? {} : {error: message.error}),
		})),
	};
}

/** A file that is not a session export: the message completes "Cannot import FILE: …" as one sentence. */
export class BadSessionFile extends Error {}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(object: Json, key: string, where: string): string {
	const value = object[key];
	if (typeof value !== 'string') throw new BadSessionFile(`${where}.${key} must be text`);
	return value;
}

function time(object: Json, key: string, where: string): number {
	const value = text(object, key, where);
	const ms = Date.parse(value);
	if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) throw new BadSessionFile(`${where}.${key} must be a date such as 2026-01-31T12:00:00.000Z, not "${value}"`);
	return ms;
}

function oneOf<T extends string>(object: Json, key: string, where: string, allowed: readonly T[]): T {
	const value = text(object, key, where);
	const found = allowed.find(option => option === value);
	if (found === undefined) throw new BadSessionFile(`${where}.${key} must be ${allowed.join(', ')}, not "${value}"`);
	return found;
}

function count(usage: Json, key: string, where: string): number {
	const value = usage[key];
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new BadSessionFile(`${where}.usage.${key} must be a whole number`);
	return value;
}

/** A reply's thinking and how long it took; a time without a thinking is dropped, as the store does. */
function thinkingOf(message: Json, where: string): {thinking: string | null; thinkingMs: number | null} {
	const thinking = message['thinking'] ?? null;
	if (thinking !== null && typeof thinking !== 'string') throw new BadSessionFile(`${where}.thinking must be text`);
	const ms = message['thinkingMs'] ?? null;
	if (ms !== null && (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0)) throw new BadSessionFile(`${where}.thinkingMs must be a whole number of milliseconds`);
	return {thinking, thinkingMs: thinking === null ? null : ms};
}

function usageOf(message: Json, where: string): TokenUsage | null {
	const usage = message['usage'];
	if (usage === null || usage === undefined) return null;
	if (!isObject(usage)) throw new BadSessionFile(`${where}.usage must be an object or null`);
	return {promptTokens: count(usage, 'promptTokens', where), completionTokens: count(usage, 'completionTokens', where), totalTokens: count(usage, 'totalTokens', where)};
}

/** Reads an exported session (`sessionToFile` as JSON) for the user `userId`. Throws BadSessionFile, naming the first problem. */
export function parseSessionFile(json: string, userId: string): SessionCopy {
	let data: unknown;
	try {
		data = JSON.parse(json) as unknown;
	} catch {
		throw new BadSessionFile('it is not JSON (make one with agent-session export --format json)');
	}
	if (!isObject(data) || !isObject(data['session']) || !Array.isArray(data['messages'])) {
		throw new BadSessionFile('it is not a session export: it needs a "session" object and a "messages" list');
	}
	const session = data['session'];
	const messages = data['messages'].map((value: unknown, index) => {
		const where = `messages[${index}]`;
		if (!isObject(value)) throw new BadSessionFile(`${where} must be an object`);
		const error = value['error'];
		if (error !== undefined && error !== null && typeof error !== 'string') throw new BadSessionFile(`${where}.error must be text`);
		const model = value['model'];
		if (model !== undefined && model !== null && typeof model !== 'string') throw new BadSessionFile(`${where}.model must be text`);
		return {
			role: oneOf(value, 'role', where, ['user', 'assistant', 'system'] as const),
			content: text(value, 'content', where),
			...thinkingOf(value, where),
			model: model ?? null,
			status: oneOf(value, 'status', where, ['complete', 'stopped', 'error'] as const),
			createdAt: time(value, 'createdAt', where),
			usage: usageOf(value, where),
			error: error ?? null,
		};
	});
	const id = text(session, 'id', 'session').trim();
	const title = text(session, 'title', 'session');
	const firstUser = messages.find(message => message.role === 'user');
	return {
		id: id === '' ? crypto.randomUUID() : id,
		userId,
		// The listed title is the name given, or else the first message: only a name is kept as one.
		title: title === '' || (firstUser !== undefined && title === previewOf(firstUser.content)) ? null : title,
		model: text(session, 'model', 'session'),
		createdAt: time(session, 'createdAt', 'session'),
		updatedAt: time(session, 'updatedAt', 'session'),
		messages,
	};
}
