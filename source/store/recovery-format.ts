import {StoreError} from './errors.js';
import {toRecord} from './mutations.js';
import type {MessageRecord} from './mutations.js';
import type {NewMessage, TokenUsage} from './types.js';
import type {UnsavedChanges, UnsavedSession} from './unsaved.js';

/** What a recovery file holds: the changes a store could not save, and the database they belong to. */
export interface RecoveryData extends Omit<UnsavedChanges, 'messageCount'> {
	format: typeof recoveryFormat;
	version: typeof recoveryVersion;
	/** The database file (absolute, symlinks followed) the changes were made to. */
	database: string;
	/** ISO time it was written. */
	writtenAt: string;
	/** Why it was written, e.g. "SIGTERM" or "quit while the disk was full". */
	reason: string;
}

export const recoveryFormat = 'agent-session recovery file';
export const recoveryVersion = 1;

/** A part of the file that is not what it should be; the path says where, e.g. "sessions[0].messages[2].role". */
class Malformed extends Error {
	constructor(message: string, readonly fix = 'check the file, or move it aside') {
		super(message);
	}
}

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Malformed(`${where} is not an object`);
	return value as Json;
}

function array(value: unknown, where: string): unknown[] {
	if (!Array.isArray(value)) throw new Malformed(`${where} is not a list`);
	return value;
}

function string(value: unknown, where: string): string {
	if (typeof value !== 'string') throw new Malformed(`${where} is not text`);
	return value;
}

function time(value: unknown, where: string): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Malformed(`${where} is not a time`);
	return value;
}

function nullable<T>(value: unknown, read: (value: unknown, where: string) => T, where: string): T | null {
	return value === null ? null : read(value, where);
}

function usage(value: unknown, where: string): TokenUsage {
	const fields = object(value, where);
	const count = (name: string) => {
		const field = fields[name];
		if (typeof field !== 'number' || !Number.isSafeInteger(field) || field < 0) throw new Malformed(`${where}.${name} is not a count`);
		return field;
	};
	return {promptTokens: count('promptTokens'), completionTokens: count('completionTokens'), totalTokens: count('totalTokens')};
}

function milliseconds(value: unknown, where: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Malformed(`${where} is not a duration in milliseconds`);
	return value;
}

function message(value: unknown, where: string): MessageRecord {
	const fields = object(value, where);
	const candidate: NewMessage = {
		role: string(fields['role'], `${where}.role`) as NewMessage['role'],
		content: string(fields['content'], `${where}.content`),
		status: string(fields['status'], `${where}.status`) as NewMessage['status'],
		error: nullable(fields['error'] ?? null, string, `${where}.error`),
		usage: nullable(fields['usage'] ?? null, usage, `${where}.usage`),
		thinking: nullable(fields['thinking'] ?? null, string, `${where}.thinking`),
		thinkingMs: nullable(fields['thinkingMs'] ?? null, milliseconds, `${where}.thinkingMs`),
		// Absent from files written before replies kept their model.
		model: nullable(fields['model'] ?? null, string, `${where}.model`),
	};
	try {
		// The store's own check (roles, statuses) and its well-formed text.
		return toRecord(candidate, time(fields['createdAt'], `${where}.createdAt`));
	} catch (error) {
		if (error instanceof Malformed) throw error;
		throw new Malformed(`${where}: ${(error as Error).message.replace(/\.$/, '')}`);
	}
}

function session(value: unknown, where: string): UnsavedSession {
	const fields = object(value, where);
	const id = string(fields['id'], `${where}.id`);
	if (id === '') throw new Malformed(`${where}.id is empty`);
	if (typeof fields['renamed'] !== 'boolean') throw new Malformed(`${where}.renamed is not true or false`);
	return {
		id,
		userId: string(fields['userId'], `${where}.userId`),
		model: string(fields['model'], `${where}.model`),
		createdAt: time(fields['createdAt'], `${where}.createdAt`),
		title: nullable(fields['title'] ?? null, string, `${where}.title`),
		renamed: fields['renamed'],
		messages: array(fields['messages'], `${where}.messages`).map((item, index) => message(item, `${where}.messages[${index}]`)),
	};
}

/** Checks every field of a parsed recovery file; throws a one-sentence StoreError naming the first thing wrong. */
export function parseRecovery(text: string, file: string): RecoveryData {
	const refuse = (reason: string, fix = 'check the file, or move it aside') =>
		new StoreError('bad-recovery', `Cannot recover from ${file}: ${reason}; nothing was changed (${fix}).`);
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw refuse('it is not JSON (it may have been cut short)');
	}
	try {
		const fields = object(json, 'the file');
		if (fields['format'] !== recoveryFormat) throw new Malformed('it is not an agent-session recovery file');
		if (fields['version'] !== recoveryVersion) {
			if (typeof fields['version'] === 'number' && fields['version'] > recoveryVersion) {
				throw new Malformed(`it was written by a newer agent-session (format ${fields['version']})`, 'upgrade agent-session to recover it');
			}
			throw new Malformed('its format version is unknown');
		}
		return {
			format: recoveryFormat,
			version: recoveryVersion,
			database: string(fields['database'], 'database'),
			writtenAt: string(fields['writtenAt'], 'writtenAt'),
			reason: string(fields['reason'] ?? '', 'reason'),
			sessions: array(fields['sessions'], 'sessions').map((item, index) => session(item, `sessions[${index}]`)),
			deletedSessionIds: array(fields['deletedSessionIds'], 'deletedSessionIds').map((item, index) => string(item, `deletedSessionIds[${index}]`)),
		};
	} catch (error) {
		if (error instanceof Malformed) throw refuse(error.message, error.fix);
		throw error;
	}
}
