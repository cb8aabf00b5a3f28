import {readFile} from 'node:fs/promises';
import {ConfigError} from '../config.js';
import type {Command, Config} from '../config.js';
import {describeFsError, isMissing} from '../store/files.js';
import {BadSessionFile, parseSessionFile} from '../store/transfer/json.js';
import {complain, openStoreFor} from './io.js';
import type {CommandIO} from './io.js';

/**
 * `agent-session import FILE`: the session in a file made by `export --format json`, added for --user under its own id
 * when that id is free here. The file is read and checked in full first: a bad one changes nothing (not even creates
 * the database). Prints the session's id.
 */
export async function runImport(command: Extract<Command, {kind: 'import'}>, config: Config, io: CommandIO): Promise<number> {
	let text: string;
	try {
		text = await readFile(command.file, 'utf8');
	} catch (error) {
		throw new ConfigError(`Cannot import ${command.file}: ${isMissing(error) ? 'there is no such file' : describeFsError(error)}.`);
	}
	let copy;
	try {
		copy = parseSessionFile(text, config.user);
	} catch (error) {
		if (error instanceof BadSessionFile) throw new ConfigError(`Cannot import ${command.file}: ${error.message}.`);
		throw error;
	}
	const store = await openStoreFor(config.dbPath, io);
	if (typeof store === 'number') return store;
	try {
		const imported = store.importSession(copy);
		await store.close();
		if (imported.id !== copy.id) complain(io, `session ${copy.id} is already in ${config.dbPath}, so the copy got a new id.`);
		io.stdout.write(`${imported.id}\n`);
		return 0;
	} catch (error) {
		complain(io, (error as Error).message);
		await store.close().catch(() => undefined);
		return 1;
	}
}
