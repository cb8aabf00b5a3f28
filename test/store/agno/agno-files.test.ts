import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {buildRequest} from '../../../source/llm/history.js';
import {openSessionStore, storedSystemPrompt, StoreError} from '../../../source/store/index.js';
import type {StoredMessage} from '../../../source/store/index.js';
import {loadSqlJs} from '../../../source/store/sqljs.js';
import {agnoLastPanel, agnoRequests, agnoVersions, copyAgnoFile, dumpTables, fixtureFacts, hasSqlite3, makeAgno14File, sqlite3} from '../../support/agno-files.js';
import {fileState, tempFolder} from '../temp-folder.js';

const roleAndContent = (messages: readonly StoredMessage[]) => messages.map(({role, content}) => ({role, content}));
const noSqlite = hasSqlite3 ? false : 'the sqlite3 shell is not installed';

for (const version of agnoVersions) {
	const facts = fixtureFacts[version];

	describe(`an Agno ${version} file`, () => {
		test('lists each user\'s Agno session, marked as Agno, with its first message as title; nobody else\'s', async () => {
			const path = await copyAgnoFile(version, await tempFolder());
			const before = await fileState(path);
			const store = await openSessionStore(path);
			const [ada, ...more] = store.listSessions('ada');
			assert.deepEqual(more, []);
			assert.equal(ada?.id, facts.ada);
			assert.equal(ada.origin, 'agno');
			assert.equal(ada.title, 'm1');
			assert.equal(ada.userId, 'ada');
			assert.equal(ada.model, 'gpt-4o');
			assert.equal(ada.messageCount, 15, 'the system message and seven exchanges');
			assert.ok(ada.updatedAt > ada.createdAt);
			assert.deepEqual(store.listSessions('bob').map(session => session.id), [facts.bob]);
			assert.deepEqual(store.listSessions('user'), []);
			assert.equal(store.countSessions('ada'), 1);
			assert.equal(store.latestSession('bob')?.id, facts.bob);
			assert.equal(store.agnoSkipped('ada'), undefined);
			const found = store.searchSessions('ada', 'echo m5');
			assert.deepEqual(found.hits.map(hit => hit.session.id), [facts.ada], 'the search reads Agno messages too');
			assert.match(found.hits[0]!.snippet!.text, /ECHO\(8\): m5/i);
			assert.equal(store.searchSessions('bob', 'm5').total, 0);
			await store.close();
			assert.ok((await fileState(path)).bytes.equals(before.bytes), 'reading an Agno file does not write it');
		});

		test('names the other users with sessions in the file, Agno\'s and ours, most recently active first', async () => {
			const store = await openSessionStore(await copyAgnoFile(version, await tempFolder()));
			const agnoOrder = store.otherUsers('user');
			assert.deepEqual([...agnoOrder].sort(), ['ada', 'bob']);
			assert.deepEqual(store.otherUsers('ada'), ['bob']);
			store.createSession('carol', 'gpt-4o');
			assert.deepEqual(store.otherUsers('user'), ['carol', ...agnoOrder], 'carol was active last');
			assert.deepEqual(store.otherUsers('user', 1), ['carol']);
			assert.deepEqual(store.otherUsers('carol'), agnoOrder);
			await store.close();
		});

		test('opens a session as Agno\'s panel shows it: the system message first, then every exchange', async () => {
			const store = await openSessionStore(await copyAgnoFile(version, await tempFolder()));
			const opened = store.getSession(facts.ada);
			assert.ok(opened);
			assert.equal(opened.session.origin, 'agno');
			// Agno's own panel after m6 (its first run); the file also holds m7 from the second run.
			const panel = await agnoLastPanel(version);
			assert.equal(panel.length, 13);
			assert.deepEqual(roleAndContent(opened.messages).slice(0, 13), panel);
			assert.deepEqual(roleAndContent(opened.messages).slice(13), [{role: 'user', content: 'm7'}, {role: 'assistant', content: 'ECHO(8): m7'}]);
			assert.ok(opened.messages.every(message => message.id < 0 && message.status === 'complete' && message.sessionId === facts.ada));
			assert.deepEqual(opened.messages[2]?.usage, {promptTokens: 10, completionTokens: 2, totalTokens: 12});
			assert.equal(opened.messages[0]?.createdAt, opened.session.createdAt);
			assert.ok(opened.messages.every(message => message.model === (message.role === 'assistant' ? 'gpt-4o' : null)), 'replies name Agno\'s model');
			await store.close();
		});

		test('our request for each message carries the window Agno sent (its request log)', async () => {
			const store = await openSessionStore(await copyAgnoFile(version, await tempFolder()));
			const sessions = {ada: store.getSession(facts.ada)!.messages, bob: store.getSession(facts.bob)!.messages};
			const logged = await agnoRequests(version);
			assert.equal(logged.length, 9);
			for (const [index, request] of logged.entries()) {
				const messages = index < 7 ? sessions.ada : sessions.bob;
				const text = request.body.messages.at(-1)!.content;
				const before = messages.slice(0, messages.findIndex(message => message.role === 'user' && message.content === text));
				const ours = buildRequest(before, text, {systemPrompt: storedSystemPrompt(messages) ?? '', exchanges: 3});
				// On purpose: Agno sends its system message with OpenAI's newer role name `developer`; we send `system`,
				// which every OpenAI-compatible server understands (many local ones do not know `developer`).
				const expected = request.body.messages.map(({role, content}) => ({role: role === 'developer' ? 'system' : role, content}));
				assert.deepEqual(ours.messages, expected, `request ${index + 1} (${text})`);
			}
			await store.close();
		});

		test('continuing a session copies it into our tables once, same id, and leaves Agno\'s tables byte for byte', {skip: noSqlite}, async () => {
			const path = await copyAgnoFile(version, await tempFolder());
			const agnoBefore = dumpTables(path, facts.tables);
			const store = await openSessionStore(path);
			const reply = store.appendMessage(facts.ada, {role: 'user', content: 'm8'}).message;
			assert.equal(reply.position, 15);
			assert.ok(reply.createdAt > store.getSession(facts.ada)!.messages[14]!.createdAt);
			store.appendMessage(facts.ada, {role: 'assistant', content: 'ECHO(8): m8'});
			const listed = store.listSessions('ada');
			assert.deepEqual(listed.map(session => [session.id, session.origin, session.messageCount]), [[facts.ada, 'agent-session', 17]], 'listed once, as ours now');
			assert.equal(listed[0]?.title, 'm1');
			await store.close();

			assert.equal(dumpTables(path, facts.tables), agnoBefore, 'Agno\'s tables are unchanged');
			assert.equal(sqlite3(path, 'PRAGMA integrity_check').trim(), 'ok');
			const again = await openSessionStore(path);
			const continued = again.getSession(facts.ada)!;
			assert.equal(continued.session.origin, 'agent-session');
			assert.deepEqual(roleAndContent(continued.messages).slice(-3), [
				{role: 'assistant', content: 'ECHO(8): m7'}, {role: 'user', content: 'm8'}, {role: 'assistant', content: 'ECHO(8): m8'},
			]);
			assert.equal(continued.messages[0]?.role, 'system');
			assert.ok(continued.messages.every(message => message.id > 0));
			// The next request: the system message Agno sent, the last three exchanges, the new message.
			const next = buildRequest(continued.messages, 'm9', {systemPrompt: storedSystemPrompt(continued.messages) ?? '', exchanges: 3});
			assert.deepEqual(next.messages.map(message => message.content), [continued.messages[0]!.content, 'm6', 'ECHO(8): m6', 'm7', 'ECHO(8): m7', 'm8', 'ECHO(8): m8', 'm9']);
			assert.deepEqual(again.listSessions('bob').map(session => session.origin), ['agno'], 'bob\'s session stays Agno\'s');
			await again.close();
			assert.equal(dumpTables(path, facts.tables), agnoBefore);
		});

		test('a rename continues it too; deleting a session that lives only in Agno\'s table is refused', async () => {
			const store = await openSessionStore(await copyAgnoFile(version, await tempFolder()));
			assert.throws(() => store.deleteSession(facts.bob), (error: unknown) => error instanceof StoreError && error.kind === 'agno-read-only' && /delete it with Agno/.test(error.message));
			store.renameSession(facts.bob, 'Bob\'s chat');
			assert.deepEqual(store.listSessions('bob').map(session => [session.title, session.origin, session.messageCount]), [['Bob\'s chat', 'agent-session', 5]]);
			await store.close();
		});
	});
}

