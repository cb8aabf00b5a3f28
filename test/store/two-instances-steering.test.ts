// Two instances on one file racing the steering writes: regenerate, undo and fork merge without losing a message.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {tempFolder} from './temp-folder.js';

/** A file with one session "q1 a1 q2 a2", and two instances open on it. */
async function twoInstances(): Promise<{path: string; id: string; a: SqlJsSessionStore; b: SqlJsSessionStore}> {
	const path = join(await tempFolder(), 'agents.db');
	const a = await SqlJsSessionStore.open(path);
	const {id} = a.createSession('ada', 'gpt-4o');
	for (const [role, content] of [['user', 'q1'], ['assistant', 'a1'], ['user', 'q2'], ['assistant', 'a2']] as const) a.appendMessage(id, {role, content});
	await a.save();
	const b = await SqlJsSessionStore.open(path);
	return {path, id, a, b};
}

/** The session as a fresh reader of the file sees it: content, * for superseded. */
async function onDisk(path: string, id: string): Promise<string[] | undefined> {
	const reader = await SqlJsSessionStore.open(path);
	const opened = reader.getSession(id);
	await reader.close();
	if (opened === undefined) return undefined;
	assert.equal(opened.session.messageCount, opened.messages.filter(message => !message.superseded).length);
	return opened.messages.map(message => `${message.content}${message.superseded ? '*' : ''}`);
}

describe('two instances racing regenerate, undo and fork', () => {
	// Each instance makes its change on what it last read, so the second one saved merges the first.
	for (const first of ['regenerate', 'undo'] as const) {
		test(`one regenerates the last reply while the other undoes that exchange (${first} saved first): the new reply keeps its question`, async () => {
			const {path, id, a, b} = await twoInstances();
			const regenerate = async () => {
				a.appendAlternative(id, {content: 'b2'});
				await a.save();
			};
			const undo = async () => {
				b.undoLastExchange(id);
				await b.save();
			};
			for (const step of first === 'regenerate' ? [regenerate, undo] : [undo, regenerate]) await step();
			const merged = first === 'regenerate' ? b : a;
			assert.equal(merged.stats.merges, 1);
			const expected = ['q1', 'a1', 'q2', 'b2']; // either way round
			assert.deepEqual(merged.getSession(id)?.messages.map(message => message.content), expected, 'the instance that merged shows it');
			await Promise.all([a.close(), b.close()]);
			assert.deepEqual(await onDisk(path, id), expected);
		});
	}

	test('both regenerate the same reply: every reply is kept, the one saved last is current, and each is found by search', async () => {
		const {path, id, a, b} = await twoInstances();
		a.appendAlternative(id, {content: 'from a'});
		await a.save(); // before b's change: each change schedules its own save, and b's must not take the lock first
		b.appendAlternative(id, {content: 'from b'}); // on what b last read, without a's
		await b.save();
		await Promise.all([a.close(), b.close()]);
		assert.deepEqual(await onDisk(path, id), ['q1', 'a1', 'q2', 'a2*', 'from a*', 'from b']);
		const reader = await SqlJsSessionStore.open(path);
		assert.equal(reader.searchSessions('ada', 'from').hits[0]?.matchingMessages, 2);
		await reader.close();
	});

	test('one forks a session while the other deletes it: the fork is kept whole, the delete stands', async () => {
		const {path, id, a, b} = await twoInstances();
		const q2 = a.getSession(id)!.messages[2]!;
		b.deleteSession(id);
		await b.save();
		const fork = a.forkSession(id, q2.id, 'q2, edited');
		await a.save();
		assert.equal(a.getSession(id), undefined, 'the delete reached the instance that forked');
		await Promise.all([a.close(), b.close()]);
		assert.equal(await onDisk(path, id), undefined);
		assert.deepEqual(await onDisk(path, fork.session.id), ['q1', 'a1', 'q2, edited']);
	});

	test('one flips back to the first reply while the other goes on talking in the same session', async () => {
		const {path, id, a, b} = await twoInstances();
		a.appendAlternative(id, {content: 'b2'});
		await a.save();
		b.setModel(id, 'llama3');
		await b.save(); // merges: b now has b2 too
		assert.deepEqual(b.alternativesOf(b.getSession(id)!.messages[3]!.id).map(message => message.content), ['a2', 'b2']);
		const a2 = b.getSession(id)!.messages[3]!;
		b.chooseAlternative(a2.id);
		a.appendMessage(id, {role: 'user', content: 'q3'});
		await a.save();
		await b.save();
		await Promise.all([a.close(), b.close()]);
		assert.deepEqual(await onDisk(path, id), ['q1', 'a1', 'q2', 'a2', 'b2*', 'q3']);
	});
});
