// What the kernel knows about a process: CPU time, memory, children. Linux /proc only.
import {readFileSync, readdirSync, readlinkSync} from 'node:fs';
import {availableParallelism, loadavg, release, totalmem} from 'node:os';

const ticksPerSecond = 100; // USER_HZ: what /proc/<pid>/stat counts in on every Linux build

function read(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined; // the process (or thread) is gone
	}
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
	const text = read(`/proc/${pid}/stat`);
	if (text === undefined) return undefined;
	return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU time of every thread of `pid`, in ms (user + system). Summed from each thread's schedstat, which counts in
 * nanoseconds (stat counts in 10 ms ticks); falls back to the ticks when schedstat is missing. Threads that have
 * exited drop out of the sum, so a measurement window should not span a thread's exit (the app's threads live
 * as long as it does). The V8 profiler's sampling thread (node --cpu-prof) is left out.
 */
export function cpuTimeMs(pid: number): number {
	let tasks: string[] = [];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return Number.NaN;
	}
	let nanoseconds = 0;
	for (const task of tasks) {
		// The sampling thread of --cpu-prof (bench --profile) is the measurement's cost, not the app's.
		if (read(`/proc/${pid}/task/${task}/comm`)?.startsWith('v8:ProfEvntProc')) continue;
		const text = read(`/proc/${pid}/task/${task}/schedstat`);
		if (text === undefined) return cpuTicksMs(pid);
		nanoseconds += Number(text.split(' ')[0]);
	}
	return nanoseconds / 1e6;
}

/** CPU time from /proc/<pid>/stat (utime + stime, the whole process, exited threads included), in ms. */
export function cpuTicksMs(pid: number): number {
	const fields = statFields(pid);
	if (fields === undefined) return Number.NaN;
	// Fields 14 and 15 of stat; index 0 here is field 3 (state).
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

export interface Memory {
	/** Resident now, bytes. */
	rss: number;
	/** Peak resident since start (VmHWM), bytes. */
	peakRss: number;
}

export function memory(pid: number): Memory {
	const text = read(`/proc/${pid}/status`) ?? '';
	const kb = (name: string): number => {
		const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
		return match ? Number(match[1]) * 1024 : Number.NaN;
	};
	return {rss: kb('VmRSS'), peakRss: kb('VmHWM')};
}

/** The executable `pid` runs (its name in /proc/<pid>/comm may have been changed, e.g. through process.title). */
export function executable(pid: number): string | undefined {
	try {
		return readlinkSync(`/proc/${pid}/exe`);
	} catch {
		return undefined;
	}
}

/** The live children of `pid`. */
export function childrenOf(pid: number): number[] {
	const children: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const fields = statFields(Number(name));
		if (fields !== undefined && Number(fields[1]) === pid) children.push(Number(name));
	}
	return children;
}

export function isAlive(pid: number): boolean {
	const fields = statFields(pid);
	return fields !== undefined && fields[0] !== 'Z' && fields[0] !== 'X';
}

/** One line about the machine, for the report: CPU model, cores, memory, load, Node and kernel. */
export function machineSummary(): {cpu: string; cores: number; memoryGb: number; load: number[]; node: string; kernel: string} {
	const cpuinfo = read('/proc/cpuinfo') ?? '';
	const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown CPU';
	// The cores this process may use (a container may allow fewer than /proc/cpuinfo lists).
	const cores = availableParallelism();
	const load = loadavg().map(value => Math.round(value * 100) / 100);
	return {cpu, cores, memoryGb: Math.round(totalmem() / 1e8) / 10, load, node: process.version, kernel: release()};
}
