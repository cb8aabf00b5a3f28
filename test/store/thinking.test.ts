// A reply's thinking is stored with it, apart from its content: through saves, reopens, and the merge of two instances.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {replay} from '../../source/store/journal.js';
import {insertMessage, insertSession, toRecord} from '../../source/store/mutations.js';
import {getSession} from '../../source/store/queries.js';
import {openDatabase} from '../../source/store/schema.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {loadSqlJs} from '../../source/store/sqljs.js';
import {tempFolder} from './temp-folder.js';

const thoughts = (path: string, id: string, reader: SqlJsSessionStore) =>
	reader.getSession(id)?.messages.map(message => [message.content, message.thinking, message.thinkingMs]) ?? assert.fail(`no session ${id} in ${path}`);

describe('thinking in the store', () => {
	test('kept with the reply, apart from its content, across a reopen; none for messages without it', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await SqlJsSessionStore.open(path);
		const session = store.createSession('ada', 'deepseek-reasoner');
		const user = store.appendMessage(session.id, {role: 'user', content: 'Is 9.11 > 9.8?'}).message;
		const reply = store.appendMessage(session.id, {role: 'assistant', content: 'No.', thinking: 'Compare 0.11 and 0.80.', thinkingMs: 4200}).message;
		assert.deepEqual([user.thinking, user.thinkingMs], [null, null]);
		assert.deepEqual([reply.content, reply.thinking, reply.thinkingMs], ['No.', 'Compare 0.11 and 0.80.', 4200]);
		// A duration without thinking means nothing: not kept.
		const plain = store.appendMessage(session.id, {role: 'assistant', content: 'Plain.', thinkingMs: 10}).message;
		assert.equal(plain.thinkingMs, null);
		await store.close();

		const again = await SqlJsSessionStore.open(path);
		assert.deepEqual(thoughts(path, session.id, again), [
			['Is 9.11 > 9.8?', null, null],
			['No.', 'Compare 0.11 and 0.80.', 4200],
			['Plain.', null, null],
		]);
		await again.close();
	});

	test('thinking that is not text is refused with one sentence', async () => {
		const store = await SqlJsSessionStore.open(join(await tempFolder(), 'agents.db'));
		const session = store.createSession('ada', 'm');
		assert.throws(() => store.appendMessage(session.id, {role: 'assistant', content: 'x', thinking: 42 as unknown as string}), {message: 'A message\'s thinking must be text.'});
		await store.close();
	});

	test('two instances on one file: each one\'s thinking survives the other\'s merge', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const a = await SqlJsSessionStore.open(path);
		const b = await SqlJsSessionStore.open(path);
		const shared = a.createSession('ada', 'm');
		await a.save();
		// Made after a's save, so b's save of it merges the file (a change saved before a's would be on disk already,
		// and a save with nothing to write does not look at the file).
		b.createSession('ada', 'm');
		await b.save(); // merges: b now knows the shared session
		// Each append schedules its own save at once: b appends only after a's save, or on a busy machine b's could take the lock first.
		a.appendMessage(shared.id, {role: 'assistant', content: 'from a', thinking: 'a thinks', thinkingMs: 1});
		await a.save();
		b.appendMessage(shared.id, {role: 'assistant', content: 'from b', thinking: 'b thinks', thinkingMs: 2}); // b has not seen a's
		await b.save(); // replays b's append onto the file a wrote
		await a.close();
		await b.close();
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(thoughts(path, shared.id, reader), [['from a', 'a thinks', 1], ['from b', 'b thinks', 2]]);
		await reader.close();
	});

	test('a journal replay carries the thinking, and so does a session restored after a delete elsewhere', async () => {
		const SQL = await loadSqlJs();
		const session = {id: 'S', userId: 'ada', model: 'm', systemPrompt: null, createdAt: 1};
		const answer = toRecord({role: 'assistant', content: 'answer', thinking: 'reasons', thinkingMs: 7}, 2);
		const later = toRecord({role: 'user', content: 'later'}, 3);
		// Ours: S with both messages (the answer already saved, "later" still in the journal).
		const previous = openDatabase(SQL, undefined, 'previous.db').db;
		insertSession(previous, session);
		insertMessage(previous, 'S', answer);
		insertMessage(previous, 'S', later);

		const target = openDatabase(SQL, undefined, 'target.db').db;
		insertSession(target, session);
		replay([{seq: 1, kind: 'append', sessionId: 'S', message: answer}], target, previous);
		assert.deepEqual(getSession(target, 'S')?.messages.map(message => [message.thinking, message.thinkingMs]), [['reasons', 7]]);

		// The file as another instance left it: S deleted. Our append brings S back whole, from `previous`.
		const elsewhere = openDatabase(SQL, undefined, 'elsewhere.db').db;
		replay([{seq: 2, kind: 'append', sessionId: 'S', message: later}], elsewhere, previous);
		assert.deepEqual(getSession(elsewhere, 'S')?.messages.map(message => [message.content, message.thinking, message.thinkingMs]), [['answer', 'reasons', 7], ['later', null, null]]);
	});
});
