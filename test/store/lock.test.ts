import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFile, utimes, writeFile} from 'node:fs/promises';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {acquireLock} from '../../source/store/lock.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {listFolder, tempFolder} from './temp-folder.js';

/** The pid of a process that has exited. */
function deadPid(): number {
	const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
	return Number(result.stdout.toString());
}

describe('save lock', () => {
	test('is taken with our pid and released; a second taker waits for the first', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const release = await acquireLock(path);
		assert.match(await readFile(`${path}.lock`, 'utf8'), new RegExp(`^${process.pid}\\n`));
		let second = false;
		const waiting = acquireLock(path).then(releaseSecond => {
			second = true;
			return releaseSecond;
		});
		await new Promise(resolve => setImmediate(resolve));
		assert.equal(second, false);
		await release();
		await (await waiting)();
		assert.deepEqual(await listFolder(join(path, '..')), []);
	});

	test('a save waits for a live holder, then gives up with what to do', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path, {lock: {timeoutMs: 300}});
		await writeFile(`${path}.lock`, `${process.ppid}\nsomeone-else\n`);
		store.createSession('ada', 'gpt-4o');
		await assert.rejects(store.save(), {
			name: 'StoreError',
			message: `Cannot save ${path}: another agent-session (process ${process.ppid}) has been saving it for too long; try again, or delete ${path}.lock if no agent-session is running.`,
		});
		assert.match(await readFile(`${path}.lock`, 'utf8'), /someone-else/, 'a live holder\'s lock is left alone');
	});

	test('a lock left by a dead process, or a very old one, is broken', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path, {lock: {timeoutMs: 5000}});
		await writeFile(`${path}.lock`, `${deadPid()}\ncrashed\n`);
		const session = store.createSession('ada', 'gpt-4o');
		await store.save();

		await writeFile(`${path}.lock`, `${process.ppid}\nhung\n`);
		const minuteAgo = new Date(Date.now() - 60_000);
		await utimes(`${path}.lock`, minuteAgo, minuteAgo);
		store.renameSession(session.id, 'Saved past an old lock');
		await store.close();
		assert.deepEqual(await listFolder(join(path, '..')), ['agents.db']);
		const reader = await SqlJsSessionStore.open(path);
		assert.equal(reader.getSession(session.id)?.session.title, 'Saved past an old lock');
		await reader.close();
	});

	test('an empty lock (its writer was killed before writing it) no longer blocks saves: stale after 2 s, with no misleading message', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path, {lock: {timeoutMs: 10_000}});
		store.createSession('ada', 'gpt-4o');
		await store.save();

		await writeFile(`${path}.lock`, '');
		const threeSecondsAgo = new Date(Date.now() - 3000);
		await utimes(`${path}.lock`, threeSecondsAgo, threeSecondsAgo);
		store.createSession('ada', 'gpt-4o');
		let started = performance.now();
		await store.save();
		assert.ok(performance.now() - started < 1000, 'an old empty lock is broken at once');

		await writeFile(`${path}.lock`, ''); // fresh: it may be a writer between creating and writing it, so it is given 2 s
		store.createSession('ada', 'gpt-4o');
		started = performance.now();
		await store.save();
		const waited = performance.now() - started;
		assert.ok(waited >= 1500 && waited < 6000, `waited ${Math.round(waited)} ms for a fresh empty lock`);
		await store.close();
		assert.deepEqual(await listFolder(join(path, '..')), ['agents.db']);
	});

	test('an empty lock left at open is removed at open once it is 2 s old', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const first = await SqlJsSessionStore.open(path);
		first.createSession('ada', 'gpt-4o');
		await first.close();
		await writeFile(`${path}.lock`, '');
		const old = new Date(Date.now() - 3000);
		await utimes(`${path}.lock`, old, old);
		const store = await SqlJsSessionStore.open(path);
		assert.deepEqual(await listFolder(join(path, '..')), ['agents.db']);
		await store.close();
	});

	test('the lock names its host; a lock of a dead pid from another host is not broken by the pid check', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const release = await acquireLock(path);
		assert.deepEqual((await readFile(`${path}.lock`, 'utf8')).split('\n').filter(Boolean).map((line, index) => (index === 1 ? 'token' : line)), [String(process.pid), 'token', hostname()]);
		await release();

		const store = await SqlJsSessionStore.open(path, {lock: {timeoutMs: 300}});
		await writeFile(`${path}.lock`, `${deadPid()}\nother\nsome-other-host\n`);
		store.createSession('ada', 'gpt-4o');
		await assert.rejects(store.save(), {kind: 'locked', message: /another agent-session \(process \d+ on some-other-host\) has been saving it for too long/});
		assert.match(await readFile(`${path}.lock`, 'utf8'), /some-other-host/);
	});

	test('the lock file appears with its content: a reader never sees it empty', async () => {
		const path = join(await tempFolder(), 'agents.db');
		let empty = 0;
		let seen = 0;
		let done = false;
		const watcher = (async () => {
			while (!done) {
				const content = await readFile(`${path}.lock`, 'utf8').catch(() => undefined);
				if (content !== undefined) {
					seen++;
					if (content === '') empty++;
				}
				await new Promise(resolve => setImmediate(resolve));
			}
		})();
		for (let round = 0; round < 200; round++) await (await acquireLock(path))();
		done = true;
		await watcher;
		assert.ok(seen > 0, 'the reader saw the lock');
		assert.equal(empty, 0);
	});
});
