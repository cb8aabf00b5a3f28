// Watchers the scenarios run next to the app: when its database file is replaced (each save renames a new file over
// it), when its CPU goes quiet, and its peak memory over a window.
import {statSync, watch} from 'node:fs';
import {basename, dirname} from 'node:path';
import {now} from './pty.js';
import {cpuTimeMs, memory} from './proc.js';

/** Records each time the file at `path` is replaced (its inode changes): the app's saves. */
export class FileReplacements {
	readonly times: number[] = [];
	#inode: number | undefined;
	readonly #watcher: ReturnType<typeof watch>;
	readonly #poll: NodeJS.Timeout;

	/** `onReplaced` runs as each replacement is seen, with how many there have been. */
	constructor(private readonly path: string, private readonly onReplaced?: (count: number) => void) {
		this.#inode = this.#currentInode();
		const name = basename(path);
		this.#watcher = watch(dirname(path), (_, file) => {
			if (file === null || file === name) this.#look();
		});
		// inotify can coalesce events; a slow poll catches what it folds away.
		this.#poll = setInterval(() => this.#look(), 50);
	}

	get count(): number {
		return this.times.length;
	}

	close(): void {
		this.#watcher.close();
		clearInterval(this.#poll);
	}

	#look(): void {
		const inode = this.#currentInode();
		if (inode === undefined || inode === this.#inode) return;
		this.#inode = inode;
		this.times.push(now());
		this.onReplaced?.(this.times.length);
	}

	#currentInode(): number | undefined {
		try {
			return statSync(this.path).ino;
		} catch {
			return undefined;
		}
	}
}

/**
 * Resolves once `pid` has used less than `maxCpuMs` of CPU over each of `quietMs` (settled after some work: saves,
 * garbage collection, a last frame). Rejects after `timeoutMs`.
 */
export async function waitForQuiet(pid: number, {quietMs = 300, maxCpuMs = 15, timeoutMs = 30_000} = {}): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	let last = cpuTimeMs(pid);
	for (;;) {
		await new Promise(resolve => setTimeout(resolve, quietMs));
		const cpu = cpuTimeMs(pid);
		if (Number.isNaN(cpu)) throw new Error(`Process ${pid} is gone.`);
		if (cpu - last < maxCpuMs) return;
		if (performance.now() > deadline) throw new Error(`Process ${pid} did not go quiet within ${timeoutMs} ms (${(cpu - last).toFixed(0)} ms of CPU in the last ${quietMs} ms).`);
		last = cpu;
	}
}

/** Samples the resident memory of `pid` every `everyMs` until stopped; the peak also counts the kernel's VmHWM. */
export class RssSampler {
	readonly before: number;
	#peak: number;
	readonly #peakBefore: number;
	readonly #timer: NodeJS.Timeout;

	constructor(private readonly pid: number, everyMs = 20) {
		const start = memory(pid);
		this.before = start.rss;
		this.#peakBefore = start.peakRss;
		this.#peak = start.rss;
		this.#timer = setInterval(() => this.#sample(), everyMs);
	}

	/** Stops sampling; returns the highest RSS seen since it started, in bytes. */
	stop(): number {
		clearInterval(this.#timer);
		this.#sample();
		// A peak between samples shows as a higher high-water mark than at the start.
		const {peakRss} = memory(this.pid);
		if (peakRss > this.#peakBefore) this.#peak = Math.max(this.#peak, peakRss);
		return this.#peak;
	}

	#sample(): void {
		const {rss} = memory(this.pid);
		if (!Number.isNaN(rss)) this.#peak = Math.max(this.#peak, rss);
	}
}
