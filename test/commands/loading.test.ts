import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';

const root = join(import.meta.dirname, '..', '..');

/** Every module a fresh process resolves while it imports `modules` (source paths). */
function modulesLoadedBy(modules: readonly string[]): string[] {
	const script = modules.map(path => `await import(${JSON.stringify(join(root, path))});`).join('');
	const dir = mkdtempSync(join(tmpdir(), 'loaded-modules-'));
	try {
		const out = join(dir, 'loaded.json');
		const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(root, 'test/support/record-modules.ts'), '--input-type=module', '-e', script], {
			cwd: root,
			encoding: 'utf8',
			env: {...process.env, RECORD_MODULES_TO: out},
		});
		assert.equal(result.status, 0, result.stderr);
		return JSON.parse(readFileSync(out, 'utf8')) as string[];
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

const heavy = /\/node_modules\/(ink|react|react-reconciler|marked|openai)\//;

test('ask, export and import load neither React nor Ink (nor the openai SDK until a request is made)', () => {
	const loaded = modulesLoadedBy(['source/commands/index.ts', 'source/commands/ask.ts', 'source/commands/export.ts', 'source/commands/import.ts']);
	assert.ok(loaded.some(url => url.endsWith('/source/commands/ask.ts')), 'the recorder sees our modules');
	assert.deepEqual(loaded.filter(url => heavy.test(url)), []);
	// The check can fail: the full-screen app does load them.
	assert.ok(modulesLoadedBy(['source/ui/App.tsx']).some(url => heavy.test(url)));
});
