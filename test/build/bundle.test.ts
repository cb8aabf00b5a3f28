// What `npm run build` produces (dist/cli.js, one file) and how it behaves before the app starts: the old-Node guard,
// what the bundle leaves out, what the package ships. The app itself is tested through the bundle in test/e2e.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {accessSync, constants, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join, resolve} from 'node:path';
import {TmuxTerminal, shellQuote} from '../support/tmux.js';

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

test('the packed package installs without dependencies and runs a session', {timeout: 120_000}, async () => {
	const dir = mkdtempSync(join(tmpdir(), 'agent-session-pack-'));
	const terminals: TmuxTerminal[] = [];
	try {
		// --ignore-scripts: dist/ is built already (npm test builds first); packing must not rebuild it under other tests.
		const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {cwd: root, encoding: 'utf8'});
		assert.equal(pack.status, 0, pack.stderr);
		const [packed] = JSON.parse(pack.stdout) as Array<{filename: string; files: Array<{path: string}>}>;
		const files = packed!.files.map(file => file.path).sort();
		assert.deepEqual(files.filter(path => path.startsWith('dist/')), ['dist/cli.js', 'dist/cli.js.map', 'dist/empty.db', 'dist/sql-wasm.wasm']);
		assert.deepEqual(files.filter(path => /\.tsx?$/.test(path)), [], 'no sources');

		const prefix = join(dir, 'prefix');
		const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--ignore-scripts', '--offline', join(dir, packed!.filename)], {cwd: dir, encoding: 'utf8'});
		assert.equal(install.status, 0, install.stderr);
		const installed = join(prefix, 'lib/node_modules/agent-session');
		assert.equal(existsSync(join(installed, 'node_modules')), false, 'it needs no dependencies: everything is in dist/');

		const bin = join(prefix, 'bin/agent-session');
		const path = `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`;
		const version = spawnSync(bin, ['--version'], {encoding: 'utf8', env: {...process.env, PATH: path}});
		assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string}).version, version.stderr);

		const terminal = TmuxTerminal.start({command: `${shellQuote(bin)} --offline --new --db ${shellQuote(join(dir, 'agents.db'))}`, cwd: dir, columns: 200, rows: 60, env: {PATH: path}});
		terminals.push(terminal);
		await terminal.waitForText('Started Session:');
		terminal.type('hello from the package');
		terminal.keys('Enter');
		await terminal.waitForText('"role": "assistant"');
		await terminal.waitForText('● idle');
		terminal.keys('C-c');
		await terminal.waitForExit();
		assert.equal(terminal.exitStatus, 0, terminal.screen());
		assert.ok(existsSync(join(dir, 'agents.db')), 'the session was saved');
	} finally {
		for (const terminal of terminals) terminal.kill();
		rmSync(dir, {recursive: true, force: true});
	}
});
