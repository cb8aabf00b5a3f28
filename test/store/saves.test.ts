import assert from 'node:assert/strict';
import {mkdir, rename, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {StoreError} from '../../source/store/errors.js';
import {terminateSaveThread} from '../support/save-thread.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {runChild} from './child.js';
import {fileState, listFolder, tempFolder} from './temp-folder.js';

async function storeWithOneSession(): Promise<{path: string; folder: string; sessionId: string}> {
	const folder = await tempFolder();
	const path = join(folder, 'agents.db');
	const store = await SqlJsSessionStore.open(path);
	const session = store.createSession('ada', 'gpt-4o');
	store.appendMessage(session.id, {role: 'user', content: 'saved before the crash'});
	await store.close();
	return {path, folder, sessionId: session.id};
}

describe('saves', () => {
	test('a burst of changes is written by far fewer saves, and save() waits until all of it is on disk', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path);
		const session = store.createSession('ada', 'gpt-4o');
		const before = store.stats.saves;
		for (let index = 0; index < 100; index++) store.appendMessage(session.id, {role: 'user', content: `burst ${index}`});
		for (let index = 0; index < 100; index++) {
			store.appendMessage(session.id, {role: 'assistant', content: `trickle ${index}`});
			await new Promise(resolve => setImmediate(resolve)); // let scheduled saves start while changes keep coming
		}
		await store.save();
		const saves = store.stats.saves - before;
		assert.ok(saves >= 1 && saves <= 20, `200 changes took ${saves} saves`);

		const reader = await SqlJsSessionStore.open(path);
		assert.equal(reader.getSession(session.id)?.messages.length, 200);
		await reader.close();
		await store.close();
	});

	test('close() saves what is pending', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path);
		const session = store.createSession('ada', 'gpt-4o');
		store.appendMessage(session.id, {role: 'user', content: 'last words'});
		await store.close();
		const again = await SqlJsSessionStore.open(path);
		assert.equal(again.getSession(session.id)?.messages[0]?.content, 'last words');
		await again.close();
	});

	test('a save that fails between the temp write and the rename leaves the old file intact and no temp file', async () => {
		const {path, folder, sessionId} = await storeWithOneSession();
		const before = await fileState(path);
		const store = await SqlJsSessionStore.open(path, {hooks: {beforeRename: {failWith: 'EIO'}}});
		store.appendMessage(sessionId, {role: 'user', content: 'not saved'});
		await assert.rejects(store.save(), {name: 'StoreError', message: `Cannot save ${path}: Simulated EIO; check the disk and it will be saved automatically.`});
		const after = await fileState(path);
		assert.ok(after.bytes.equals(before.bytes));
		assert.deepEqual(await listFolder(folder), ['agents.db']);
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(reader.getSession(sessionId)?.messages.map(message => message.content), ['saved before the crash']);
		await reader.close();
		await assert.rejects(store.close()); // it still cannot save, so it stays open rather than lose the message
	});

	test('a process killed between the temp write and the rename: the old file opens fine and the leftover is removed', async () => {
		const {path, folder, sessionId} = await storeWithOneSession();
		const before = await fileState(path);
		const {signal, output} = await runChild('crash', path);
		assert.equal(signal, 'SIGKILL', output);
		const names = await listFolder(folder);
		assert.equal(names.length, 3, `expected the file, its lock and a leftover temp file, found ${names.join(', ')}`);
		assert.deepEqual(names.slice(0, 2), ['agents.db', 'agents.db.lock']);
		assert.match(names[2]!, /^agents\.db\.tmp-\d+-[\da-f]+$/);
		assert.ok((await fileState(path)).bytes.equals(before.bytes), 'the old file is intact');

		const store = await SqlJsSessionStore.open(path);
		assert.deepEqual(store.getSession(sessionId)?.messages.map(message => message.content), ['saved before the crash']);
		assert.deepEqual(await listFolder(folder), ['agents.db'], 'the leftover temp and lock files are cleaned up');
		await store.close();
	});

	test('a full disk: save() says so in one sentence, keeps the data, and the next save writes it', async () => {
		const {path, sessionId} = await storeWithOneSession();
		const store = await SqlJsSessionStore.open(path, {hooks: {beforeRename: {failWith: 'ENOSPC', times: 1}}});
		store.appendMessage(sessionId, {role: 'assistant', content: 'kept in memory'});
		await assert.rejects(store.save(), (error: unknown) => {
			assert.ok(error instanceof StoreError);
			assert.equal(error.kind, 'save-failed');
			assert.equal(error.message, `Cannot save ${path}: the disk is full; free some space and it will be saved automatically.`);
			return true;
		});
		assert.equal(store.getSession(sessionId)?.messages.at(-1)?.content, 'kept in memory');
		await store.save();
		await store.close();
		const reader = await SqlJsSessionStore.open(path);
		assert.equal(reader.getSession(sessionId)?.messages.at(-1)?.content, 'kept in memory');
		await reader.close();
	});

	test('its folder replaced by a file: the save fails clearly, and once the folder is back the next save writes everything', async () => {
		const folder = await tempFolder();
		const data = join(folder, 'data');
		const path = join(data, 'agents.db');
		const store = await SqlJsSessionStore.open(path);
		const session = store.createSession('ada', 'gpt-4o');
		await store.save();
		await rename(data, join(folder, 'moved'));
		await writeFile(data, 'not a folder');
		store.appendMessage(session.id, {role: 'user', content: 'written later'});
		await assert.rejects(store.save(), {message: `Cannot save ${path}: its folder is missing or is not a folder; restore it and it will be saved automatically.`});
		await rm(data);
		await rename(join(folder, 'moved'), data);
		store.appendMessage(session.id, {role: 'user', content: 'and this too'});
		await store.close();
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(reader.getSession(session.id)?.messages.map(message => message.content), ['written later', 'and this too']);
		assert.equal((await stat(path)).mode & 0o777, 0o600);
		await reader.close();
	});

	test('if the save thread dies, idle or in the middle of a save, saves go on in a new one and lose nothing', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path);
		const session = store.createSession('ada', 'gpt-4o');
		store.appendMessage(session.id, {role: 'user', content: 'before'});
		await store.save();
		await terminateSaveThread();
		store.appendMessage(session.id, {role: 'user', content: 'after it died while idle'});
		await store.save();
		store.appendMessage(session.id, {role: 'user', content: 'saving while it dies'});
		const saving = store.save(); // starts at once: the request is in flight
		await terminateSaveThread();
		await saving;
		await store.close();
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(reader.getSession(session.id)?.messages.map(message => message.content), ['before', 'after it died while idle', 'saving while it dies']);
		await reader.close();
	});

	test('a folder we may not write to: the first open says so', {skip: process.getuid?.() === 0 ? 'root may write anywhere' : false}, async () => {
		const folder = await tempFolder();
		const locked = join(folder, 'locked');
		await mkdir(locked, {mode: 0o500});
		await assert.rejects(SqlJsSessionStore.open(join(locked, 'agents.db')), /permission denied; check the permissions of the file and its folder, or pass --db PATH\.$/);
	});
});
