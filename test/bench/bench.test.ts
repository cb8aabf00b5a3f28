// Keeps `npm run bench` from rotting: the quick run completes and reports every scenario. The timings are not
// asserted (a test machine is too noisy for that; `npm run bench` judges them against same-run baselines).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {scenarios} from '../../bench/scenarios/index.js';

const root = resolve(import.meta.dirname, '../..');
let dir: string;

before(() => {
	dir = mkdtempSync(join(tmpdir(), 'agent-session-bench-test-'));
});

after(() => {
	rmSync(dir, {recursive: true, force: true});
});

interface Result {
	rows: Array<{id: string; figure: string; value: number; pass: boolean | null}>;
	durationS: number;
}

function benchTemps(): Set<string> {
	return new Set(readdirSync(tmpdir()).filter(name => name.startsWith('agent-session-bench-') && !name.startsWith('agent-session-bench-test-')));
}

test('npm run bench -- --quick completes and reports every scenario', {timeout: 180_000}, async () => {
	assert.ok(existsSync(join(root, 'dist/cli.js')), 'the CLI is built (npm test builds it first)');
	const out = join(dir, 'results.json');
	const tempsBefore = benchTemps();
	const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (data: Buffer) => {
		stdout += data.toString();
	});
	child.stderr.on('data', (data: Buffer) => {
		stderr += data.toString();
	});
	const code = await new Promise<number | null>(resolve => {
		child.once('exit', resolve);
	});
	assert.equal(code, 0, `the bench failed:\n${stderr}`);

	const result = JSON.parse(readFileSync(out, 'utf8')) as Result;
	assert.deepEqual(result.rows.map(row => row.id), ['1', '2', '3', '4', '5', '6', '7', '8', ...scenarios.flatMap(scenario => scenario.ids)]);
	for (const row of result.rows) {
		assert.ok(Number.isFinite(row.value) && row.value >= 0, `row ${row.id} has a measured figure (${row.figure})`);
		assert.match(stdout, new RegExp(`^\\| ${row.id} +\\|`, 'm'), `the table shows row ${row.id}`);
	}
	assert.match(stdout, /Quick run in [\d.]+ s on \d+ cores/);
	// Its temp folder (databases, diagnostics) is gone.
	const left = [...benchTemps()].filter(name => !tempsBefore.has(name));
	assert.deepEqual(left, [], 'the bench removed its temp folder');
});

/** Processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
	const found: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) found.push(Number(name));
		} catch {
			// Gone meanwhile.
		}
	}
	return found;
}

test('Ctrl+C in the middle of a run removes its temp folder and ends the apps it started', {timeout: 120_000}, async () => {
	const tempsBefore = benchTemps();
	const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--only', '1', '--out', join(dir, 'interrupted.json')], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (data: Buffer) => {
		stderr += data.toString();
	});
	const exited = new Promise<number | null>(resolve => {
		child.once('exit', resolve);
	});
	// Interrupt once an app is running in its folder.
	const folder = await new Promise<string>((resolve, reject) => {
		const timer = setInterval(() => {
			const fresh = [...benchTemps()].filter(name => !tempsBefore.has(name));
			const running = fresh.find(name => processesMentioning(join(tmpdir(), name)).length > 0);
			if (running !== undefined) {
				clearInterval(timer);
				resolve(join(tmpdir(), running));
			}
		}, 20);
		void exited.then(() => {
			clearInterval(timer);
			reject(new Error(`The bench ended before an app started:\n${stderr}`));
		});
	});
	child.kill('SIGINT');
	assert.equal(await exited, 130, stderr);
	assert.equal(existsSync(folder), false, 'the temp folder is removed');
	assert.deepEqual(processesMentioning(folder), [], 'no app of the run is left running');
});
