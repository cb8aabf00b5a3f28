// A real full disk and a real read-only mount (a small tmpfs of our own): the save fails with one sentence, the data
// stays in memory, a recovery file goes to the next folder, and once the disk works again everything is saved and merged.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, describe, test} from 'node:test';
import {findRecoveryFiles, recoverOnStart, writeRecoveryFile} from '../../source/store/recovery.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {mountTmpfs, tmpfsUnavailable} from '../support/tmpfs.js';
import type {Tmpfs} from '../support/tmpfs.js';
import {waitFor} from '../support/wait-for.js';
import {listFolder, tempFolder} from './temp-folder.js';

const mounts: Tmpfs[] = [];
after(() => {
	for (const mount of mounts) mount.unmount();
});

async function storeOnTmpfs(): Promise<{disk: Tmpfs; path: string; spare: string; store: SqlJsSessionStore; sessionId: string}> {
	const disk = mountTmpfs(1024 * 1024);
	mounts.push(disk);
	const path = join(disk.path, 'data', 'agents.db');
	const store = await SqlJsSessionStore.open(path);
	const session = store.createSession('ada', 'gpt-4o');
	store.appendMessage(session.id, {role: 'user', content: 'saved before'});
	await store.save();
	return {disk, path, spare: await tempFolder(), store, sessionId: session.id};
}

async function contents(path: string, sessionId: string): Promise<string[]> {
	const reader = await SqlJsSessionStore.open(path);
	const messages = reader.getSession(sessionId)?.messages.map(message => message.content) ?? [];
	await reader.close();
	return messages;
}

describe('a real full or read-only disk', {skip: tmpfsUnavailable() ?? false}, () => {
	test('full: one sentence, the recovery file goes to the next folder, and after space returns the save and the merge work', async () => {
		const {disk, path, spare, store, sessionId} = await storeOnTmpfs();
		const seen: Array<string | undefined> = [];
		store.onSaveStatus(error => seen.push(error?.message));
		await disk.fill();
		store.appendMessage(sessionId, {role: 'user', content: 'written on a full disk'});
		store.appendMessage(sessionId, {role: 'assistant', content: 'x'.repeat(200_000)});
		const sentence = `Cannot save ${path}: the disk is full; free some space and it will be saved automatically.`;
		await assert.rejects(store.save(), {kind: 'save-failed', message: sentence});
		assert.deepEqual(seen, [sentence]);
		assert.deepEqual(await listFolder(join(disk.path, 'data')), ['agents.db'], 'no temp or lock file is left on the full disk');
		assert.deepEqual(await contents(path, sessionId), ['saved before'], 'the file on disk is the old one, intact');

		const file = (await writeRecoveryFile(store, {folders: [join(disk.path, 'data'), spare]}))!;
		assert.equal(join(file, '..'), spare, 'the full disk could not take it: the next folder did');
		assert.deepEqual(await findRecoveryFiles(path, [join(disk.path, 'data'), spare]), [file]);

		// A new instance, once there is room again: it merges the recovery file (what the next start does).
		await disk.free();
		const next = await SqlJsSessionStore.open(path);
		assert.deepEqual(await recoverOnStart(next, [join(disk.path, 'data'), spare]), [`Recovered 2 unsaved messages from ${file}.`]);
		assert.deepEqual(await listFolder(spare), []);
		await next.close();
		assert.deepEqual(await contents(path, sessionId), ['saved before', 'written on a full disk', 'x'.repeat(200_000)]);

		// The first instance saves too once it can (its retry), and says the failure is over; nothing is doubled.
		await waitFor(() => store.saveError === undefined, {timeout: 20_000, interval: 50});
		assert.deepEqual(seen, [sentence, undefined]);
		await store.close();
		assert.equal((await contents(path, sessionId)).length, 3);
	});

	test('read-only: one sentence, recovery file elsewhere, and the save works once it is writable again', async () => {
		const {disk, path, spare, store, sessionId} = await storeOnTmpfs();
		disk.readOnly(true);
		store.appendMessage(sessionId, {role: 'user', content: 'written while read-only'});
		await assert.rejects(store.save(), {message: `Cannot save ${path}: the file system is read-only; make it writable and it will be saved automatically.`});
		const file = (await writeRecoveryFile(store, {folders: [join(disk.path, 'data'), spare]}))!;
		assert.equal(join(file, '..'), spare);
		disk.readOnly(false);
		await store.save();
		assert.equal(store.saveError, undefined);
		await store.close();
		const next = await SqlJsSessionStore.open(path);
		assert.deepEqual(await recoverOnStart(next, [spare]), [`Nothing to recover from ${file}: it was all saved already (the file is removed).`]);
		await next.close();
		assert.deepEqual(await contents(path, sessionId), ['saved before', 'written while read-only']);
	});

	test('a new database on a read-only mount is refused at open, creating nothing', async () => {
		const disk = mountTmpfs(64 * 1024);
		mounts.push(disk);
		disk.readOnly(true);
		const path = join(disk.path, 'data', 'agents.db');
		await assert.rejects(SqlJsSessionStore.open(path), {kind: 'unreadable', message: `Cannot open ${path}: the file system is read-only; pass --db PATH to save elsewhere.`});
		assert.deepEqual(await listFolder(disk.path), []);
	});
});
