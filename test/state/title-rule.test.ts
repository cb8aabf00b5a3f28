// One title rule: the store computes a session's title and summary; the reducer shows what the store returned.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {chatReducer, createInitialState} from '../../source/state/chat-state.js';
import {openSessionStore} from '../../source/store/index.js';
import {tempFolder} from '../store/temp-folder.js';

test('the chat shows the title the picker lists, whitespace and length included', async () => {
	const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
	const created = store.createSession('ada', 'gpt-4o');
	let state = chatReducer(createInitialState(), {type: 'sessionOpened', session: created, messages: [], resumed: false});
	// Before the store computed titles, the reducer made this "Why   does\tthis xxx…" (80 UTF-16 units, tab and all).
	const question = store.appendMessage(created.id, {role: 'user', content: `Why   does\tthis ${'x'.repeat(100)}\nsecond line`});
	state = chatReducer(state, {type: 'userMessageAdded', ...question});
	const reply = store.appendMessage(created.id, {role: 'assistant', content: 'Because.'});
	state = chatReducer(state, {type: 'streamEnded', ...reply});

	const [listed] = store.listSessions('ada');
	assert.deepEqual(state.session, listed);
	assert.match(listed!.title, /^Why does this x+…$/);
	assert.equal(Array.from(listed!.title).length, 80);
	assert.equal(state.session?.messageCount, 2);
	assert.equal(state.session?.updatedAt, reply.message.createdAt);

	state = chatReducer(state, {type: 'sessionRenamed', session: store.renameSession(created.id, '  Tabs\tand   spaces ')});
	assert.equal(state.session?.title, 'Tabs and spaces');
	assert.deepEqual(state.session, store.listSessions('ada')[0]);
	await store.close();
});
