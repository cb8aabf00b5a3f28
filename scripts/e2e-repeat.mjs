// `npm run e2e:repeat [-- --runs N]`: the tmux end-to-end tests (test/e2e) N times in a row (default 20), to catch
// what fails only now and then (a displaced screen, a lost key). Prints every failure and "F of N runs failed"; exits 1
// if any did. The raw bytes each failed run's app wrote to its terminal are kept (tmux pipe-pane, see
// test/support/tmux.ts) and their folder printed, to replay with `cat FILE` in a terminal of the same size.
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {parseArgs} from 'node:util';

const root = resolve(import.meta.dirname, '..');
const {values} = parseArgs({options: {runs: {type: 'string', default: '20'}}});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
	console.error('e2e:repeat: --runs takes a whole number of runs, e.g. --runs 20.');
	process.exit(2);
}

const folder = join(root, 'test/e2e');
const files = readdirSync(folder).filter(name => /\.test\.tsx?$/.test(name)).sort().map(name => join(folder, name));
const keep = mkdtempSync(join(tmpdir(), 'agent-session-e2e-repeat-'));
const failures = [];
const started = performance.now();

for (let run = 1; run <= runs; run++) {
	const raw = join(keep, `run-${run}`);
	mkdirSync(raw);
	const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
		cwd: root,
		encoding: 'utf8',
		env: {...process.env, AGENT_SESSION_E2E_RAW: raw},
	});
	const failed = result.status !== 0;
	process.stdout.write(`run ${run} of ${runs}: ${failed ? 'FAILED' : 'passed'}\n`);
	if (failed) {
		failures.push(run);
		process.stdout.write(`${result.stdout}${result.stderr}`.replace(/^/gm, '  │ '));
		process.stdout.write(`  raw terminal output: ${raw}\n`);
	} else {
		rmSync(raw, {recursive: true, force: true});
	}
}

const seconds = ((performance.now() - started) / 1000).toFixed(0);
process.stdout.write(`e2e:repeat: ${failures.length} of ${runs} runs failed${failures.length > 0 ? ` (runs ${failures.join(', ')})` : ''}, in ${seconds} s.\n`);
if (failures.length === 0) rmSync(keep, {recursive: true, force: true});
process.exit(failures.length === 0 ? 0 : 1);
