// `npm run bench [-- --quick] [--only 1,3] [--out FILE] [--profile DIR] [--cli FILE]`: every scenario of the performance
// targets against the built CLI (the bundle dist/cli.js, or another build given with --cli) in a real pseudo-terminal of
// 160×48, with the loopback mock server as the model. Prints a table and writes bench/results.json. Ratios compare with
// baselines measured in this same run, on this same Node (process.execPath: the project's pinned Node under npm).
// --profile DIR writes a V8 CPU profile of every app process there (see bench/profile-summary.ts).
import {existsSync, readFileSync} from 'node:fs';
import {mkdtemp, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import {generateDatabase} from '../test/support/generate-db.js';
import type {BenchContext} from './lib/app.js';
import {cleanUpOnSignals, cleanupAll, onCleanup} from './lib/cleanup.js';
import {startBenchServer} from './lib/model-server.js';
import {machineSummary} from './lib/proc.js';
import {formatTable, mb, ms} from './lib/report.js';
import type {Row} from './lib/report.js';
import {median, round} from './lib/stats.js';
import {saveRun} from './scenarios/save.js';
import type {SaveSample} from './scenarios/save.js';
import {scenarios} from './scenarios/index.js';
import {measureStartup} from './scenarios/startup.js';
import {measureBurst, pacedRun} from './scenarios/streaming.js';
import type {PacedSample} from './scenarios/streaming.js';

const root = resolve(import.meta.dirname, '..');
const allRows = ['1', '2', '3', '4', '5', '6', '7', '8', ...scenarios.flatMap(scenario => scenario.ids)];

const {values} = parseArgs({
	options: {
		quick: {type: 'boolean', default: false},
		only: {type: 'string'},
		out: {type: 'string', default: join(root, 'bench/results.json')},
		profile: {type: 'string'},
		cli: {type: 'string'},
	},
});

/** How much work each scenario does: the sizes, or a smoke-test size for --quick. */
const plan = values.quick
	? {startupRuns: 1, bigSessions: 100, bigMessages: 100, burstChunks: 1000, burstRuns: 1, pacedChunks: 50, pacedRate: 25, pacedRuns: 1, historyMessages: 200, saveRuns: 1}
	: {startupRuns: 7, bigSessions: 1000, bigMessages: 100, burstChunks: 5000, burstRuns: 5, pacedChunks: 300, pacedRate: 25, pacedRuns: 3, historyMessages: 2000, saveRuns: 3};

const wanted = new Set(values.only ? values.only.split(',').map(id => id.trim()) : allRows);
const unknown = [...wanted].filter(id => !allRows.includes(id));
if (unknown.length > 0) {
	console.error(`bench: no scenario ${unknown.join(', ')}; scenarios are ${allRows.join(', ')}.`);
	process.exit(2);
}
const cli = resolve(values.cli ?? join(root, 'dist/cli.js'));
if (!existsSync(cli)) {
	console.error(`bench: ${cli} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
	process.exit(2);
}

const pinnedNode = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {devDependencies: Record<string, string>}).devDependencies['node'];

const log = (line: string): void => {
	process.stderr.write(`${line}\n`);
};
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
	cleanUpOnSignals();
	const started = performance.now();
	const machine = machineSummary();
	log(`bench${values.quick ? ' --quick' : ''}: ${machine.cores} cores (${machine.cpu}), load ${machine.load.join(' ')}, Node ${machine.node}`);
	if (machine.node !== `v${pinnedNode}`) log(`  note: the project pins Node ${pinnedNode} (\`npm run bench\` runs it); these figures are for ${machine.node}`);
	const dir = await mkdtemp(join(tmpdir(), 'agent-session-bench-'));
	onCleanup(() => rm(dir, {recursive: true, force: true}));
	const server = await startBenchServer();
	const context: BenchContext = {
		root, cli, dir, server, quick: values.quick, log,
		nodeArgs: values.profile ? ['--cpu-prof', '--cpu-prof-dir', resolve(values.profile)] : [],
	};
	const rows: Row[] = [];
	const pick = (id: string): boolean => wanted.has(id);

	// Databases, generated with the store's own code.
	const emptyDb = join(dir, 'empty.db');
	const bigDb = join(dir, 'big.db');
	const historyDb = join(dir, 'history.db');
	let bigSize = 0;
	if (pick('2') || pick('6')) {
		const since = performance.now();
		await generateDatabase(bigDb, {sessions: plan.bigSessions, messagesPerSession: plan.bigMessages});
		bigSize = (await stat(bigDb)).size;
		log(`generated ${plan.bigSessions} sessions × ${plan.bigMessages} messages: ${mb(bigSize)} in ${seconds(since)}`);
	}
	if (pick('5')) await generateDatabase(historyDb, {sessions: 1, messagesPerSession: plan.historyMessages});

	if (pick('1')) {
		const since = performance.now();
		log('1: picker on an empty database vs. a hello-world Ink app');
		const result = await measureStartup(context, emptyDb, plan.startupRuns);
		const app = median(result.appMs);
		const hello = median(result.baselineMs);
		rows.push({
			id: '1', scenario: 'open picker, empty database', figure: ms(app), value: round(app), unit: 'ms',
			baseline: `${ms(hello)} (hello Ink)`, baselineValue: round(hello), ratio: app / hello, target: '≤ 1.0×', pass: app / hello <= 1,
			details: {appMs: result.appMs, baselineMs: result.baselineMs, peakRss: result.peakRss},
		});
		log(`  done in ${seconds(since)}`);
	}

	if (pick('2')) {
		const since = performance.now();
		log(`2: picker on ${plan.bigSessions * plan.bigMessages} messages (${mb(bigSize)})`);
		const result = await measureStartup(context, bigDb, Math.max(1, Math.ceil(plan.startupRuns * 0.7)));
		const app = median(result.appMs);
		const hello = median(result.baselineMs);
		const peak = Math.max(...result.peakRss);
		const pass = app / hello <= 1.8 && peak <= 400e6;
		rows.push({
			id: '2', scenario: `open picker, ${plan.bigSessions} sessions / ${plan.bigSessions * plan.bigMessages} messages (${mb(bigSize)})`,
			figure: `${ms(app)}; peak RSS ${mb(peak)}`, value: round(app), unit: 'ms',
			baseline: `${ms(hello)} (hello Ink)`, baselineValue: round(hello), ratio: app / hello, target: '≤ 1.8×; ≤ 400 MB', pass,
			details: {appMs: result.appMs, baselineMs: result.baselineMs, peakRss: result.peakRss, databaseBytes: bigSize},
		});
		log(`  peak RSS ${result.peakRss.map(bytes => mb(bytes)).join(', ')}; done in ${seconds(since)}`);
	}

	if (pick('3') || pick('7')) {
		const since = performance.now();
		log(`3, 7: burst of ${plan.burstChunks} chunks vs. a bare openai SDK loop`);
		const result = await measureBurst(context, emptyDb, plan.burstChunks, plan.burstRuns);
		const app = median(result.appMs);
		const bare = median(result.baselineMs);
		if (pick('3')) {
			rows.push({
				id: '3', scenario: `burst stream: ${plan.burstChunks} chunks`, figure: `${ms(app)} CPU`, value: round(app), unit: 'ms',
				baseline: `${ms(bare)} (bare SDK)`, baselineValue: round(bare), ratio: app / bare, target: '≤ 1.3×', pass: app / bare <= 1.3,
				details: {appMs: result.appMs, baselineMs: result.baselineMs},
			});
		}
		if (pick('7')) {
			const growth = median(result.rssGrowth);
			const before = median(result.rssBefore);
			rows.push({
				id: '7', scenario: `memory while streaming ${plan.burstChunks} chunks`, figure: `+${mb(growth)}`, value: round(growth / 1e6), unit: 'MB',
				baseline: `${mb(before)} before`, baselineValue: round(before / 1e6), ratio: null, target: '≤ 50 MB', pass: growth <= 50e6,
				details: {rssGrowth: result.rssGrowth, rssBefore: result.rssBefore},
			});
		}
		log(`  RSS growth ${result.rssGrowth.map(bytes => mb(bytes)).join(', ')}; done in ${seconds(since)}`);
	}

	if (pick('4') || pick('5') || pick('8')) {
		const since = performance.now();
		log(`4, 5, 8: ${plan.pacedChunks} chunks at ${plan.pacedRate}/s, empty session vs. ${plan.historyMessages} messages`);
		const empty: PacedSample[] = [];
		const long: PacedSample[] = [];
		for (let run = 0; run < plan.pacedRuns; run++) {
			const inEmpty = async () => {
				empty.push(await pacedRun(context, emptyDb, ['--new'], plan.pacedChunks, plan.pacedRate));
			};
			const inLong = async () => {
				long.push(await pacedRun(context, historyDb, ['--continue'], plan.pacedChunks, plan.pacedRate));
			};
			const steps = pick('5') ? (run % 2 === 0 ? [inEmpty, inLong] : [inLong, inEmpty]) : [inEmpty];
			for (const step of steps) await step();
		}
		const describe = (samples: PacedSample[]) => samples.map(sample => `${sample.cpuPerSecond.toFixed(3)} (${ms(sample.cpuMs)} / ${ms(sample.wallMs)}, ${sample.bytesPerToken.toFixed(0)} B/token)`).join(', ');
		log(`  empty session: ${describe(empty)}`);
		if (long.length > 0) log(`  ${plan.historyMessages} messages: ${describe(long)}`);
		const rate = median(empty.map(sample => sample.cpuPerSecond));
		if (pick('4')) {
			rows.push({
				id: '4', scenario: `paced stream: ${plan.pacedChunks} chunks at ${plan.pacedRate}/s`, figure: `${rate.toFixed(3)} core`, value: round(rate, 3), unit: 'CPU s/s',
				baseline: '—', baselineValue: null, ratio: null, target: '≤ 0.05', pass: rate <= 0.05,
				details: {samples: empty},
			});
		}
		if (pick('5')) {
			const longRate = median(long.map(sample => sample.cpuPerSecond));
			rows.push({
				id: '5', scenario: `history size: row 4 in a session of ${plan.historyMessages} messages`, figure: `${longRate.toFixed(3)} core`, value: round(longRate, 3), unit: 'CPU s/s',
				baseline: `${rate.toFixed(3)} (row 4)`, baselineValue: round(rate, 3), ratio: longRate / rate, target: '≤ 1.2×', pass: longRate / rate <= 1.2,
				details: {samples: long},
			});
		}
		if (pick('8')) {
			const bytes = median(empty.map(sample => sample.bytesPerToken));
			const longBytes = long.length > 0 ? median(long.map(sample => sample.bytesPerToken)) : null;
			rows.push({
				id: '8', scenario: 'frames: terminal bytes per streamed token (row 4)', figure: `${bytes.toFixed(0)} B/token`, value: round(bytes), unit: 'B/token',
				baseline: '—', baselineValue: null, ratio: null, target: '≤ 700', pass: bytes <= 700,
				details: {bytesPerToken: empty.map(sample => sample.bytesPerToken), inLongSession: longBytes},
			});
		}
		log(`  done in ${seconds(since)}`);
	}

	if (pick('6')) {
		const since = performance.now();
		log(`6: save after a reply into ${mb(bigSize)}`);
		const samples: SaveSample[] = [];
		for (let run = 0; run < plan.saveRuns; run++) samples.push(await saveRun(context, bigDb, run));
		for (const sample of samples) {
			log(`  reply save: stall ${ms(sample.replySaveStallMs)} over ${ms(sample.replySaveMs)}, ${sample.frames} frames for ${sample.keysTyped} keys, longest gap ${ms(sample.longestFrameGapMs)}, ${sample.gcCount} GCs ≥ 5 ms (longest ${ms(sample.longestGcMs)}); user-message save: stall ${ms(sample.userSaveStallMs)} over ${ms(sample.userSaveMs)}; first send of the process: stall ${ms(sample.firstSendStallMs)}`);
		}
		const stall = median(samples.map(sample => sample.replySaveStallMs));
		const gap = median(samples.map(sample => sample.longestFrameGapMs));
		const frames = median(samples.map(sample => sample.frames));
		rows.push({
			id: '6', scenario: `save after a reply, ${mb(bigSize)} database`, figure: `${ms(stall)} stall; ${frames} frames, gap ≤ ${ms(gap)}`, value: round(stall), unit: 'ms',
			baseline: '—', baselineValue: null, ratio: null, target: '≤ 100 ms; keeps painting', pass: stall <= 100 && frames > 0 && gap <= 100,
			details: {samples},
		});
		log(`  done in ${seconds(since)}`);
	}

	for (const scenario of scenarios) {
		if (!scenario.ids.some(id => pick(id))) continue;
		const since = performance.now();
		log(`${scenario.ids.join(', ')}: ${scenario.title}`);
		rows.push(...await scenario.run(context, wanted));
		log(`  done in ${seconds(since)}`);
	}

	const order = (row: Row): number => allRows.indexOf(row.id);
	rows.sort((a, b) => order(a) - order(b));
	const durationS = round((performance.now() - started) / 1000);
	const endMachine = machineSummary();
	console.log(formatTable(rows));
	console.log(`\n${values.quick ? 'Quick run' : 'Run'} in ${durationS} s on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Linux ${machine.kernel}, Node ${machine.node}; load average ${machine.load[0]} at start, ${endMachine.load[0]} at end.`);
	await writeFile(values.out, `${JSON.stringify({quick: values.quick, date: new Date().toISOString(), durationS, machine: {...machine, loadAtEnd: endMachine.load}, plan, rows}, null, 2)}\n`);
	log(`results: ${values.out}`);
}

try {
	await main();
} catch (error) {
	process.exitCode = 1;
	console.error(`bench: ${(error as Error).stack ?? String(error)}`);
} finally {
	await cleanupAll();
}
