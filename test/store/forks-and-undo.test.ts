import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {openSessionStore, StoreError} from '../../source/store/index.js';
import type {SessionStore, StoredMessage} from '../../source/store/index.js';
import {tempFolder} from './temp-folder.js';

function shown(messages: readonly StoredMessage[]): string[] {
	return messages.map(message => `${message.content}${message.superseded ? '*' : ''}`);
}

/** q1 a1 q2 a2* b2 q3 a3, model "m", system prompt "Be brief." */
function conversation(store: SessionStore): string {
	const {id} = store.createSession('ada', 'm', 'Be brief.');
	store.appendMessage(id, {role: 'user', content: 'q1'});
	store.appendMessage(id, {role: 'assistant', content: 'a1'});
	store.appendMessage(id, {role: 'user', content: 'q2'});
	store.appendMessage(id, {role: 'assistant', content: 'a2'});
	store.appendAlternative(id, {content: 'b2'});
	store.appendMessage(id, {role: 'user', content: 'q3'});
	store.appendMessage(id, {role: 'assistant', content: 'a3'});
	return id;
}

describe('forks', () => {
	test('a fork copies what came before the edited message, then the edited one, and leaves the original alone', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await openSessionStore(path);
		const id = conversation(store);
		const before = store.getSession(id)!;
		const q3 = before.messages.find(message => message.content === 'q3')!;

		const fork = store.forkSession(id, q3.id, 'q3, edited');
		assert.deepEqual(shown(fork.messages), ['q1', 'a1', 'q2', 'a2*', 'b2', 'q3, edited'], 'alternatives come along');
		assert.notEqual(fork.session.id, id);
		assert.equal(fork.session.title, 'q1 (fork)');
		assert.deepEqual(fork.session.forkedFrom, {sessionId: id, position: q3.position});
		assert.deepEqual([fork.session.userId, fork.session.model, fork.session.systemPrompt], ['ada', 'm', 'Be brief.']);
		assert.equal(fork.session.messageCount, 5);
		assert.deepEqual(fork.messages.map(message => message.position), [0, 1, 2, 3, 4, 5]);
		assert.ok(fork.messages.every(message => message.sessionId === fork.session.id));
		assert.deepEqual(store.getSession(id), before, 'the original is untouched');
		assert.deepEqual(store.listSessions('ada').map(session => [session.id, session.forkedFrom?.sessionId ?? null]), [[fork.session.id, id], [id, null]]);
		await store.close();

		const again = await openSessionStore(path);
		assert.deepEqual(again.getSession(fork.session.id), fork);
		await again.close();
	});

	test('forking at the first message, forking a named session, and what cannot be forked', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const id = conversation(store);
		const [q1, a1] = store.getSession(id)!.messages;
		const atStart = store.forkSession(id, q1!.id, 'q1, edited');
		assert.deepEqual(shown(atStart.messages), ['q1, edited']);
		assert.equal(atStart.session.title, 'q1 (fork)');
		store.renameSession(atStart.session.id, 'Named');
		assert.equal(store.forkSession(atStart.session.id, atStart.messages[0]!.id, 'again').session.title, 'Named (fork)');
		assert.throws(() => store.forkSession(id, a1!.id, 'x'), /Only a user message can be edited into a fork/);
		assert.throws(() => store.forkSession(id, atStart.messages[0]!.id, 'x'), (error: unknown) => error instanceof StoreError && error.kind === 'unknown-message', 'a message of another session');
		assert.throws(() => store.forkSession('nope', q1!.id, 'x'), (error: unknown) => error instanceof StoreError && error.kind === 'unknown-session');
		await store.close();
	});
});

describe('undo', () => {
	test('deletes the last exchange with its alternatives, and says what went', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await openSessionStore(path);
		const {id} = store.createSession('ada', 'm');
		store.appendMessage(id, {role: 'user', content: 'q1'});
		store.appendMessage(id, {role: 'assistant', content: 'a1'});
		store.appendMessage(id, {role: 'user', content: 'q2'});
		store.appendMessage(id, {role: 'assistant', content: 'a2', status: 'error', error: 'Cannot connect.'});
		store.appendAlternative(id, {content: 'b2'});
		const undone = store.undoLastExchange(id);
		assert.deepEqual(shown(undone.removed), ['q2', 'a2*', 'b2']);
		assert.deepEqual(shown(undone.messages), ['q1', 'a1']);
		assert.equal(undone.session.messageCount, 2);
		assert.equal(undone.session.title, 'q1');

		const first = store.undoLastExchange(id);
		assert.deepEqual(shown(first.removed), ['q1', 'a1']);
		assert.equal(first.session.title, '', 'no message left to title it');
		assert.equal(first.session.messageCount, 0);
		const nothing = store.undoLastExchange(id);
		assert.deepEqual(nothing.removed, []);
		assert.throws(() => store.undoLastExchange('nope'), (error: unknown) => error instanceof StoreError && error.kind === 'unknown-session');
		store.appendMessage(id, {role: 'user', content: 'fresh start'});
		await store.close();

		const again = await openSessionStore(path);
		assert.deepEqual(shown(again.getSession(id)!.messages), ['fresh start']);
		assert.equal(again.getSession(id)!.session.title, 'fresh start');
		await again.close();
	});

	test('an unanswered last message is an exchange too', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const {id} = store.createSession('ada', 'm');
		store.appendMessage(id, {role: 'user', content: 'q1'});
		store.appendMessage(id, {role: 'assistant', content: 'a1'});
		store.appendMessage(id, {role: 'user', content: 'q2, never answered'});
		assert.deepEqual(shown(store.undoLastExchange(id).removed), ['q2, never answered']);
		await store.close();
	});
});
