import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {openSessionStore} from '../../source/store/index.js';
import {generateDatabase} from '../support/generate-db.js';
import {tempFolder} from './temp-folder.js';

test('generateDatabase builds a database the store opens, with the sessions and messages asked for', async () => {
	const path = join(await tempFolder(), 'generated.db');
	await generateDatabase(path, {sessions: 12, messagesPerSession: 6, user: 'gen'});
	const store = await openSessionStore(path);
	assert.equal(store.countSessions('gen'), 12);
	assert.equal(store.countSessions('user'), 0);
	const sessions = store.listSessions('gen');
	assert.ok(sessions.every(session => session.messageCount === 6 && session.title !== ''));
	assert.ok(sessions.some(session => session.title.startsWith('Named session')));
	assert.ok(sessions.every((session, index) => index === 0 || session.updatedAt <= sessions[index - 1]!.updatedAt));
	const {messages} = store.getSession(sessions[0]!.id)!;
	assert.deepEqual(messages.map(message => message.role), ['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
	assert.match(messages[1]!.content, /^## /);
	assert.equal(messages[1]!.usage?.completionTokens, 300);
	await store.close();
});
