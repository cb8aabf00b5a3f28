// `npm run torture [-- --quick] [--only kill9,disk] [--seed N] [--out FILE] [--cli FILE]`: a repeatable fault-injection
// suite against the built CLI (dist/cli.js) in real terminals (tmux), with the loopback mock server as the model. Each row
// hurts the app one way and counts the cases run and the messages lost. Prints a table, writes torture/results.json, and
// exits non-zero if a row fails. The same --seed gives the same kill instants, faults and cuts.
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import {cleanUpOnSignals, cleanupAll, onCleanup} from '../bench/lib/cleanup.js';
import {machineSummary} from '../bench/lib/proc.js';
import {startMockServer} from '../test/support/mock-server.js';
import {passed, seededRandom} from './lib/context.js';
import type {RowResult, TortureContext} from './lib/context.js';
import {formatTable} from './lib/report.js';
import {bigPaste, bigReplies} from './rows/big.js';
import {diskFaults} from './rows/disk.js';
import {faultyReplies} from './rows/faulty.js';
import {hostileBytes} from './rows/hostile.js';
import {manyInstances} from './rows/instances.js';
import {killNine} from './rows/kill9.js';
import {signalsMidStream} from './rows/signals.js';

const root = resolve(import.meta.dirname, '..');

const {values} = parseArgs({
	options: {
		quick: {type: 'boolean', default: false},
		only: {type: 'string'},
		seed: {type: 'string', default: '1'},
		out: {type: 'string', default: join(root, 'torture/results.json')},
		cli: {type: 'string'},
	},
});

/** How hard each row pushes: the sizes, or small ones for --quick (which runs inside npm test). */
const plan = values.quick
	? {
		kill9: {cases: 3, sessions: 40, messagesPerSession: 50},
		disk: {cases: ['full, then space returns', 'SIGTERM while full', 'read-only, then writable again'] as const},
		instances: {instances: 4, exchanges: 2},
		pasteBytes: 64 * 1024,
		replies: {bytes: 256 * 1024, lines: 1000},
		faulty: {replies: 12},
	}
	: {
		kill9: {cases: 50, sessions: 540, messagesPerSession: 50},
		disk: {cases: ['full, then space returns', 'SIGTERM while full', 'quit while full', 'read-only, then writable again', 'SIGTERM while read-only'] as const},
		instances: {instances: 4, exchanges: 20},
		pasteBytes: 1024 * 1024,
		replies: {bytes: 5 * 1024 * 1024, lines: 10_000},
		faulty: {replies: 200},
	};

type RowRunner = (context: TortureContext) => Promise<RowResult>;

const rows: Array<[string, RowRunner]> = [
	['kill9', async context => killNine(context, plan.kill9)],
	['signals', async context => signalsMidStream(context)],
	['disk', async context => diskFaults(context, plan.disk.cases)],
	['instances', async context => manyInstances(context, plan.instances)],
	['paste', async context => bigPaste(context, plan.pasteBytes)],
	['replies', async context => bigReplies(context, plan.replies)],
	['hostile', async context => hostileBytes(context)],
	['faulty', async context => faultyReplies(context, plan.faulty)],
];
const ids = rows.map(([id]) => id);

const wanted = new Set(values.only ? values.only.split(',').map(id => id.trim()) : ids);
const unknown = [...wanted].filter(id => !ids.includes(id));
if (unknown.length > 0) {
	console.error(`torture: no row ${unknown.join(', ')}; rows are ${ids.join(', ')}.`);
	process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) {
	console.error(`torture: --seed must be a whole number, not "${values.seed}".`);
	process.exit(2);
}
const cli = resolve(values.cli ?? join(root, 'dist/cli.js'));
if (!existsSync(cli)) {
	console.error(`torture: ${cli} is missing: run \`npm run build\` first (\`npm run torture\` does).`);
	process.exit(2);
}

const log = (line: string): void => {
	process.stderr.write(`${line}\n`);
};

async function main(): Promise<boolean> {
	cleanUpOnSignals();
	const started = performance.now();
	const machine = machineSummary();
	log(`torture${values.quick ? ' --quick' : ''} (seed ${seed}): ${machine.cores} cores, load ${machine.load.join(' ')}, Node ${machine.node}`);
	const dir = await mkdtemp(join(tmpdir(), 'agent-session-torture-'));
	onCleanup(() => rm(dir, {recursive: true, force: true, maxRetries: 5, retryDelay: 50}));
	const home = join(dir, 'home');
	const tmp = join(dir, 'tmp');
	await Promise.all([mkdir(home), mkdir(tmp)]);
	const server = await startMockServer();
	onCleanup(() => server.close());
	const context: TortureContext = {cli, dir, home, tmp, server, quick: values.quick, log, random: seededRandom(seed)};

	const results: RowResult[] = [];
	for (const [id, run] of rows) {
		if (!wanted.has(id)) continue;
		const since = performance.now();
		let result: RowResult;
		try {
			result = await run(context);
		} catch (error) {
			result = {id, row: id, cases: 0, lost: 0, allowed: 0, failures: [`the row itself failed: ${(error as Error).stack ?? String(error)}`], details: {}};
		}
		result.details['seconds'] = Math.round((performance.now() - since) / 100) / 10;
		const outcome = passed(result);
		log(`  ${id}: ${outcome === null ? result.skipped : outcome ? 'pass' : 'FAIL'} (${result.cases} cases, ${result.lost} lost) in ${result.details['seconds']} s`);
		results.push(result);
	}

	const durationS = Math.round((performance.now() - started) / 100) / 10;
	console.log(formatTable(results));
	console.log(`\n${values.quick ? 'Quick run' : 'Run'} in ${durationS} s (seed ${seed}) on ${machine.cores} cores, Node ${machine.node}; load average ${machine.load[0]} at start, ${machineSummary().load[0]} at end.`);
	const json = results.map(result => ({...result, pass: passed(result)}));
	await writeFile(values.out, `${JSON.stringify({quick: values.quick, seed, date: new Date().toISOString(), durationS, machine, rows: json}, null, 2)}\n`);
	log(`results: ${values.out}`);
	return results.every(result => passed(result) !== false);
}

try {
	process.exitCode = await main() ? 0 : 1;
} catch (error) {
	process.exitCode = 1;
	console.error(`torture: ${(error as Error).stack ?? String(error)}`);
} finally {
	await cleanupAll();
}
