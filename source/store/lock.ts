import {randomBytes} from 'node:crypto';
import {open, readFile, stat, unlink} from 'node:fs/promises';
import {setTimeout as delay} from 'node:timers/promises';
import {StoreError} from './errors.js';
import {isMissing, isProcessAlive} from './files.js';

export interface LockOptions {
	/** Give up waiting for another process's save after this long. */
	timeoutMs: number;
	/** A lock older than this is from a save that died (saves take well under a second). */
	staleMs: number;
}

export const defaultLockOptions: LockOptions = {timeoutMs: 15_000, staleMs: 30_000};

interface Holder {
	content: string;
	pid: number;
	ageMs: number;
}

async function readHolder(lockPath: string): Promise<Holder | undefined> {
	try {
		const [content, stats] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
		return {content, pid: Number.parseInt(content, 10), ageMs: Date.now() - stats.mtimeMs};
	} catch (error) {
		if (isMissing(error)) return undefined;
		throw error;
	}
}

function isStale(holder: Holder, staleMs: number): boolean {
	if (holder.ageMs > staleMs) return true;
	return Number.isInteger(holder.pid) && holder.pid > 0 && holder.pid !== process.pid && !isProcessAlive(holder.pid);
}

/** Removes `<path>.lock` if it was left by a process that died (on open, so a crash leaves no trace for long). */
export async function removeStaleLock(path: string, options: LockOptions = defaultLockOptions): Promise<void> {
	const lockPath = `${path}.lock`;
	const holder = await readHolder(lockPath).catch(() => undefined);
	if (holder === undefined || !isStale(holder, options.staleMs)) return;
	const again = await readHolder(lockPath).catch(() => undefined);
	if (again?.content === holder.content) await unlink(lockPath).catch(() => undefined);
}

/**
 * Takes `<path>.lock` (created with O_EXCL, holding our pid) so that no two processes — or two stores in one process —
 * run the check-merge-write-rename of a save at the same time. Resolves to a function that releases it.
 */
export async function acquireLock(path: string, options: LockOptions = defaultLockOptions): Promise<() => Promise<void>> {
	const lockPath = `${path}.lock`;
	const token = `${process.pid}\n${randomBytes(8).toString('hex')}\n`;
	const deadline = Date.now() + options.timeoutMs;
	let wait = 2;
	for (;;) {
		try {
			const handle = await open(lockPath, 'wx', 0o600);
			try {
				await handle.writeFile(token);
			} catch (error) {
				await handle.close();
				await unlink(lockPath).catch(() => undefined);
				throw error;
			}
			await handle.close();
			return async () => {
				// Remove it only if it is still ours (it may have been broken as stale and taken by another process).
				const holder = await readHolder(lockPath).catch(() => undefined);
				if (holder?.content === token) await unlink(lockPath).catch(() => undefined);
			};
		} catch (error) {
			if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
		}
		const holder = await readHolder(lockPath);
		if (holder === undefined) continue; // released meanwhile: try again at once
		if (isStale(holder, options.staleMs)) {
			// Read again just before breaking it, so a lock freshly taken by someone else is left alone.
			const again = await readHolder(lockPath);
			if (again?.content === holder.content) await unlink(lockPath).catch(() => undefined);
			continue;
		}
		if (Date.now() > deadline) {
			const who = Number.isInteger(holder.pid) ? ` (process ${holder.pid})` : '';
			throw new StoreError('locked', `Cannot save ${path}: another agent-session${who} has been saving it for too long; try again, or delete ${lockPath} if no agent-session is running.`);
		}
		await delay(wait);
		wait = Math.min(wait * 2, 50);
	}
}
