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
		const reason = `it is now ${kind}, not a regular file`;
		throw new StoreError('bad-path', `Cannot save ${path}: ${reason}, and agent-session never writes over anything else; move it aside and it will be saved automatically.`, {reason});
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

/**
 * What was being done when a file-system error happened, which decides what the user can do about it: at `open` pick
 * another --db; at `save` fix the cause (the store tries again by itself); for a `recovery` file, only the cause.
 */
export type FsErrorContext = 'open' | 'save' | 'recovery';

/** For each errno: the cause, and the fix at open and at save. */
const fsErrors: Record<string, {cause: string; open: string; save: string}> = {
	ENOSPC: {cause: 'the disk is full', open: 'free some space or pass --db PATH', save: 'free some space and it will be saved automatically'},
	EACCES: {
		cause: 'permission denied',
		open: 'check the permissions of the file and its folder, or pass --db PATH',
		save: 'fix the permissions of the file and its folder and it will be saved automatically',
	},
	EROFS: {cause: 'the file system is read-only', open: 'pass --db PATH to save elsewhere', save: 'make it writable and it will be saved automatically'},
	ENOENT: {cause: 'its folder is missing or is not a folder', open: 'restore it or pass --db PATH', save: 'restore it and it will be saved automatically'},
	EISDIR: {cause: 'it is a folder, not a file', open: 'pass --db PATH', save: 'pass --db PATH'},
};
const sameAs: Record<string, string> = {EDQUOT: 'ENOSPC', EPERM: 'EACCES', ENOTDIR: 'ENOENT'};

/** A one-sentence reason for a file-system error, with what to do about it (no final full stop). */
export function describeFsError(error: unknown, when: FsErrorContext = 'open'): string {
	const code = errorCode(error) ?? '';
	const known = fsErrors[sameAs[code] ?? code];
	if (known !== undefined) return when === 'recovery' ? known.cause : `${known.cause}; ${known[when]}`;
	const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
	switch (when) {
		case 'open': {
			return `${reason}; check the disk or pass --db PATH`;
		}
		case 'save': {
			return `${reason}; check the disk and it will be saved automatically`;
		}
		case 'recovery': {
			return reason;
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
