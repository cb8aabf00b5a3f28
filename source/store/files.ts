import {randomBytes} from 'node:crypto';
import {constants, read} from 'node:fs';
import {link, mkdir, open, readdir, rename, stat, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {promisify} from 'node:util';
import type {Stats} from 'node:fs';
import type {FileHandle} from 'node:fs/promises';

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

function errorCode(error: unknown): string | undefined {
	return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function isMissing(error: unknown): boolean {
	return errorCode(error) === 'ENOENT';
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
			await rename(temp, path); // a file system without hard links: almost as good
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

/** A one-sentence reason for a file-system error, with what to do about it. */
export function describeFsError(error: unknown): string {
	switch (errorCode(error) ?? '') {
		case 'ENOSPC':
		case 'EDQUOT': {
			return 'the disk is full; free some space and it will be saved on the next try';
		}
		case 'EACCES':
		case 'EPERM': {
			return 'permission denied; check the permissions of the file and its folder, or pass --db PATH';
		}
		case 'EROFS': {
			return 'the file system is read-only; pass --db PATH to save elsewhere';
		}
		case 'ENOTDIR':
		case 'ENOENT': {
			return 'its folder is missing or is not a folder; restore it or pass --db PATH';
		}
		case 'EISDIR': {
			return 'it is a folder, not a file; pass --db PATH';
		}
		default: {
			const reason = error instanceof Error ? error.message : String(error);
			return `${reason.replace(/\.$/, '')}; check the disk or pass --db PATH`;
		}
	}
}

/** An open file, its fingerprint and its contents; the handle stays open so the save thread can read the very same file. */
export interface OpenedFile {
	handle: FileHandle;
	fingerprint: Fingerprint;
	bytes: Buffer;
}

/** Opens and reads `path`, or undefined when there is no file. The caller closes `handle`. */
export async function openAndRead(path: string): Promise<OpenedFile | undefined> {
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		if (isMissing(error)) return undefined;
		throw error;
	}
	try {
		const fingerprint = fingerprintOf(await handle.stat());
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
