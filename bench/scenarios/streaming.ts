// Rows 3 and 7: a burst of chunks (app CPU for the reply, minus its CPU for a 5-chunk reply, against a bare openai SDK
// loop over the same chunks; RSS growth). Rows 4, 5 and 8: a paced stream (CPU per second of streaming in an empty
// session and in a long one; terminal bytes per token).
import {execFile} from 'node:child_process';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {Chat} from '../lib/app.js';
import type {BenchContext} from '../lib/app.js';
import {benchMessage} from '../lib/model-server.js';
import {median} from '../lib/stats.js';

const run = promisify(execFile);

export interface BurstResult {
	/** App CPU for the big reply minus for the 5-chunk one (request to save), ms, one per run. */
	appMs: number[];
	/** The same for the bare SDK loop, ms. */
	baselineMs: number[];
	/** RSS growth over the big reply (peak minus before), bytes. */
	rssGrowth: number[];
	rssBefore: number[];
}

/** One app process: two warm-up replies, a measured 5-chunk reply, a measured `chunks`-chunk reply. */
async function appBurst(context: BenchContext, db: string, chunks: number): Promise<{ms: number; rssGrowth: number; rssBefore: number}> {
	const chat = await Chat.open(context, db, ['--new']);
	try {
		await chat.send('warm up');
		// A second warm-up: the first streamed reply still runs much code for the first time (it measured 15–55 ms against
		// ≈ 10 ms for later 5-chunk replies, as much as the 5,000 chunks themselves), which made the difference negative.
		await chat.send(benchMessage(5));
		const small = await chat.send(benchMessage(5));
		const big = await chat.send(benchMessage(chunks));
		await chat.quit();
		// From the request's arrival to the reply's save: typing and saving the user's message before, and settling after,
		// are the same for both replies and only add noise.
		return {ms: big.streamCpuMs - small.streamCpuMs, rssGrowth: big.rssPeak - big.rssBefore, rssBefore: big.rssBefore};
	} finally {
		chat.pty.kill();
	}
}

/** One bare SDK process doing the same: warm-up, 5 chunks, `chunks` chunks. */
async function bareBurst(context: BenchContext, chunks: number): Promise<number> {
	const script = join(context.root, 'bench/fixtures/bare-sdk.mjs');
	const {stdout} = await run(process.execPath, [script, context.server.url, String(chunks), '1'], {cwd: context.root, timeout: 120_000});
	const [sample] = (JSON.parse(stdout) as {runs: Array<{bigMs: number; smallMs: number}>}).runs;
	return sample!.bigMs - sample!.smallMs;
}

export async function measureBurst(context: BenchContext, db: string, chunks: number, runs: number): Promise<BurstResult> {
	const result: BurstResult = {appMs: [], baselineMs: [], rssGrowth: [], rssBefore: []};
	for (let index = 0; index < runs; index++) {
		const app = async () => {
			const sample = await appBurst(context, db, chunks);
			result.appMs.push(sample.ms);
			result.rssGrowth.push(sample.rssGrowth);
			result.rssBefore.push(sample.rssBefore);
		};
		const bare = async () => {
			result.baselineMs.push(await bareBurst(context, chunks));
		};
		for (const step of index % 2 === 0 ? [bare, app] : [app, bare]) await step();
	}
	context.log(`  app ${result.appMs.map(ms => ms.toFixed(0)).join(', ')} ms; bare SDK ${result.baselineMs.map(ms => ms.toFixed(0)).join(', ')} ms; medians ${median(result.appMs).toFixed(0)} / ${median(result.baselineMs).toFixed(0)} ms`);
	return result;
}

export interface PacedSample {
	/** App CPU time per second of wall time from the request's arrival to the reply's save. */
	cpuPerSecond: number;
	cpuMs: number;
	wallMs: number;
	/** Terminal bytes written over the same window, per chunk streamed. */
	bytesPerToken: number;
}

/** One app process on `db` (started with `start`): a warm-up reply, then `chunks` chunks at `perSecond`. */
export async function pacedRun(context: BenchContext, db: string, start: readonly string[], chunks: number, perSecond: number): Promise<PacedSample> {
	const chat = await Chat.open(context, db, start);
	try {
		await chat.send('warm up');
		const reply = await chat.send(benchMessage(chunks, perSecond));
		await chat.quit();
		const wallMs = reply.savedAt - reply.requestAt;
		return {cpuPerSecond: reply.streamCpuMs / wallMs, cpuMs: reply.streamCpuMs, wallMs, bytesPerToken: reply.streamBytes / chunks};
	} finally {
		chat.pty.kill();
	}
}
