import {open, stat} from 'node:fs/promises';
import {setTimeout as delay} from 'node:timers/promises';
import {StoreError} from './errors.js';
import {fingerprintFile, isMissing, openAndRead, sameFingerprint} from './files.js';
import type {Fingerprint} from './files.js';

/**
 * Programs that take no lock of ours write the same file: Agno's own (through SQLAlchemy), the sqlite3 shell. They change
 * it in place, under SQLite's own file locks, which we cannot take (sql.js has no file locking, Node no fcntl). So a save
 * (1) tells that the file changed since we read or wrote it, by its fingerprint and SQLite's change counter, (2) never
 * reads or replaces it while such a writer is inside a transaction (its rollback journal or WAL is there), and
 * (3) checks again just before renaming its new file into place.
 */

/** One version of the file: what the file system says, and SQLite's own count of the transactions that changed it. */
export interface FileVersion {
	fingerprint: Fingerprint;
	/** Header bytes 24–27: every SQLite writer in rollback-journal mode bumps it with each transaction that changes the file. */
	counter: number | undefined;
}

export function changeCounter(bytes: Uint8Array): number | undefined {
	if (bytes.byteLength < 28) return undefined;
	return new DataView(bytes.buffer, bytes.byteOffset, 28).getUint32(24);
}

async function readHeader(path: string, length: number): Promise<Uint8Array | undefined> {
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		if (isMissing(error)) return undefined;
		throw error;
	}
	try {
		const buffer = new Uint8Array(length);
		const {bytesRead} = await handle.read(buffer, 0, length, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

/** The file's version now, or undefined when there is no file. */
export async function currentVersion(path: string): Promise<FileVersion | undefined> {
	const fingerprint = await fingerprintFile(path);
	if (fingerprint === undefined) return undefined;
	const header = await readHeader(path, 28);
	return {fingerprint, counter: header === undefined ? undefined : changeCounter(header)};
}

/** Whether `now` is the version we know. Without a known counter (a store attached before it was read) the fingerprint decides. */
export function isKnownVersion(now: FileVersion, known: Fingerprint | undefined, knownCounter: number | undefined): boolean {
	return sameFingerprint(now.fingerprint, known) && (knownCounter === undefined || now.counter === knownCounter);
}

/** The size of a file next to the database, 0 when there is none. */
async function sizeOf(path: string): Promise<number> {
	try {
		return (await stat(path)).size;
	} catch (error) {
		if (isMissing(error)) return 0;
		throw error;
	}
}

/**
 * Whether a SQLite program may be inside a write transaction on the file (or died in one): its rollback journal is
 * there and not empty, or its WAL has frames. Replacing the file then would lose that transaction (SQLite refuses to
 * commit into a file that was moved), or get an old journal played back onto our new file. The journal's header cannot
 * tell: SQLite writes its magic number only when it commits, so a transaction still open looks like a finished one.
 * (A database in journal mode PERSIST keeps a journal between transactions, so saves to it wait and then fail.)
 */
export async function writerInside(path: string): Promise<boolean> {
	const [journal, wal] = await Promise.all([sizeOf(`${path}-journal`), sizeOf(`${path}-wal`)]);
	return journal > 0 || wal > 0;
}

function busyError(path: string): StoreError {
	return new StoreError('locked', `Cannot save ${path}: another program (Agno, or a sqlite3 shell) is in the middle of writing it; close it or try again.`);
}

/** Waits (up to `timeoutMs`) until no other program is inside a write transaction on the file. */
export async function waitForOutsideWriters(path: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let wait = 2;
	while (await writerInside(path)) {
		if (Date.now() > deadline) throw busyError(path);
		await delay(wait);
		wait = Math.min(wait * 2, 50);
	}
}

/**
 * Reads the file as one consistent version: no writer inside a transaction before or after, and the same version before
 * and after the read. Undefined when there is no file.
 */
export async function readSettled(path: string, timeoutMs: number): Promise<{bytes: Buffer; version: FileVersion} | undefined> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		await waitForOutsideWriters(path, Math.max(0, deadline - Date.now()));
		const read = await openAndRead(path);
		if (read === undefined) return undefined;
		await read.handle.close();
		const after = await currentVersion(path);
		const counter = changeCounter(read.bytes);
		if (after !== undefined && sameFingerprint(after.fingerprint, read.fingerprint) && after.counter === counter && !(await writerInside(path))) {
			return {bytes: read.bytes, version: {fingerprint: read.fingerprint, counter}};
		}
		if (Date.now() > deadline) throw busyError(path);
		await delay(5);
	}
}

/** Thrown from just before the rename when the file changed meanwhile: the save merges again instead of writing over it. */
export class ChangedMeanwhile extends Error {}
