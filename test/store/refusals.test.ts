// The built CLI refusing to start (bad flags, unknown or someone else's session, a --db that is not a regular file) must
// leave the disk as it found it: no folder, no database, no lock, no temp file. Without a terminal the CLI asks once
// (`ask`); the full-screen chat takes the same store path, tried in a terminal by test/e2e.
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {lstat, mkdir, symlink} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {describe, test} from 'node:test';
import {openSessionStore} from '../../source/store/index.js';
import {fileState, listFolder, tempFolder} from './temp-folder.js';

const cli = resolve(import.meta.dirname, '../../dist/cli.js');

interface Run {
	code: number | null;
	stderr: string;
}

/** Runs the CLI without a terminal (stdin and stdout are pipes), in `cwd`. */
function runCli(cwd: string, args: string[]): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, ...args], {cwd, stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: ''}});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('exit', code => {
			resolve({code, stderr});
		});
	});
}

/** Every entry under `folder`, recursively, with what a user could notice about it. */
async function snapshot(folder: string): Promise<string[]> {
	const entries: string[] = [];
	for (const name of await listFolder(folder)) {
		const path = join(folder, name);
		const stats = await lstat(path);
		// Only regular files are read (reading a FIFO would wait for a writer forever).
		const state = stats.isFile() ? await fileState(path) : undefined;
		entries.push(`${name} ${stats.mode} ${stats.ino} ${state === undefined ? '' : `${state.size} ${state.mtimeMs} ${state.bytes.toString('base64')}`}`);
	}
	return entries;
}

async function assertUntouched(folder: string, args: string[], code: number, stderr: string | RegExp): Promise<void> {
	const before = await snapshot(folder);
	const run = await runCli(folder, args);
	if (typeof stderr === 'string') assert.equal(run.stderr, `agent-session: ${stderr}\n`);
	else assert.match(run.stderr, stderr);
	assert.equal(run.code, code, run.stderr);
	assert.deepEqual(await snapshot(folder), before, 'the folder is exactly as it was');
}

describe('a refused start creates nothing', {skip: existsSync(cli) ? false : 'dist/cli.js is missing: run npm run build'}, () => {
	test('a bad flag, with a new --db path', async () => {
		const folder = await tempFolder();
		await assertUntouched(folder, ['--db', 'data/agents.db', '--bogus'], 2, 'Unknown flag "--bogus": run agent-session --help to see the flags.');
		assert.deepEqual(await listFolder(folder), []);
	});

	test('--session with an unknown id, with a new --db path (no folder, no 24 KB database)', async () => {
		const folder = await tempFolder();
		await assertUntouched(folder, ['ask', 'question', '--db', 'data/agents.db', '--session', 'unknown'], 2, /^agent-session: --session unknown: no such session for user "user"/);
		assert.deepEqual(await listFolder(folder), []);
	});

	test('--session with another user\'s session leaves the existing database as it was', async () => {
		const folder = await tempFolder();
		const store = await openSessionStore(join(folder, 'agents.db'));
		const session = store.createSession('ada', 'gpt-4o');
		store.appendMessage(session.id, {role: 'user', content: 'private'});
		await store.close();
		await assertUntouched(folder, ['ask', 'question', '--db', 'agents.db', '--user', 'bob', '--session', session.id], 2, new RegExp(`^agent-session: --session ${session.id}: no such session for user "bob"`));
	});

	const kinds: Array<[string, (path: string) => Promise<void>, string]> = [
		['a folder', async path => mkdir(path), 'a folder'],
		['a FIFO', async path => {
			execFileSync('mkfifo', [path]);
		}, 'a FIFO (named pipe)'],
		['a symlink to a FIFO', async path => {
			execFileSync('mkfifo', [`${path}.fifo`]);
			await symlink(`${path}.fifo`, path);
		}, 'a symbolic link to a FIFO (named pipe)'],
		['a character device (our own node, like /dev/null)', async path => {
			execFileSync('mknod', [path, 'c', '1', '3']);
		}, 'a character device'],
	];
	for (const [name, make, shown] of kinds) {
		test(`--db naming ${name}: refused at once with one sentence, untouched`, {skip: name.includes('device') && process.getuid?.() !== 0 ? 'mknod needs root' : false}, async () => {
			const folder = await tempFolder();
			const path = join(folder, 'agents.db');
			await make(path);
			const before = await snapshot(folder);
			const run = await runCli(folder, ['ask', 'question', '--db', 'agents.db']);
			assert.equal(run.stderr, `agent-session: Cannot use ${path} as the database: it is ${shown}, not a regular file; pass --db with a regular file or a path that does not exist yet.\n`);
			assert.equal(run.code, 2, 'like a bad flag');
			assert.deepEqual(await snapshot(folder), before);
		});
	}
});
