import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {runChild} from './child.js';
import {tempFolder} from './temp-folder.js';

async function contents(path: string, sessionId: string): Promise<string[]> {
	const reader = await SqlJsSessionStore.open(path);
	const session = reader.getSession(sessionId);
	await reader.close();
	assert.ok(session, `session ${sessionId} is in the file`);
	assert.deepEqual(session.messages.map(message => message.position), session.messages.map((_, index) => index), 'positions have no gaps');
	assert.equal(session.session.messageCount, session.messages.length);
	return session.messages.map(message => message.content);
}

/** The messages of `all` that start with `label`, which must keep the order they were written in. */
function written(all: string[], label: string, count: number): void {
	assert.deepEqual(all.filter(content => content.startsWith(`${label} `)), Array.from({length: count}, (_, index) => `${label} ${index}`));
}

describe('two instances on one file', () => {
	test('in one process, interleaving appends and saves to their own and to a shared session, lose nothing', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const a = await SqlJsSessionStore.open(path);
		const b = await SqlJsSessionStore.open(path);
		const ownA = a.createSession('ada', 'gpt-4o');
		const ownB = b.createSession('ada', 'gpt-4o');
		const shared = a.createSession('ada', 'gpt-4o');
		await a.save();
		// A change of b's own, saved after a's: that save merges (b's first sessions may already be on disk by its own
		// automatic save, before a's, and a save with nothing to write does not look at the file).
		b.renameSession(ownB.id, 'b\'s own');
		await b.save(); // merges: b now knows a's sessions
		assert.ok(b.getSession(shared.id), 'a merge brings in the other instance\'s sessions');
		assert.equal(b.countSessions('ada'), 3);

		for (let index = 0; index < 12; index++) {
			a.appendMessage(ownA.id, {role: 'user', content: `a ${index}`});
			b.appendMessage(ownB.id, {role: 'user', content: `b ${index}`});
			a.appendMessage(shared.id, {role: 'user', content: `shared-a ${index}`});
			b.appendMessage(shared.id, {role: 'assistant', content: `shared-b ${index}`});
			switch (index % 3) {
				case 0: {
					await Promise.all([a.save(), b.save()]);
					break;
				}
				case 1: {
					await b.save();
					break;
				}
				default: {
					await a.save();
				}
			}
		}
		await a.save();
		b.appendMessage(ownB.id, {role: 'user', content: 'b 12'});
		await b.save();
		assert.ok(a.stats.merges + b.stats.merges >= 12, `merged ${a.stats.merges + b.stats.merges} times`);
		// After a save that merged, an instance shows the other's messages too, in the file's order.
		assert.deepEqual(b.getSession(shared.id)?.messages.map(message => message.content), await contents(path, shared.id));
		await Promise.all([a.close(), b.close()]);

		written(await contents(path, ownA.id), 'a', 12);
		written(await contents(path, ownB.id), 'b', 13);
		const sharedMessages = await contents(path, shared.id);
		assert.equal(sharedMessages.length, 24);
		written(sharedMessages, 'shared-a', 12);
		written(sharedMessages, 'shared-b', 12);
	});

	test('two instances creating the same new file at once both work on it', async () => {
		const path = join(await tempFolder(), 'new', 'agents.db');
		const [a, b] = await Promise.all([SqlJsSessionStore.open(path), SqlJsSessionStore.open(path)]);
		const fromA = a.createSession('ada', 'gpt-4o');
		const fromB = b.createSession('ada', 'gpt-4o');
		await Promise.all([a.close(), b.close()]);
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(new Set(reader.listSessions('ada').map(session => session.id)), new Set([fromA.id, fromB.id]));
		await reader.close();
	});

	test('a session deleted in one instance while the other still appends to it comes back with every message', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const a = await SqlJsSessionStore.open(path);
		const session = a.createSession('ada', 'gpt-4o');
		const renamedOnly = a.createSession('ada', 'gpt-4o');
		a.appendMessage(session.id, {role: 'user', content: 'first'});
		await a.save();
		const b = await SqlJsSessionStore.open(path);

		a.deleteSession(session.id);
		a.deleteSession(renamedOnly.id);
		await a.save();
		b.appendMessage(session.id, {role: 'assistant', content: 'reply written after the delete'});
		b.renameSession(renamedOnly.id, 'A rename loses to the delete');
		await b.save();
		assert.equal(b.getSession(renamedOnly.id), undefined);
		await Promise.all([a.close(), b.close()]);

		assert.deepEqual(await contents(path, session.id), ['first', 'reply written after the delete']);
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(reader.listSessions('ada').map(summary => summary.id), [session.id]);
		await reader.close();
	});

	test('two processes appending to one session, each saving after every message, lose nothing', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path);
		const shared = store.createSession('ada', 'gpt-4o');
		const own = store.createSession('ada', 'gpt-4o');
		await store.save();

		const children = Promise.all([runChild('append', path, shared.id, 'x', '15'), runChild('append', path, shared.id, 'y', '15')]);
		for (let index = 0; index < 15; index++) {
			store.appendMessage(own.id, {role: 'user', content: `own ${index}`});
			await store.save();
		}
		const results = await children;
		for (const result of results) assert.equal(result.code, 0, result.output);
		await store.close();

		const messages = await contents(path, shared.id);
		assert.equal(messages.length, 30);
		written(messages, 'x', 15);
		written(messages, 'y', 15);
		written(await contents(path, own.id), 'own', 15);
	});
});
