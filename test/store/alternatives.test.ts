import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {openSessionStore, StoreError} from '../../source/store/index.js';
import type {StoredMessage} from '../../source/store/index.js';
import {tempFolder} from './temp-folder.js';

/** Each message as the transcript would label it: content, with * for a superseded alternative. */
function shown(messages: readonly StoredMessage[]): string[] {
	return messages.map(message => `${message.content}${message.superseded ? '*' : ''}`);
}

describe('regenerated replies (alternatives)', () => {
	test('regenerating keeps the replaced reply as a superseded alternative of the same turn', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await openSessionStore(path);
		const {id} = store.createSession('ada', 'gpt-4o');
		store.appendMessage(id, {role: 'user', content: 'q1'});
		store.appendMessage(id, {role: 'assistant', content: 'a1'});
		store.appendMessage(id, {role: 'user', content: 'q2'});
		const first = store.appendMessage(id, {role: 'assistant', content: 'a2'}).message;

		const again = store.appendAlternative(id, {content: 'a2 again', usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}});
		assert.deepEqual(shown(again.messages), ['q1', 'a1', 'q2', 'a2*', 'a2 again']);
		assert.deepEqual([again.message.role, again.message.superseded, again.message.usage?.totalTokens], ['assistant', false, 3]);
		assert.equal(again.session.messageCount, 4, 'the count leaves superseded replies out');
		assert.equal(again.session.updatedAt, again.message.createdAt);
		const third = store.appendAlternative(id, {content: 'a2 third', status: 'stopped'});
		assert.deepEqual(shown(third.messages), ['q1', 'a1', 'q2', 'a2*', 'a2 again*', 'a2 third']);
		assert.deepEqual(shown(store.alternativesOf(first.id)), ['a2*', 'a2 again*', 'a2 third'], 'asked with a reply');
		assert.deepEqual(store.alternativesOf(third.messages[2]!.id), store.alternativesOf(first.id), 'or with the question');
		assert.deepEqual(shown(store.alternativesOf(third.messages[0]!.id)), ['a1']);
		assert.deepEqual(store.alternativesOf(987_654), []);
		await store.close();

		const reopened = await openSessionStore(path);
		assert.deepEqual(shown(reopened.getSession(id)!.messages), ['q1', 'a1', 'q2', 'a2*', 'a2 again*', 'a2 third']);
		assert.equal(reopened.getSession(id)!.session.messageCount, 4);
		await reopened.close();
	});

	test('flipping makes another alternative current, in any turn', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const {id} = store.createSession('ada', 'gpt-4o');
		store.appendMessage(id, {role: 'user', content: 'q1'});
		const a1 = store.appendMessage(id, {role: 'assistant', content: 'a1'}).message;
		store.appendAlternative(id, {content: 'b1'});
		store.appendMessage(id, {role: 'user', content: 'q2'});
		store.appendMessage(id, {role: 'assistant', content: 'a2'});
		const flipped = store.chooseAlternative(a1.id);
		assert.deepEqual(shown(flipped.messages), ['q1', 'a1', 'b1*', 'q2', 'a2']);
		assert.equal(flipped.session.messageCount, 4);
		assert.deepEqual(shown(store.chooseAlternative(a1.id).messages), ['q1', 'a1', 'b1*', 'q2', 'a2'], 'choosing the current one changes nothing');
		assert.throws(() => store.chooseAlternative(flipped.messages[0]!.id), /Only a reply can be chosen/);
		assert.throws(() => store.chooseAlternative(987_654), (error: unknown) => error instanceof StoreError && error.kind === 'unknown-message');
		await store.close();
	});

	test('a failed reply is superseded when retried, so it no longer stands as the turn\'s answer', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const {id} = store.createSession('ada', 'gpt-4o');
		store.appendMessage(id, {role: 'user', content: 'q'});
		store.appendMessage(id, {role: 'assistant', content: '', status: 'error', error: 'Cannot connect.'});
		const retried = store.appendAlternative(id, {content: 'the answer'});
		assert.deepEqual(retried.messages.map(message => [message.status, message.superseded]), [['complete', false], ['error', true], ['complete', false]]);
		await store.close();
	});

	test('regenerating a turn with no reply yet just answers it; a session with no question cannot be regenerated', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const {id} = store.createSession('ada', 'gpt-4o');
		assert.throws(() => store.appendAlternative(id, {content: 'x'}), /no message to answer/);
		store.appendMessage(id, {role: 'user', content: 'q (the app quit before the reply)'});
		assert.deepEqual(shown(store.appendAlternative(id, {content: 'a'}).messages), ['q (the app quit before the reply)', 'a']);
		assert.throws(() => store.appendAlternative('no-such-session', {content: 'x'}), (error: unknown) => error instanceof StoreError && error.kind === 'unknown-session');
		await store.close();
	});
});