describe('an Agno 1.4–1.7 file (memory holds only runs)', () => {
	test('reads the same sessions, skipping the history copies tagged from_history', async () => {
		const folder = await tempFolder();
		const store = await openSessionStore(await makeAgno14File(folder));
		const reference = await openSessionStore(await copyAgnoFile('v1.3.5', folder));
		for (const id of [fixtureFacts['v1.3.5'].ada, fixtureFacts['v1.3.5'].bob]) {
			const session = store.getSession(id)!;
			const expected = reference.getSession(id)!;
			assert.deepEqual(roleAndContent(session.messages), roleAndContent(expected.messages));
			assert.deepEqual(session.session, expected.session);
		}
		assert.deepEqual(store.listSessions('ada').map(session => session.title), ['m1']);
		await Promise.all([store.close(), reference.close()]);
	});
});

describe('searching beside our own sessions', () => {
	test('Agno sessions are found by the words of their messages, merged with ours by recency or relevance, paged', async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		const store = await openSessionStore(path);
		const facts = fixtureFacts['v1.3.5'];
		const ours = store.createSession('ada', 'gpt-4o');
		store.appendMessage(ours.id, {role: 'user', content: 'An echo of m5, once'});
		const recent = store.searchSessions('ada', 'echo m5');
		assert.equal(recent.total, 2);
		assert.deepEqual(recent.hits.map(hit => hit.session.id), [ours.id, facts.ada], 'most recent first');
		assert.deepEqual(store.searchSessions('ada', 'echo m5', {limit: 1, offset: 1}).hits.map(hit => hit.session.id), [facts.ada]);
		assert.deepEqual(store.searchSessions('ada', 'echo', {order: 'relevance'}).hits.map(hit => hit.session.id), [facts.ada, ours.id], 'more matching messages first');
		assert.deepEqual(store.searchSessions('ada', '').hits.map(hit => hit.session.id), [ours.id, facts.ada], 'no words: every session');
		await store.close();
	});

	test('a message of a session read from Agno\'s table can be edited into a fork (its id as read there)', async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		const store = await openSessionStore(path);
		const facts = fixtureFacts['v1.3.5'];
		const read = store.getSession(facts.ada)!;
		const m2 = read.messages.find(message => message.content === 'm2')!;
		assert.ok(m2.id < 0, 'not continued yet');
		const fork = store.forkSession(facts.ada, m2.id, 'm2, edited');
		const before = read.messages.slice(0, read.messages.indexOf(m2)).map(message => message.content);
		assert.deepEqual(fork.messages.map(message => message.content), [...before, 'm2, edited']);
		assert.equal(store.getSession(facts.ada)!.messages.length, read.messages.length, 'the original keeps every message');
		await store.close();
	});
});

