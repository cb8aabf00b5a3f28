import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {openSessionStore, StoreError} from '../../source/store/index.js';
import {tempFolder, listFolder} from './temp-folder.js';

describe('session store', () => {
	test('creates the folder and a 0600 file with the first change (not at open), and a reopen finds everything', async () => {
		const folder = await tempFolder();
		const path = join(folder, 'nested', 'data', 'agents.db');
		const store = await openSessionStore(path);
		assert.equal(store.path, path);
		assert.deepEqual(await listFolder(folder), [], 'opening a new database writes nothing yet');

		const session = store.createSession('ada', 'gpt-4o');
		assert.match(session.id, /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
		assert.deepEqual({...session, createdAt: 0, updatedAt: 0}, {id: session.id, userId: 'ada', title: '', createdAt: 0, updatedAt: 0, model: 'gpt-4o', messageCount: 0, origin: 'agent-session', systemPrompt: null, forkedFrom: null});
		const first = store.appendMessage(session.id, {role: 'user', content: 'What is a monad?'}).message;
		const reply = store.appendMessage(session.id, {
			role: 'assistant', content: '# A monad\n\nis a **pattern**.', usage: {promptTokens: 12, completionTokens: 34, totalTokens: 46},
		}).message;
		const stopped = store.appendMessage(session.id, {role: 'assistant', content: 'Partial', status: 'stopped'}).message;
		const failed = store.appendMessage(session.id, {role: 'assistant', content: '', status: 'error', error: 'The server did not answer; try again.'}).message;
		assert.deepEqual([first.position, reply.position, stopped.position, failed.position], [0, 1, 2, 3]);
		await store.save();
		assert.equal((await stat(path)).mode & 0o777, 0o600);
		await store.close();

		const again = await openSessionStore(path);
		const loaded = again.getSession(session.id);
		assert.ok(loaded);
		assert.equal(loaded.session.title, 'What is a monad?');
		assert.equal(loaded.session.messageCount, 4);
		assert.deepEqual(loaded.messages, [first, reply, stopped, failed]);
		assert.deepEqual(loaded.messages[1]?.usage, {promptTokens: 12, completionTokens: 34, totalTokens: 46});
		assert.equal(loaded.messages[0]?.usage, null);
		assert.equal(loaded.messages[3]?.error, 'The server did not answer; try again.');
		assert.equal((await stat(path)).mode & 0o777, 0o600);
		await again.close();
		assert.deepEqual(await listFolder(join(folder, 'nested', 'data')), ['agents.db'], 'no lock or temp file is left behind');
	});

	test('lists one user\'s sessions, most recently active first, with counts, pages and the latest', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const older = store.createSession('ada', 'gpt-4o');
		const newer = store.createSession('ada', 'gpt-4o');
		const other = store.createSession('bob', 'gpt-4o');
		store.appendMessage(other.id, {role: 'user', content: 'Bob speaking'});
		assert.deepEqual(store.listSessions('ada').map(session => session.id), [newer.id, older.id]);

		store.appendMessage(older.id, {role: 'user', content: 'Back to the older one'});
		const listed = store.listSessions('ada');
		assert.deepEqual(listed.map(session => session.id), [older.id, newer.id]);
		assert.deepEqual(listed.map(session => session.messageCount), [1, 0]);
		assert.ok(listed[0]!.updatedAt > listed[0]!.createdAt);
		assert.equal(store.latestSession('ada')?.id, older.id);
		assert.equal(store.latestSession('bob')?.id, other.id);
		assert.equal(store.latestSession('carol'), undefined);
		assert.deepEqual(store.listSessions('carol'), []);
		assert.equal(store.countSessions('ada'), 2);
		assert.equal(store.countSessions('bob'), 1);

		for (let index = 0; index < 5; index++) store.createSession('ada', 'gpt-4o');
		const all = store.listSessions('ada').map(session => session.id);
		assert.equal(all.length, 7);
		assert.deepEqual(store.listSessions('ada', {limit: 3}).map(session => session.id), all.slice(0, 3));
		assert.deepEqual(store.listSessions('ada', {limit: 3, offset: 3}).map(session => session.id), all.slice(3, 6));
		assert.deepEqual(store.listSessions('ada', {offset: 6}).map(session => session.id), all.slice(6));
		assert.throws(() => store.listSessions('ada', {limit: -1}), /limit must be a whole number/);
		await store.close();
	});

	test('titles: the given name, else the first line of the first user message, else empty', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const session = store.createSession('ada', 'gpt-4o');
		store.appendMessage(session.id, {role: 'system', content: 'You are terse.'});
		assert.equal(store.getSession(session.id)?.session.title, '');
		store.appendMessage(session.id, {role: 'user', content: '\n   Explain   tail calls  \nin detail please'});
		store.appendMessage(session.id, {role: 'user', content: 'Second question'});
		assert.equal(store.getSession(session.id)?.session.title, 'Explain tail calls');

		const long = store.createSession('ada', 'gpt-4o');
		store.appendMessage(long.id, {role: 'user', content: `${'word '.repeat(40)}end`});
		const title = store.getSession(long.id)!.session.title;
		assert.equal(Array.from(title).length, 80);
		assert.ok(title.endsWith('…'));

		store.renameSession(session.id, '  Tail\ncalls  ');
		assert.equal(store.listSessions('ada').find(summary => summary.id === session.id)?.title, 'Tail calls');
		store.renameSession(session.id, '   ');
		assert.equal(store.getSession(session.id)?.session.title, 'Explain tail calls', 'an empty name brings back the first message');
		await store.close();
	});

	test('renames and deletes survive a reopen; a deleted session takes its messages with it', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await openSessionStore(path);
		const kept = store.createSession('ada', 'gpt-4o');
		const gone = store.createSession('ada', 'gpt-4o');
		store.appendMessage(gone.id, {role: 'user', content: 'unique-marker-text'});
		store.renameSession(kept.id, 'Kept');
		store.deleteSession(gone.id);
		assert.equal(store.getSession(gone.id), undefined);
		assert.equal(store.searchSessions('ada', 'unique-marker-text').total, 0);
		await store.close();

		const again = await openSessionStore(path);
		assert.deepEqual(again.listSessions('ada').map(session => [session.id, session.title]), [[kept.id, 'Kept']]);
		assert.equal(again.getSession(gone.id), undefined);
		await again.close();
	});

	test('unknown ids: reads say undefined, changes throw one clear sentence', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const id = '00000000-0000-4000-8000-000000000000';
		assert.equal(store.getSession(id), undefined);
		for (const change of [
			() => store.appendMessage(id, {role: 'user', content: 'hi'}),
			() => {
				store.renameSession(id, 'x');
			},
			() => {
				store.deleteSession(id);
			},
		]) {
			assert.throws(change, (error: unknown) => error instanceof StoreError && error.kind === 'unknown-session' && error.message === `There is no session ${id}; it may have been deleted.`);
		}
		const session = store.createSession('ada', 'gpt-4o');
		// @ts-expect-error -- a role the type does not allow, as untyped callers could send
		assert.throws(() => store.appendMessage(session.id, {role: 'tool', content: 'x'}), /role must be user, assistant or system/);
		await store.close();
		assert.throws(() => store.listSessions('ada'), (error: unknown) => error instanceof StoreError && error.kind === 'closed');
		await store.close(); // closing twice is harmless
	});
});
