/**
 * Opt-in measurements for the benchmark (`npm run bench`): set AGENT_SESSION_DIAGNOSTICS=<file> and the app
 * writes, at exit, JSON with its event-loop delay (histogram and every stall with its time), the bytes it
 * wrote to stdout, its CPU time and memory. Unset (the normal case), nothing is started and nothing is wrapped.
 */
import {writeFileSync} from 'node:fs';
import {PerformanceObserver, constants, monitorEventLoopDelay} from 'node:perf_hooks';

/** What the file holds. Times are ms since the epoch, so another process can line them up with its own. */
export interface Diagnostics {
	startedAt: number;
	endedAt: number;
	/** Event-loop delay from a 1 ms-resolution monitor, in ms. */
	eventLoopDelay: {min: number; max: number; mean: number; p50: number; p99: number; count: number};
	/** Every time the event loop was blocked for longer than `stallThresholdMs`: when it started and how long. */
	stalls: Array<{at: number; ms: number}>;
	stallThresholdMs: number;
	/** Garbage collections of the main thread that took longer than `stallThresholdMs` / 2: when, how long, which kind. */
	gc: Array<{at: number; ms: number; kind: string}>;
	stdoutBytes: number;
	stdoutWrites: number;
	cpu: {userMs: number; systemMs: number};
	memory: {rss: number; maxRss: number; heapUsed: number};
}

const stallThresholdMs = 10;
const tickMs = 2;
const maxStalls = 10_000;

const now = (): number => performance.timeOrigin + performance.now();
const ms = (nanoseconds: number): number => Math.round(nanoseconds / 1e4) / 100;

/** Starts the measurements when `file` is set; writes them to it when the process exits. */
export function startDiagnostics(file: string | undefined): void {
	if (!file) return;
	const startedAt = now();
	const histogram = monitorEventLoopDelay({resolution: 1});
	histogram.enable();

	// The histogram says how long, not when: a fine timer records each stall's time, to line up with outside events.
	const stalls: Diagnostics['stalls'] = [];
	let last = now();
	setInterval(() => {
		const time = now();
		const gap = time - last;
		if (gap - tickMs > stallThresholdMs && stalls.length < maxStalls) stalls.push({at: Math.round(last), ms: Math.round(gap - tickMs)});
		last = time;
	}, tickMs).unref();

	const gc: Diagnostics['gc'] = [];
	const kinds: Record<number, string> = {
		[constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
		[constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
	};
	const observer = new PerformanceObserver(list => {
		for (const entry of list.getEntries()) {
			if (entry.duration < stallThresholdMs / 2 || gc.length >= maxStalls) continue;
			const kind = (entry as {detail?: {kind?: number}}).detail?.kind ?? -1;
			gc.push({at: Math.round(performance.timeOrigin + entry.startTime), ms: Math.round(entry.duration), kind: kinds[kind] ?? String(kind)});
		}
	});
	observer.observe({entryTypes: ['gc']});

	let stdoutBytes = 0;
	let stdoutWrites = 0;
	const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
	process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		stdoutBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
		stdoutWrites++;
		return write(chunk, ...rest);
	}) as typeof process.stdout.write;

	process.on('exit', () => {
		histogram.disable();
		observer.disconnect();
		const usage = process.resourceUsage();
		const memory = process.memoryUsage();
		const report: Diagnostics = {
			startedAt: Math.round(startedAt),
			endedAt: Math.round(now()),
			eventLoopDelay: {
				min: ms(histogram.min), max: ms(histogram.max), mean: ms(histogram.mean),
				p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), count: histogram.count,
			},
			stalls,
			stallThresholdMs,
			gc,
			stdoutBytes,
			stdoutWrites,
			cpu: {userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000},
			memory: {rss: memory.rss, maxRss: usage.maxRSS * 1024, heapUsed: memory.heapUsed},
		};
		try {
			writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
		} catch {
			// A measurement must never break the app's exit.
		}
	});
}
