import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {openSessionStore} from '../../source/store/index.js';
import {tempFolder} from './temp-folder.js';

const replacement = '\uFFFD';

function count(text: string, character: string): number {
	return [...text].filter(each => each === character).length;
}

test('a lone surrogate becomes exactly one U+FFFD, the same before and after reopening; paired ones are kept', async () => {
	const path = join(await tempFolder(), 'agents.db');
	const store = await openSessionStore(path);
	const session = store.createSession('ada', 'gpt-4o');
	const cut = `A reply cut inside an emoji: ${'😀'.slice(0, 1)}!`;
	const stored = store.appendMessage(session.id, {role: 'assistant', content: cut, status: 'error', error: `failed at ${'😀'.slice(1)}`}).message;
	store.appendMessage(session.id, {role: 'user', content: 'whole: 😀 and é'});
	store.renameSession(session.id, `name ${'😀'.slice(0, 1)}`);
	assert.equal(stored.content, `A reply cut inside an emoji: ${replacement}!`);
	assert.equal(count(stored.content, replacement), 1);
	assert.equal(stored.error, `failed at ${replacement}`);
	const before = store.getSession(session.id)!;
	await store.close();

	const again = await openSessionStore(path);
	const after = again.getSession(session.id)!;
	assert.deepEqual(after.messages, before.messages, 'the same text after reopening');
	assert.equal(after.messages[0]!.content, `A reply cut inside an emoji: ${replacement}!`);
	assert.equal(after.messages[1]!.content, 'whole: 😀 and é');
	assert.equal(after.session.title, `name ${replacement}`);
	assert.ok(after.messages.every(message => message.content.isWellFormed()));
	await again.close();
});
