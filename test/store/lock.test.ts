import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFile, utimes, writeFile} from 'node:fs/promises';
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
});