describe('unreadable Agno rows', () => {
	test('are left out with a notice for their own user only, never a crash', {skip: noSqlite}, async () => {
		const folder = await tempFolder();
		const v1 = await copyAgnoFile('v1.3.5', folder);
		sqlite3(v1, `
			INSERT INTO agent_sessions (session_id, user_id, memory, created_at) VALUES ('broken-json', 'ada', '{not json', 1796220000);
			INSERT INTO agent_sessions (session_id, user_id, memory, created_at) VALUES ('no-messages', 'ada', '{"summaries": {}}', 1796220000);
			INSERT INTO agent_sessions (session_id, user_id, memory, created_at) VALUES ('odd-role', 'ada', '{"messages": [{"role": "oracle", "content": "?"}]}', 1796220000);
			INSERT INTO agent_sessions (session_id, user_id, memory, created_at) VALUES ('bobs-broken', 'bob', '[1, 2]', 1796220000);
			INSERT INTO agent_sessions (session_id, user_id, memory, created_at) VALUES ('anonymous', NULL, '{"messages": [{"role": "user", "content": "hi"}]}', 1796220000);`);
		const v2 = await copyAgnoFile('v2.9.0', folder);
		sqlite3(v2, `
			INSERT INTO agno_sessions (session_id, session_type, user_id, runs, created_at) VALUES ('team', 'team', 'ada', '"[]"', 1796220000);
			INSERT INTO agno_sessions (session_id, session_type, user_id, runs, created_at) VALUES ('bad-runs', 'agent', 'ada', '"{\\"a\\": 1}"', 1796220000);
			INSERT INTO agno_sessions (session_id, session_type, user_id, runs, created_at) VALUES ('no-runs', 'agent', 'ada', NULL, 1796220000);`);

		const first = await openSessionStore(v1);
		assert.deepEqual(first.listSessions('ada').map(session => session.id), [fixtureFacts['v1.3.5'].ada]);
		assert.equal(first.agnoSkipped('ada')?.count, 3);
		assert.match(first.agnoSkipped('ada')?.notice ?? '', /^Left out 3 Agno sessions that could not be read/);
		assert.equal(first.agnoSkipped('bob')?.notice, 'Left out one Agno session that could not be read (damaged, or not an agent\'s chat); the file keeps them unchanged.');
		assert.equal(first.getSession('broken-json'), undefined);
		// Agno rows without a user are the default user's, as in Agno's example.
		assert.deepEqual(first.listSessions('user').map(session => [session.id, session.title]), [['anonymous', 'hi']]);
		await first.close();

		const second = await openSessionStore(v2);
		assert.deepEqual(second.listSessions('ada').map(session => [session.id, session.messageCount]), [[fixtureFacts['v2.9.0'].ada, 15], ['no-runs', 0]], 'newest first');
		assert.equal(second.agnoSkipped('ada')?.count, 2, 'the team session and the damaged runs');
		assert.equal(second.agnoSkipped('bob'), undefined);
		await second.close();
	});
});

describe('files with Agno\'s tables and something else', () => {
	test('are still refused and left alone', async () => {
		const folder = await tempFolder();
		const SQL = await loadSqlJs();
		for (const extra of ['CREATE TABLE visits (url TEXT)', 'CREATE VIEW recent AS SELECT session_id FROM agent_sessions']) {
			const db = new SQL.Database();
			db.exec(`CREATE TABLE agent_sessions (session_id VARCHAR PRIMARY KEY, user_id VARCHAR, memory JSON, session_data JSON,
				extra_data JSON, created_at INTEGER, updated_at INTEGER, agent_id VARCHAR, agent_data JSON); ${extra};`);
			const path = join(folder, `mixed-${extra.split(' ')[1]}.db`);
			await writeFile(path, db.export());
			db.close();
			const before = await fileState(path);
			await assert.rejects(openSessionStore(path), (error: unknown) => error instanceof StoreError && error.kind === 'not-ours');
			assert.ok((await fileState(path)).bytes.equals(before.bytes));
		}
	});
});
