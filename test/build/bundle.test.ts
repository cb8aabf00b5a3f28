// What `npm run build` produces (dist/cli.js, one file) and how it behaves before the app starts: the old-Node guard,
// what the bundle leaves out, what the package ships. The app itself is tested through the bundle in test/e2e.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {accessSync, constants, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join, resolve} from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {engines: {node: string}; devDependencies: Record<string, string>};
const neededMajor = Number(/\d+/.exec(packageJson.engines.node)![0]);

/** A `node` on PATH other than the one running the tests, older than the app needs (the machine's own, e.g. 20). */
function olderNode(): {path: string; version: string} | undefined {
	const ours = realpathSync(process.execPath);
	for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
		const path = join(dir, 'node');
		try {
			accessSync(path, constants.X_OK);
		} catch {
			continue;
		}
		if (realpathSync(path) === ours) continue;
		const version = spawnSync(path, ['--version'], {encoding: 'utf8'}).stdout.trim();
		if (Number(/^v(\d+)/.exec(version)?.[1] ?? Number.NaN) < neededMajor) return {path, version};
	}
	return undefined;
}

const older = olderNode();

test('on an older Node, dist/cli.js says in one sentence which Node it needs and that npm start brings it, and exits 1', {skip: older === undefined && `no node older than ${neededMajor} on PATH`}, () => {
	const dir = mkdtempSync(join(tmpdir(), 'agent-session-guard-'));
	try {
		const result = spawnSync(older!.path, [cli, '--new', '--db', join(dir, 'agents.db')], {cwd: dir, encoding: 'utf8'});
		assert.equal(result.status, 1, result.stderr);
		assert.equal(result.stdout, '');
		const lines = result.stderr.trimEnd().split('\n');
		assert.equal(lines.length, 1, result.stderr);
		assert.match(lines[0]!, new RegExp(`needs Node\\.js ${neededMajor} or newer \\(this is ${older!.version.replaceAll('.', '\\.')}\\)`));
		assert.match(lines[0]!, new RegExp(`npm start.*Node\\.js ${packageJson.devDependencies['node']!.replaceAll('.', '\\.')}`));
		assert.equal(existsSync(join(dir, 'agents.db')), false, 'nothing was created');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('the guard is the first code in the file, before the shims and every module', () => {
	const text = readFileSync(cli, 'utf8');
	const firstCode = text.split('\n').find(line => line.trim() !== '' && !line.startsWith('#!') && !line.startsWith('//'));
	assert.match(firstCode ?? '', /^if \(Number\(process\.versions\.node\.split\('\.'\)\[0\]\) < \d+\) \{$/);
});

test('the bundle holds React\'s production build and neither React dev tools nor Ink\'s bridge to them', () => {
	const map = JSON.parse(readFileSync(`${cli}.map`, 'utf8')) as {sources: string[]};
	const sources = map.sources;
	assert.ok(sources.some(source => source.includes('node_modules/ink/')), 'Ink is bundled');
	assert.ok(sources.some(source => /node_modules\/react\/cjs\/react\.production\.js$/.test(source)), 'React\'s production build is bundled');
	assert.deepEqual(sources.filter(source => /development|react-devtools|ink\/build\/devtools/.test(source)), []);
	assert.match(readFileSync(cli, 'utf8'), /^\/\/# sourceMappingURL=cli\.js\.map$/m);
});

test('the package ships the bundle, its source map and nothing of the sources', () => {
	// --ignore-scripts: the test runs after `npm run build`; packing must not rebuild meanwhile.
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: root, encoding: 'utf8'});
	assert.equal(result.status, 0, result.stderr);
	const [pack] = JSON.parse(result.stdout) as Array<{files: Array<{path: string}>}>;
	const files = pack!.files.map(file => file.path).sort();
	assert.deepEqual(files.filter(path => path.startsWith('dist/')), ['dist/cli.js', 'dist/cli.js.map']);
	assert.deepEqual(files.filter(path => /\.tsx?$/.test(path)), []);
});
