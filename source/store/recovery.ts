// Recovery files: what a store could not save (a full disk, a read-only mount) when the app had to go anyway (a signal,
// a crash, "quit anyway"), written as JSON where it can be, found and merged on the next start on that database.
import {createHash, randomBytes} from 'node:crypto';
import {lstat, readdir, readFile, unlink} from 'node:fs/promises';
import {homedir, tmpdir} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {resolveDbFile} from './db-path.js';
import {StoreError} from './errors.js';
import {createExclusively, describeFsError, isMissing} from './files.js';
import {parseRecovery, recoveryFormat, recoveryVersion} from './recovery-format.js';
import type {RecoveryData} from './recovery-format.js';
import type {SessionStore} from './types.js';
import type {MergeCounts} from './unsaved.js';

/** Where recovery files go, first writable wins: beside the database, the OS temp folder, the home folder. */
export function recoveryFolders(databaseFile: string): string[] {
	return [dirname(databaseFile), tmpdir(), homedir()];
}

/** Beside the database its name says which one; elsewhere a hash of its path does (the file inside says it in full). */
function namePrefix(databaseFile: string, folder: string): string {
	if (folder === dirname(databaseFile)) return `${basename(databaseFile)}.recovery-`;
	return `agent-session-recovery-${createHash('sha256').update(databaseFile).digest('hex').slice(0, 16)}-`;
}

export interface WriteRecoveryOptions {
	/** Why it is written, kept in the file (e.g. "SIGTERM"). */
	reason?: string;
	/** Where to try, in order (default: recoveryFolders). */
	folders?: readonly string[];
}

/**
 * Writes what `store` has not saved to a new recovery file (JSON, mode 0600, complete or not at all) in the first folder
 * that takes it, and returns its path; undefined when nothing is unsaved. Rejects with one sentence when no folder can
 * take it. Never replaces an existing file, so a file planted in a shared temp folder cannot redirect it.
 */
export async function writeRecoveryFile(store: SessionStore, options: WriteRecoveryOptions = {}): Promise<string | undefined> {
	const {sessions, deletedSessionIds, messageCount} = store.unsavedChanges();
	if (sessions.length === 0 && deletedSessionIds.length === 0) return undefined;
	const data: RecoveryData = {
		format: recoveryFormat,
		version: recoveryVersion,
		database: store.file,
		writtenAt: new Date().toISOString(),
		reason: options.reason ?? `${messageCount} unsaved message${messageCount === 1 ? '' : 's'}`,
		sessions,
		deletedSessionIds,
	};
	const bytes = Buffer.from(`${JSON.stringify(data, null, '\t')}\n`);
	const folders = options.folders ?? recoveryFolders(store.file);
	const stamp = `${Date.now()}-${process.pid}-${randomBytes(3).toString('hex')}.json`;
	let failure: unknown;
	for (const folder of folders) {
		const path = join(folder, `${namePrefix(store.file, folder)}${stamp}`);
		try {
			if (await createExclusively(path, bytes) !== undefined) return path;
		} catch (error) {
			failure = error;
		}
	}
	throw new StoreError('save-failed', `Cannot write a recovery file for ${store.path} (tried ${folders.join(', ')}): ${describeFsError(failure, 'recovery')}.`);
}

/** A file we may trust: a regular file (not a link) of this user, which no one else may write. */
async function isOurs(path: string): Promise<boolean> {
	try {
		const stats = await lstat(path);
		const uid = process.getuid?.();
		return stats.isFile() && (uid === undefined || stats.uid === uid) && (stats.mode & 0o022) === 0;
	} catch {
		return false;
	}
}

/** Whether the recovery file at `path` says it is for `databaseFile`; a damaged one counts (merging it says what is wrong). */
async function isFor(path: string, databaseFile: string): Promise<boolean> {
	try {
		return parseRecovery(await readFile(path, 'utf8'), path).database === databaseFile;
	} catch {
		return true;
	}
}

/**
 * The recovery files for the database at `dbPath` in the recovery folders, oldest first. Files in shared folders count
 * only if they belong to this user and say they are for this database; a file we cannot parse is listed (merging it
 * then says what is wrong) only beside the database or when its name carries the database's hash.
 */
export async function findRecoveryFiles(dbPath: string, folders?: readonly string[]): Promise<string[]> {
	const {file} = await resolveDbFile(dbPath);
	const found: Array<{name: string; path: string}> = [];
	for (const folder of new Set(folders ?? recoveryFolders(file))) {
		const prefix = namePrefix(file, folder);
		const names = await readdir(folder).catch(() => []);
		for (const name of names) {
			if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
			const path = join(folder, name);
			if (!(await isOurs(path))) continue;
			if (await isFor(path, file)) found.push({name: name.slice(prefix.length), path});
		}
	}
	return found.sort((a, b) => a.name.localeCompare(b.name, 'en', {numeric: true})).map(entry => entry.path);
}

