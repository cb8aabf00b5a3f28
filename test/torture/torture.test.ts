// `npm run torture -- --quick` inside npm test: every row runs and loses nothing (beyond the one reply in flight at a
// kill -9). One test per row, so a failure names the fault it is about.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const rows = ['kill9', 'signals', 'disk', 'instances', 'paste', 'replies', 'hostile', 'faulty'];

interface Row {
	id: string;
	row: string;
	cases: number;
	lost: number;
	allowed: number;
	skipped?: string;
	failures: string[];
}

let dir: string;
let results: Row[] = [];
let stdout = '';
let stderr = '';

before(async () => {
	dir = mkdtempSync(join(tmpdir(), 'agent-session-torture-test-'));
	const out = join(dir, 'results.json');
	const child = spawn(process.execPath, ['--import', 'tsx', 'torture/run.ts', '--quick', '--out', out], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
	child.stdout.on('data', (data: Buffer) => {
		stdout += data.toString();
	});
	child.stderr.on('data', (data: Buffer) => {
		stderr += data.toString();
	});
	await new Promise(resolve => {
		child.once('exit', resolve);
	});
	if (existsSync(out)) results = (JSON.parse(readFileSync(out, 'utf8')) as {rows: Row[]}).rows;
}, {timeout: 240_000});

after(() => {
	rmSync(dir, {recursive: true, force: true});
});

describe('npm run torture -- --quick', {skip: existsSync(join(root, 'dist/cli.js')) ? false : 'dist/cli.js is missing: run npm run build'}, () => {
	test('prints the table and writes every row', () => {
		assert.deepEqual(results.map(row => row.id), rows, `the run wrote no results for some rows:\n${stderr}`);
		assert.match(stdout, /^\| # +\| fault/m);
		assert.match(stdout, /Quick run in [\d.]+ s \(seed \d+\)/);
	});

	for (const id of rows) {
		test(`row ${id}: ran and lost nothing`, context => {
			const row = results.find(each => each.id === id);
			assert.ok(row, `row ${id} is missing from the results:\n${stderr}`);
			if (row.skipped !== undefined) {
				assert.match(row.skipped, /^skipped: /);
				context.skip(row.skipped);
				return;
			}
			assert.ok(row.cases > 0, `row ${id} ran no case`);
			assert.deepEqual(row.failures, [], `${row.row}`);
			assert.ok(row.lost <= row.allowed, `${row.row}: lost ${row.lost}, allowed ${row.allowed}`);
		});
	}
});
