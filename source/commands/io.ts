import type {Readable, Writable} from 'node:stream';
import {StoreError} from '../store/errors.js';
import {openSessionStore} from '../store/index.js';
import type {SessionStore} from '../store/index.js';
import {sanitize} from '../ui/text/sanitize.js';

/** What a subcommand reads and writes: the process's own streams (tests run the built CLI with pipes). */
export interface CommandIO {
	stdin: Readable & {isTTY?: boolean};
	stdout: Writable & {isTTY?: boolean};
	stderr: Writable;
}

export const processIO: CommandIO = {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr};

/** One line on stderr, in the app's voice. Messages quote flags, values and paths as given: shown safely. */
export function complain(io: CommandIO, message: string): void {
	io.stderr.write(`agent-session: ${sanitize(message)}\n`);
}

/** Opens the database for a one-shot command; one that cannot open is a line on stderr and the exit code to end with. */
export async function openStoreFor(dbPath: string, io: CommandIO): Promise<SessionStore | number> {
	try {
		return await openSessionStore(dbPath);
	} catch (error) {
		complain(io, (error as Error).message);
		return error instanceof StoreError ? error.exitCode : 1;
	}
}

/** Everything on stdin, as UTF-8 text. */
export async function readAll(stream: Readable): Promise<string> {
	const parts: Buffer[] = [];
	for await (const part of stream) parts.push(typeof part === 'string' ? Buffer.from(part) : part as Buffer);
	return Buffer.concat(parts).toString('utf8');
}

/** Resolves once everything written to `stream` so far has been handed to the system (before the process exits). */
export function drained(stream: Writable): Promise<void> {
	if (stream.destroyed || stream.writableEnded) return Promise.resolve();
	return new Promise(resolve => {
		stream.write('', () => resolve());
	});
}

// C1 controls, DEL and U+2028/2029: JSON.stringify leaves them raw inside strings, and a terminal may act on C1.
const rawControls = /[\u007F-\u009F\u2028\u2029]/g;

/** Pretty JSON with no raw control character in it at all (JSON.parse gives back the same value). */
export function jsonText(value: unknown): string {
	return JSON.stringify(value, null, 2).replace(rawControls, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