/** Reads and checks a recovery file; rejects with one sentence (kind 'bad-recovery') when it is not one. */
export async function readRecoveryFile(file: string): Promise<RecoveryData> {
	let text;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const reason = isMissing(error) ? 'there is no such file; check the path' : describeFsError(error, 'recovery');
		throw new StoreError('bad-recovery', `Cannot read ${file}: ${reason}.`, {cause: error});
	}
	return parseRecovery(text, file);
}

export interface MergedRecovery {
	file: string;
	counts: MergeCounts;
	/** One line for the user, e.g. "Recovered 3 unsaved messages from /home/ada/data/agents.db.recovery-….json." */
	notice: string;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describeCounts(counts: MergeCounts): string {
	const parts = [
		counts.messages > 0 ? plural(counts.messages, 'unsaved message') : '',
		counts.sessions > 0 && counts.messages === 0 ? plural(counts.sessions, 'new session') : '',
		counts.renames > 0 ? plural(counts.renames, 'rename') : '',
		counts.deletes > 0 ? plural(counts.deletes, 'deletion') : '',
	].filter(part => part !== '');
	return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/**
 * Merges the recovery file `file` into `store` (whatever it already holds is skipped, so merging twice adds nothing
 * twice), saves, and only then deletes the file. Rejects, with nothing changed, for a file that is not a recovery file;
 * rejects with the save's error (the file kept, the merge in memory and saved by the store's retries) if it cannot save.
 */
export async function mergeRecoveryFile(store: SessionStore, file: string): Promise<MergedRecovery> {
	const data = await readRecoveryFile(file);
	const counts = store.mergeUnsaved(data);
	await store.save();
	await unlink(file).catch(() => undefined);
	const what = describeCounts(counts);
	return {file, counts, notice: what === '' ? `Nothing to recover from ${file}: it was all saved already (the file is removed).` : `Recovered ${what} from ${file}.`};
}

/**
 * At start-up: merges every recovery file for `store`'s database and returns one line per file for the user (also for
 * a file that could not be merged, saying why; such a file is left where it is).
 */
export async function recoverOnStart(store: SessionStore, folders?: readonly string[]): Promise<string[]> {
	const notices: string[] = [];
	for (const file of await findRecoveryFiles(store.file, folders)) {
		try {
			notices.push((await mergeRecoveryFile(store, file)).notice);
		} catch (error) {
			notices.push(error instanceof StoreError ? error.message : `Cannot recover from ${file}: ${String(error)}.`);
		}
	}
	return notices;
}

/** How a way out of the app ended for the data: all saved, kept in a recovery file, or (both failing) lost. */
export type ExitSave =
	| {outcome: 'saved'; exitCode: 0}
	| {outcome: 'recovery-file'; exitCode: 1; file: string; message: string}
	| {outcome: 'lost'; exitCode: 1; message: string};

export interface ExitSaveOptions extends WriteRecoveryOptions {
	/** Give the save this long (a stuck disk must not keep a signalled app alive); default 5 s. */
	timeoutMs?: number;
}

/**
 * The last step of every way out where no one can be asked (a signal, a crash): close `store` (which saves), and if that
 * fails or takes too long, write what is unsaved to a recovery file. Resolves to the exit code and, unless everything was
 * saved, one sentence for stderr saying how many messages and where they are. Never rejects.
 */
export async function saveOrRecover(store: SessionStore, options: ExitSaveOptions = {}): Promise<ExitSave> {
	const timeoutMs = options.timeoutMs ?? 5000;
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<Error>(resolve => {
		timer = setTimeout(() => resolve(new Error(`saving took longer than ${timeoutMs / 1000} s`)), timeoutMs);
	});
	const failure = await Promise.race([store.close().then(() => undefined, (error: unknown) => error), timedOut]);
	clearTimeout(timer);
	const {messageCount, sessions, deletedSessionIds} = failure === undefined ? {messageCount: 0, sessions: [], deletedSessionIds: []} : store.unsavedChanges();
	if (sessions.length === 0 && deletedSessionIds.length === 0) return {outcome: 'saved', exitCode: 0};
	const why = failure instanceof StoreError ? failure.reason : (failure instanceof Error ? failure.message : String(failure)).replace(/\.$/, '');
	const what = `${messageCount > 0 ? plural(messageCount, 'message') : 'some changes'} to ${store.path}`;
	try {
		const file = (await writeRecoveryFile(store, options))!;
		return {outcome: 'recovery-file', exitCode: 1, file, message: `Could not save ${what} (${why}); they are in ${file}, which the next start on this database merges (or run: agent-session recover ${file}).`};
	} catch (error) {
		return {outcome: 'lost', exitCode: 1, message: `Could not save ${what} (${why}), and could not write a recovery file either: ${(error as Error).message}`};
	}
}
