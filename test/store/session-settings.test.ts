import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {openSessionStore, StoreError} from '../../source/store/index.js';
import {tempFolder} from './temp-folder.js';

describe('per-session model and system prompt', () => {
	test('new sessions take the defaults; each session keeps its own, across a reopen', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await openSessionStore(path);
		const plain = store.createSession('ada', 'gpt-4o');
		assert.deepEqual([plain.model, plain.systemPrompt], ['gpt-4o', null], 'no system prompt given: the app\'s default applies');
		const own = store.createSession('ada', 'llama3', 'Answer in French.');
		assert.deepEqual([own.model, own.systemPrompt], ['llama3', 'Answer in French.']);

		const changed = store.setModel(plain.id, '  qwen2.5:7b ');
		assert.equal(changed.model, 'qwen2.5:7b');
		assert.equal(changed.updatedAt, plain.updatedAt, 'a setting is not activity');
		assert.equal(store.setSystemPrompt(plain.id, 'Be terse.\nUse lists.').systemPrompt, 'Be terse.\nUse lists.', 'kept exactly, lines and all');
		assert.equal(store.setSystemPrompt(own.id, '').systemPrompt, '', 'empty: send none');
		assert.throws(() => store.setModel(plain.id, '  '), /A model name cannot be empty/);
		for (const change of [() => store.setModel('nope', 'x'), () => store.setSystemPrompt('nope', null)]) {
			assert.throws(change, (error: unknown) => error instanceof StoreError && error.kind === 'unknown-session');
		}
		await store.close();

		const again = await openSessionStore(path);
		assert.deepEqual(again.listSessions('ada').map(session => [session.model, session.systemPrompt]), [['llama3', ''], ['qwen2.5:7b', 'Be terse.\nUse lists.']]);
		assert.equal(again.setSystemPrompt(plain.id, null).systemPrompt, null, 'back to the default');
		await again.close();
	});

	test('recently used models: each once, the most recently active first, one user\'s', async () => {
		const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
		const first = store.createSession('ada', 'gpt-4o');
		store.createSession('ada', 'llama3');
		store.createSession('bob', 'mistral');
		const third = store.createSession('ada', 'qwen');
		store.appendMessage(first.id, {role: 'user', content: 'back to gpt-4o'});
		store.createSession('ada', 'gpt-4o');
		assert.deepEqual(store.recentModels('ada'), ['gpt-4o', 'qwen', 'llama3']);
		assert.deepEqual(store.recentModels('ada', 2), ['gpt-4o', 'qwen']);
		store.setModel(third.id, 'phi3');
		store.appendMessage(third.id, {role: 'user', content: 'now on phi3'});
		assert.deepEqual(store.recentModels('ada'), ['phi3', 'gpt-4o', 'llama3']);
		assert.deepEqual(store.recentModels('carol'), []);
		assert.throws(() => store.recentModels('ada', -1), /limit must be a whole number/);
		await store.close();
	});
});
