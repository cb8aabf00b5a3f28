// `agent-session recover FILE [--db PATH]`: merges a recovery file into the database it names (or into --db).
import {resolve} from 'node:path';
import {StoreError} from '../store/errors.js';
import {openSessionStore} from '../store/index.js';
import {mergeRecoveryFile, readRecoveryFile} from '../store/recovery.js';

export interface RecoverOptions {
	/** --db: merge into this database instead of the one named in the file. */
	db?: string;
	/** Relative paths are taken from here (default: the process's working folder). */
	cwd?: string;
	/** Where the one-line outcome and the error go (default: the process's stdout and stderr). */
	stdout?: {write(text: string): unknown};
	stderr?: {write(text: string): unknown};
}

/**
 * Runs the command and resolves to the process's exit code: 0 merged (or nothing left to merge), 2 the file is not a
 * recovery file or the database path is refused (nothing is changed), 1 the merge could not be saved (the file is kept).
 */
export async function runRecover(file: string, options: RecoverOptions = {}): Promise<number> {
	const cwd = options.cwd ?? process.cwd();
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const fail = (error: unknown): number => {
		stderr.write(`agent-session: ${error instanceof Error ? error.message : String(error)}\n`);
		return error instanceof StoreError ? error.exitCode : 1;
	};
	const path = resolve(cwd, file);
	let store;
	try {
		// Checked before the database is even opened: a file that is not a recovery file changes nothing anywhere.
		const {database} = await readRecoveryFile(path);
		store = await openSessionStore(options.db === undefined ? database : resolve(cwd, options.db));
	} catch (error) {
		return fail(error);
	}
	try {
		const {notice} = await mergeRecoveryFile(store, path);
		await store.close();
		stdout.write(`${notice}\n`);
		return 0;
	} catch (error) {
		// Not closed: a store that cannot save keeps its data until the process ends, and the recovery file stays.
		return fail(error);
	}
}
