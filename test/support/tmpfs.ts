// A small RAM file system (tmpfs) of its own, to make a disk really fill up or turn read-only under the app. Mounting
// needs root (or CAP_SYS_ADMIN); where it is not allowed, mountTmpfs says why and callers skip.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {open, rm, statfs} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface Tmpfs {
	/** The mounted folder. */
	readonly path: string;
	/** Writes a filler file until the file system has no free block left. */
	fill(): Promise<void>;
	/** Removes the filler: there is room again. */
	free(): Promise<void>;
	/** Remounts it read-only (true) or writable (false), keeping its files. */
	readOnly(on: boolean): void;
	unmount(): void;
}

/** Why mounting is not possible here, or undefined when it is (checked once with a real mount). */
let unavailable: string | undefined | null = null;

export function tmpfsUnavailable(): string | undefined {
	if (unavailable !== null) return unavailable;
	if (process.platform !== 'linux') return (unavailable = 'skipped: tmpfs mounts need Linux');
	if (process.getuid?.() !== 0) return (unavailable = 'skipped: needs root (to mount a small tmpfs)');
	try {
		mountTmpfs(64 * 1024).unmount();
		unavailable = undefined;
	} catch (error) {
		unavailable = `skipped: mounting a tmpfs is not allowed here (${(error as Error).message.split('\n')[0]})`;
	}
	return unavailable;
}

/** Mounts a tmpfs of `sizeBytes` on a new temp folder (throws if it cannot). */
export function mountTmpfs(sizeBytes: number): Tmpfs {
	const path = mkdtempSync(join(tmpdir(), 'agent-session-tmpfs-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', path], {stdio: ['ignore', 'ignore', 'pipe']});
	} catch (error) {
		rmSync(path, {recursive: true, force: true});
		throw error;
	}
	const filler = join(path, '.filler');
	let mounted = true;
	return {
		path,
		async fill() {
			const {bavail, bsize} = await statfs(path);
			const handle = await open(filler, 'a');
			try {
				const block = Buffer.alloc(Math.max(bsize, 4096), 0x2E);
				for (let left = Number(bavail) + 1; left > 0; left--) await handle.write(block);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
			} finally {
				await handle.close();
			}
		},
		async free() {
			await rm(filler, {force: true});
		},
		readOnly(on) {
			execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, path], {stdio: ['ignore', 'ignore', 'pipe']});
		},
		unmount() {
			if (!mounted) return;
			mounted = false;
			execFileSync('umount', ['-l', path], {stdio: ['ignore', 'ignore', 'pipe']});
			rmSync(path, {recursive: true, force: true});
		},
	};
}
