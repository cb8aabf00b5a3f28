import {randomBytes} from 'node:crypto';
import {link, open, readFile, stat, unlink, writeFile} from 'node:fs/promises';
import {hostname} from 'node:os';
import {setTimeout as delay} from 'node:timers/promises';
import {StoreError} from './errors.js';
import {errorCode, isMissing, isProcessAlive} from './files.js';

export interface LockOptions {
	/** Give up waiting for another process's save after this long. */
	timeoutMs: number;
	/** A lock older than this is from a save that died (saves take well under a second). */
	staleMs: number;
	/** A lock with no readable owner (empty: its writer died before writing it) is stale after this long. */
	ownerlessMs: number;
}

export const defaultLockOptions: LockOptions = {timeoutMs: 15_000, staleMs: 30_000, ownerlessMs: 2000};

interface Holder {
	content: string;
	/** NaN when the lock names no owner. */
	pid: number;
	/** The host it was taken on; undefined for locks written before hosts were recorded (taken as this host). */
	host: string | undefined;
	ageMs: number;
}

async function readHolder(lockPath: string): Promise<Holder | undefined> {
	try {
		const [content, stats] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
		const [pid = '', , host] = content.split('\n');
		return {content, pid: /^\d+$/.test(pid) ? Number(pid) : Number.NaN, host: host === '' ? undefined : host, ageMs: Date.now() - stats.mtimeMs};
	} catch (error) {
		if (isMissing(error)) return undefined;
		throw error;
	}
}

function isStale(holder: Holder, options: LockOptions): boolean {
	if (holder.ageMs > options.staleMs) return true;
	if (!(holder.pid > 0)) return holder.ageMs > options.ownerlessMs;
	// A pid means something only on the host that wrote it (a folder shared over the network has other hosts' locks).
	if (holder.host !== undefined && holder.host !== hostname()) return false;
	return holder.pid !== process.pid && !isProcessAlive(holder.pid);
}

/** Removes the lock if it still is the one we judged stale: a lock freshly taken by someone else is left alone. */
async function breakIfUnchanged(lockPath: string, holder: Holder): Promise<void> {
	const again = await readHolder(lockPath).catch(() => undefined);
	if (again?.content === holder.content) await unlink(lockPath).catch(() => undefined);
}

/** Removes `<path>.lock` if it was left by a process that died (on open, so a crash leaves no trace for long). */
export async function removeStaleLock(path: string, options: LockOptions = defaultLockOptions): Promise<void> {
	const lockPath = `${path}.lock`;
	const holder = await readHolder(lockPath).catch(() => undefined);
	if (holder !== undefined && isStale(holder, options)) await breakIfUnchanged(lockPath, holder);
}

/**
 * Puts the lock file in place with its content already in it: written to a temp file, then hard-linked to `lockPath`,
 * which fails if the lock exists. So no one ever sees an empty lock from us, even if we are killed half-way. On a file
 * system without hard links it falls back to an exclusive create and write (an empty lock left there is stale in ~2 s).
 */
async function tryTake(lockPath: string, token: string): Promise<boolean> {
	const temp = `${lockPath}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
	try {
		await writeFile(temp, token, {mode: 0o600, flag: 'wx'});
		await link(temp, lockPath);
		return true;
	} catch (error) {
		if (errorCode(error) === 'EEXIST') return false;
		if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errorCode(error) ?? '')) throw error;
	} finally {
		await unlink(temp).catch(() => undefined);
	}
	let handle;
	try {
		handle = await open(lockPath, 'wx', 0o600);
	} catch (error) {
		if (errorCode(error) === 'EEXIST') return false;
		throw error;
	}
	try {
		await handle.writeFile(token);
	} catch (error) {
		await handle.close();
		await unlink(lockPath).catch(() => undefined);
		throw error;
	}
	await handle.close();
	return true;
}

/**
 * Takes `<path>.lock` (holding our pid, a random token and the host name) so that no two processes — or two stores in one
 * process — run the check-merge-write-rename of a save at the same time. Resolves to a function that releases it.
 */
export async function acquireLock(path: string, options: LockOptions = defaultLockOptions): Promise<() => Promise<void>> {
	const lockPath = `${path}.lock`;
	const token = `${process.pid}\n${randomBytes(8).toString('hex')}\n${hostname()}\n`;
	const deadline = Date.now() + options.timeoutMs;
	let wait = 2;
	for (;;) {
		if (await tryTake(lockPath, token)) {
			return async () => {
				// Remove it only if it is still ours (it may have been broken as stale and taken by another process).
				const holder = await readHolder(lockPath).catch(() => undefined);
				if (holder?.content === token) await unlink(lockPath).catch(() => undefined);
			};
		}
		const holder = await readHolder(lockPath);
		if (holder === undefined) continue; // released meanwhile: try again at once
		if (isStale(holder, options)) {
			await breakIfUnchanged(lockPath, holder);
			continue;
		}
		if (Date.now() > deadline) {
			const who = holder.pid > 0 ? ` (process ${holder.pid}${holder.host !== undefined && holder.host !== hostname() ? ` on ${holder.host}` : ''})` : '';
			const reason = `another agent-session${who} has been saving it for too long`;
			throw new StoreError('locked', `Cannot save ${path}: ${reason}; try again, or delete ${lockPath} if no agent-session is running.`, {reason});
		}
		await delay(wait);
		wait = Math.min(wait * 2, 50);
	}
}
