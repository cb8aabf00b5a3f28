import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {StoreError} from '../../source/store/errors.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {waitFor} from '../support/wait-for.js';
import {tempFolder} from './temp-folder.js';

async function existingDatabase(): Promise<{path: string; sessionId: string; otherId: string}> {
	const path = join(await tempFolder(), 'agents.db');
	const store = await SqlJsSessionStore.open(path);
	const session = store.createSession('ada', 'gpt-4o');
	store.appendMessage(session.id, {role: 'user', content: 'on disk'});
	const other = store.createSession('ada', 'gpt-4o');
	await store.close();
	return {path, sessionId: session.id, otherId: other.id};
}

describe('save status', () => {
	test('a failed save is reported, retried on its own, and reported over once a save succeeds', async () => {
		const {path, sessionId} = await existingDatabase();
		const store = await SqlJsSessionStore.open(path, {hooks: {beforeRename: {failWith: 'ENOSPC', times: 1}}});
		const seen: Array<string | undefined> = [];
		const stop = store.onSaveStatus(error => seen.push(error?.message));
		assert.equal(store.saveError, undefined);
		store.appendMessage(sessionId, {role: 'assistant', content: 'kept in memory'});
		await assert.rejects(store.save(), StoreError);
		const message = `Cannot save ${path}: the disk is full; free some space and it will be saved automatically.`;
		const failure = store.saveError as StoreError | undefined; // (narrowed to undefined by the check above)
		assert.equal(failure?.message, message);
		assert.equal(failure?.kind, 'save-failed');
		// No change, no save() call: the store tries again by itself.
		await waitFor(() => store.saveError === undefined, {timeout: 5000, interval: 20});
		assert.deepEqual(seen, [message, undefined], 'told once when it failed and once when it was over');
		assert.equal(store.unsavedChanges().messageCount, 0);
		stop();
		await store.close();
		const reader = await SqlJsSessionStore.open(path);
		assert.equal(reader.getSession(sessionId)?.messages.at(-1)?.content, 'kept in memory');
		await reader.close();
	});

	test('unsavedChanges lists what is not on disk yet, by session: messages, renames, deletes', async () => {
		const {path, sessionId, otherId} = await existingDatabase();
		const store = await SqlJsSessionStore.open(path, {hooks: {beforeRename: {failWith: 'EROFS'}}});
		const fresh = store.createSession('bob', 'mock');
		store.appendMessage(fresh.id, {role: 'user', content: 'new session, first message'});
		store.appendMessage(sessionId, {role: 'assistant', content: 'a reply', usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}});
		store.renameSession(sessionId, 'Renamed');
		store.deleteSession(otherId);
		const deletedLater = store.createSession('bob', 'mock');
		store.appendMessage(deletedLater.id, {role: 'user', content: 'gone again'});
		store.deleteSession(deletedLater.id);
		await assert.rejects(store.save(), {message: `Cannot save ${path}: the file system is read-only; make it writable and it will be saved automatically.`});

		const unsaved = store.unsavedChanges();
		assert.equal(unsaved.messageCount, 2);
		assert.deepEqual(unsaved.deletedSessionIds, [otherId, deletedLater.id]);
		const byId = new Map(unsaved.sessions.map(session => [session.id, session]));
		assert.deepEqual([...byId.keys()].sort(), [fresh.id, sessionId].sort());
		const created = byId.get(fresh.id)!;
		assert.deepEqual({...created, createdAt: 0, messages: created.messages.map(message => message.content)}, {
			id: fresh.id, userId: 'bob', model: 'mock', createdAt: 0, title: null, renamed: false, messages: ['new session, first message'],
		});
		const renamed = byId.get(sessionId)!;
		assert.equal(renamed.title, 'Renamed');
		assert.equal(renamed.renamed, true);
		assert.deepEqual(renamed.messages.map(message => [message.role, message.content, message.status, message.usage]), [
			['assistant', 'a reply', 'complete', {promptTokens: 1, completionTokens: 2, totalTokens: 3}],
		]);
	});
});
