import {randomBytes} from 'node:crypto';
import {constants, read} from 'node:fs';
import {link, lstat, mkdir, open, readdir, rename, stat, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {promisify} from 'node:util';
import type {Stats} from 'node:fs';
import type {FileHandle} from 'node:fs/promises';
import {StoreError} from './errors.js';

/** What identifies one version of the file: every save renames a new file in, so the inode changes with it. */
export interface Fingerprint {
	ino: number;
	size: number;
	mtimeMs: number;
}

function fingerprintOf(stats: Stats): Fingerprint {
	return {ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs};
}

export function sameFingerprint(a: Fingerprint | undefined, b: Fingerprint | undefined): boolean {
	return a === b || (a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

export function errorCode(error: unknown): string | undefined {
	return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function isMissing(error: unknown): boolean {
	return errorCode(error) === 'ENOENT';
}

/** What is at a path, in words for messages; undefined for a regular file (the only kind we read or replace). */
export function otherKind(stats: Stats): string | undefined {
	if (stats.isFile()) return undefined;
	if (stats.isDirectory()) return 'a folder';
	if (stats.isFIFO()) return 'a FIFO (named pipe)';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSocket()) return 'a socket';
	if (stats.isSymbolicLink()) return 'a symbolic link';
	return 'not a regular file';
}

/**
 * Right before a rename over `path`: it must be a regular file or nothing. Whatever else is there now (a device, a FIFO,
 * a folder, a symlink put there since we opened it) is never replaced, even by root (`--db /dev/null` once replaced the
 * system's /dev/null). A rename cannot be made conditional, so a swap in the microseconds between this check and the
 * rename is the one case left.
 */
export async function assertReplaceable(path: string): Promise<void> {
	let stats;
	try {
		stats = await lstat(path);
	} catch (error) {
		if (isMissing(error)) return;
		throw error;
	}
	const kind = otherKind(stats);
	if (kind !== undefined) {
		throw new StoreError('bad-path', `Cannot save ${path}: it is now ${kind}, not a regular file, and agent-session never writes over anything else; move it aside and it will be saved automatically.`);
	}
}

/** The file's current fingerprint, or undefined when there is no file. */
export async function fingerprintFile(path: string): Promise<Fingerprint | undefined> {
	try {
		return fingerprintOf(await stat(path));
	} catch (error) {
		if (isMissing(error)) return undefined;
		throw error;
	}
}

const tempPattern = /^(?<base>.+)\.tmp-(?<pid>\d+)-[\da-f]+$/;

function tempPath(path: string): string {
	return `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

export interface WriteHooks {
	/** Runs after the temp file is complete and synced, before it is renamed over the target (tests simulate crashes here). */
	beforeRename?: (tempFile: string) => void | Promise<void>;
}

/** Writes `bytes` to a new file `path` (mode 0600, never over an existing one) and fsyncs it. */
async function writeDurably(path: string, bytes: Uint8Array): Promise<Fingerprint> {
	const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
	try {
		await handle.writeFile(bytes);
		await handle.sync();
		return fingerprintOf(await handle.stat());
	} finally {
		await handle.close();
	}
}

/**
 * Writes `bytes` to `path` atomically: a temp file (mode 0600) in the same folder, fsync, rename over the target, fsync the
 * folder. Readers see the old file or the new one, never a mix. Returns the new file's fingerprint.
 */
export async function writeAtomically(path: string, bytes: Uint8Array, hooks: WriteHooks = {}): Promise<Fingerprint> {
	const temp = tempPath(path);
	let renamed = false;
	try {
		const fingerprint = await writeDurably(temp, bytes);
		await hooks.beforeRename?.(temp);
		await assertReplaceable(path);
		await rename(temp, path);
		renamed = true;
		await syncFolder(dirname(path));
		return fingerprint;
	} finally {
		if (!renamed) await unlink(temp).catch(() => undefined);
	}
}

/**
 * Creates `path` with `bytes` only if there is no file there yet (a temp file hard-linked into place), so two instances
 * starting at once cannot both create it. Returns the new file's fingerprint, or undefined when the file already existed.
 */
export async function createExclusively(path: string, bytes: Uint8Array): Promise<Fingerprint | undefined> {
	const temp = tempPath(path);
	try {
		const fingerprint = await writeDurably(temp, bytes);
		try {
			await link(temp, path);
		} catch (error) {
			if (errorCode(error) === 'EEXIST') return undefined;
			if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errorCode(error) ?? '')) throw error;
			// A file system without hard links: almost as good (callers hold the save lock).
			await assertReplaceable(path);
			await rename(temp, path);
		}
		await syncFolder(dirname(path));
		return fingerprint;
	} finally {
		await unlink(temp).catch(() => undefined);
	}
}

/** Makes the rename durable. Some file systems cannot fsync a folder; the rename is still atomic there. */
async function syncFolder(folder: string): Promise<void> {
	try {
		const handle = await open(folder, 'r');
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {
		// Best effort, see above.
	}
}

export function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return errorCode(error) === 'EPERM'; // alive, owned by someone else
	}
}

/** Deletes temp files left by saves of `path` that crashed (their process is gone). Never touches other files. */
export async function removeLeftoverTemps(path: string): Promise<void> {
	const folder = dirname(path);
	const base = basename(path);
	let names: string[];
	try {
		names = await readdir(folder);
	} catch {
		return;
	}
	for (const name of names) {
		const match = tempPattern.exec(name);
		if (match?.groups?.['base'] !== base) continue;
		const pid = Number(match.groups['pid']);
		if (pid !== process.pid && !isProcessAlive(pid)) await unlink(join(folder, name)).catch(() => undefined);
	}
}

export async function ensureFolder(path: string): Promise<void> {
	await mkdir(dirname(path), {recursive: true});
}

/** When a file-system error happened: opening (the user can pick another --db) or saving (the store retries by itself). */
export type FsErrorContext = 'open' | 'save';

/** A one-sentence reason for a file-system error, with what to do about it. */
export function describeFsError(error: unknown, when: FsErrorContext = 'open'): string {
	const then = when === 'open' ? 'pass --db PATH' : 'it will be saved automatically';
	switch (errorCode(error) ?? '') {
		case 'ENOSPC':
		case 'EDQUOT': {
			return when === 'open' ? 'the disk is full; free some space or pass --db PATH' : `the disk is full; free some space and ${then}`;
		}
		case 'EACCES':
		case 'EPERM': {
			return when === 'open'
				? 'permission denied; check the permissions of the file and its folder, or pass --db PATH'
				: `permission denied; fix the permissions of the file and its folder and ${then}`;
		}
		case 'EROFS': {
			return when === 'open' ? 'the file system is read-only; pass --db PATH to save elsewhere' : `the file system is read-only; make it writable and ${then}`;
		}
		case 'ENOTDIR':
		case 'ENOENT': {
			return when === 'open' ? 'its folder is missing or is not a folder; restore it or pass --db PATH' : `its folder is missing or is not a folder; restore it and ${then}`;
		}
		case 'EISDIR': {
			return 'it is a folder, not a file; pass --db PATH';
		}
		default: {
			const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
			return when === 'open' ? `${reason}; check the disk or pass --db PATH` : `${reason}; check the disk and ${then}`;
		}
	}
}

/** An open file, its fingerprint and its contents; the handle stays open so the save thread can read the very same file. */
export interface OpenedFile {
	handle: FileHandle;
	fingerprint: Fingerprint;
	bytes: Buffer;
}

/** The refusal of a --db path that is not a regular file (`what`: where it leads, e.g. "a symbolic link to a folder"). */
export function notRegularFile(path: string, what: string): StoreError {
	return new StoreError('bad-path', `Cannot use ${path} as the database: it is ${what}, not a regular file; pass --db with a regular file or a path that does not exist yet.`);
}

/**
 * Opens and reads `path`, or undefined when there is no file. The caller closes `handle`. Opened without blocking, so a
 * FIFO put there cannot hang us; anything but a regular file is refused before a byte is read.
 */
export async function openAndRead(path: string): Promise<OpenedFile | undefined> {
	let handle;
	try {
		handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		if (isMissing(error)) return undefined;
		throw error;
	}
	try {
		const stats = await handle.stat();
		const kind = otherKind(stats);
		if (kind !== undefined) throw notRegularFile(path, kind);
		const fingerprint = fingerprintOf(stats);
		return {handle, fingerprint, bytes: await readFromFd(handle.fd, fingerprint.size)};
	} catch (error) {
		await handle.close();
		throw error;
	}
}

const readAt = promisify(read);

/**
 * Reads `size` bytes from an open file descriptor (descriptors belong to the process: the save thread reads the file the
 * app thread opened). The buffer is not pooled, so it can be handed over; the kernel fills it in the thread pool.
 */
export async function readFromFd(fd: number, size: number): Promise<Buffer> {
	const bytes = Buffer.allocUnsafeSlow(size);
	let done = 0;
	while (done < size) {
		const {bytesRead} = await readAt(fd, bytes, done, size - done, done);
		if (bytesRead === 0) break;
		done += bytesRead;
	}
	return bytes.subarray(0, done);
}
