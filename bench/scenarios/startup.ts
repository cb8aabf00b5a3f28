// Rows 1 and 2: time from spawn to the picker showing the database's sessions (its header counts them, which it does
// only once the database is open: the frame drawn while it opens does not count), on an empty database and on a big
// one, against a minimal Ink app spawned the same way; and the peak RSS with the big one.
import {join} from 'node:path';
import type {BenchContext} from '../lib/app.js';
import {appArgs, spawnApp} from '../lib/app.js';
import {Pty} from '../lib/pty.js';
import {memory} from '../lib/proc.js';
import {median} from '../lib/stats.js';
import {waitForQuiet} from '../lib/watch.js';

/** The picker with the database open: its header says how many sessions there are. */
const pickerLoaded = (screen: string): boolean => /agent-session · \S+ · [\d,]+ sessions?/.test(screen);
const helloText = 'Hello from Ink';

export interface StartupResult {
	/** Spawn to first frame, ms, one per run. */
	appMs: number[];
	baselineMs: number[];
	/** Peak RSS (VmHWM) once the picker was up and the app quiet, bytes, one per run. */
	peakRss: number[];
}

/** The minimal Ink app: spawn to its first frame, ms. */
async function baselineRun(context: BenchContext): Promise<number> {
	const pty = Pty.spawn({argv: [process.execPath, join(context.root, 'bench/fixtures/hello-ink.mjs')], cwd: context.dir});
	try {
		const at = await pty.waitForText(helloText, 30_000);
		return at - pty.spawnedAt;
	} finally {
		pty.kill();
		await pty.exited;
	}
}

/** The app on `db`: spawn to the picker's first frame, ms, and its peak RSS once it settled. */
async function appRun(context: BenchContext, db: string): Promise<{ms: number; peakRss: number}> {
	const pty = spawnApp(context, appArgs(context, db));
	try {
		const at = await pty.waitForScreen(pickerLoaded, 'the picker with its sessions', 60_000);
		const pid = await pty.pid();
		// The save thread reads its copy of the file in the background after the first frame: the peak comes later.
		await waitForQuiet(pid, {timeoutMs: 60_000});
		const {peakRss} = memory(pid);
		pty.type('\u001B');
		await pty.waitForExit(30_000);
		return {ms: at - pty.spawnedAt, peakRss};
	} finally {
		pty.kill();
	}
}

/** `runs` measured runs of the app on `db` and of the baseline, alternating which goes first; one warm-up of each. */
export async function measureStartup(context: BenchContext, db: string, runs: number): Promise<StartupResult> {
	const result: StartupResult = {appMs: [], baselineMs: [], peakRss: []};
	await baselineRun(context);
	await appRun(context, db);
	for (let run = 0; run < runs; run++) {
		const app = async () => {
			const {ms, peakRss} = await appRun(context, db);
			result.appMs.push(ms);
			result.peakRss.push(peakRss);
		};
		const baseline = async () => {
			result.baselineMs.push(await baselineRun(context));
		};
		for (const step of run % 2 === 0 ? [baseline, app] : [app, baseline]) await step();
	}
	context.log(`  app ${result.appMs.map(ms => ms.toFixed(0)).join(', ')} ms; hello ${result.baselineMs.map(ms => ms.toFixed(0)).join(', ')} ms; medians ${median(result.appMs).toFixed(0)} / ${median(result.baselineMs).toFixed(0)} ms`);
	return result;
}
