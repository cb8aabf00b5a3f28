import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {openSessionStore} from '../../source/store/index.js';
import {applicationId, migrate, migrations, schemaVersion, userVersion} from '../../source/store/schema.js';
import {searchSessions} from '../../source/store/search.js';
import {loadSqlJs, queryAll, queryValue} from '../../source/store/sqljs.js';
import type {Database} from '../../source/store/sqljs.js';
import {tempFolder} from './temp-folder.js';

async function databaseAt(version: number): Promise<Database> {
	const db = new (await loadSqlJs()).Database();
	migrate(db, version);
	assert.equal(userVersion(db), version);
	return db;
}

function columns(db: Database, table: string): string[] {
	return queryAll(db, `PRAGMA table_info(${table})`).map(row => String(row['name']));
}

/** Two sessions as version 1 stored them: one with a user message after a system one, one empty. */
function fillVersion1(db: Database): void {
	db.exec(`
		INSERT INTO sessions (id, user_id, title, model, created_at, updated_at) VALUES
			('s1', 'ada', NULL, 'gpt-4o', 1000, 3000),
			('s2', 'ada', 'Named', 'gpt-4o', 2000, 2000);
		INSERT INTO messages (session_id, position, role, content, status, error, created_at) VALUES
			('s1', 0, 'system', 'Be brief.', 'complete', NULL, 1000),
			('s1', 1, 'user', '  First question\nmore', 'complete', NULL, 2000),
			('s1', 2, 'assistant', 'An answer', 'stopped', NULL, 3000);
	`);
}

/** A database file at `version`, holding fillVersion1's sessions, as an older build left it. */
async function fileAt(version: number): Promise<string> {
	const path = join(await tempFolder(), 'agents.db');
	const db = await databaseAt(version);
	fillVersion1(db);
	await writeFile(path, db.export());
	db.close();
	return path;
}

describe('schema migrations', () => {
	test('the steps are in strictly increasing order and end at the version this build knows', () => {
		const versions = migrations.map(step => step.version);
		assert.deepEqual(versions, [...new Set(versions)].sort((a, b) => a - b));
		assert.equal(versions[0], 1);
		assert.equal(schemaVersion, versions.at(-1));
	});

	test('0 → 1: tables, the picker index, and our application id', async () => {
		const db = await databaseAt(1);
		assert.deepEqual(columns(db, 'sessions'), ['id', 'user_id', 'title', 'model', 'created_at', 'updated_at']);
		assert.deepEqual(columns(db, 'messages'), ['id', 'session_id', 'position', 'role', 'content', 'status', 'error', 'created_at']);
		assert.equal(Number(queryValue(db, 'PRAGMA application_id')), applicationId);
		assert.equal(queryValue(db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'sessions_by_user_recent'"), 'sessions_by_user_recent');
		db.close();
	});

	test('1 → 2: token usage columns, existing messages keep their content with no usage', async () => {
		const db = await databaseAt(1);
		fillVersion1(db);
		migrate(db, 2);
		assert.equal(userVersion(db), 2);
		assert.deepEqual(columns(db, 'messages').slice(-3), ['prompt_tokens', 'completion_tokens', 'total_tokens']);
		assert.deepEqual(
			queryAll(db, 'SELECT content, status, total_tokens FROM messages ORDER BY position'),
			[{content: 'Be brief.', status: 'complete', total_tokens: null}, {content: '  First question\nmore', status: 'complete', total_tokens: null}, {content: 'An answer', status: 'stopped', total_tokens: null}],
		);
		db.close();
	});

	test('2 → 3: message counts and previews are filled in from the messages', async () => {
		const db = await databaseAt(1);
		fillVersion1(db);
		migrate(db, 2);
		migrate(db, 3);
		assert.equal(userVersion(db), 3);
		assert.deepEqual(queryAll(db, 'SELECT id, message_count, preview FROM sessions ORDER BY id'), [
			{id: 's1', message_count: 3, preview: 'First question'},
			{id: 's2', message_count: 0, preview: ''},
		]);
		db.close();
	});

	test('3 → 4: settings, fork and alternative columns; existing messages and names are searchable at once', async () => {
		const db = await databaseAt(3);
		fillVersion1(db);
		migrate(db, 4);
		assert.equal(userVersion(db), 4);
		assert.deepEqual(columns(db, 'sessions').slice(-3), ['system_prompt', 'forked_from_session', 'forked_from_position']);
		assert.equal(columns(db, 'messages').at(-1), 'superseded');
		assert.deepEqual(queryAll(db, 'SELECT system_prompt, forked_from_session FROM sessions').map(row => [row['system_prompt'], row['forked_from_session']]), [[null, null], [null, null]]);
		assert.deepEqual(queryAll(db, 'SELECT superseded FROM messages').map(row => row['superseded']), [0, 0, 0]);
		const ids = (query: string) => searchSessions(db, 'ada', query).hits.map(hit => hit.session.id);
		assert.deepEqual(ids('brief'), ['s1'], 'a stored system message');
		assert.deepEqual(ids('answ'), ['s1'], 'a reply, by the start of a word');
		assert.deepEqual(ids('named'), ['s2'], 'a session name');
		assert.deepEqual(ids('question more'), ['s1']);
		assert.deepEqual(ids('nowhere'), []);
		// Kept in step from here on by triggers.
		db.run('UPDATE sessions SET title = ? WHERE id = ?', ['Renamed', 's2']);
		db.run('DELETE FROM messages WHERE content = ?', ['An answer']);
		assert.deepEqual(ids('named'), []);
		assert.deepEqual(ids('renamed'), ['s2']);
		assert.deepEqual(ids('answer'), []);
		db.close();
	});

	test('4 → 5: thinking columns, existing messages have none', async () => {
		const db = await databaseAt(1);
		fillVersion1(db);
		migrate(db, 4);
		migrate(db, 5);
		assert.equal(userVersion(db), 5);
		assert.deepEqual(columns(db, 'messages').slice(-2), ['thinking', 'thinking_ms']);
		assert.deepEqual(
			queryAll(db, 'SELECT content, thinking, thinking_ms FROM messages ORDER BY position').map(row => [row['content'], row['thinking'], row['thinking_ms']]),
			[['Be brief.', null, null], ['  First question\nmore', null, null], ['An answer', null, null]],
		);
		db.close();
	});

	test('5 → 6: the model column; replies written before have none', async () => {
		const db = await databaseAt(1);
		fillVersion1(db);
		migrate(db, 5);
		migrate(db, 6);
		assert.equal(userVersion(db), 6);
		assert.deepEqual(columns(db, 'messages').at(-1), 'model');
		assert.deepEqual(queryAll(db, 'SELECT model FROM messages').map(row => row['model']), [null, null, null]);
		db.close();
	});

	test('a version 5 file: its replies have no model (the screen names the current one), new replies keep theirs across a reopen', async () => {
		const path = await fileAt(5);

		const store = await openSessionStore(path);
		assert.deepEqual(store.getSession('s1')?.messages.map(message => message.model), [null, null, null]);
		store.appendMessage('s1', {role: 'user', content: 'Again?'});
		store.appendMessage('s1', {role: 'assistant', content: 'Yes.', model: 'qwen3:8b @ 127.0.0.1:11434'});
		await store.close();
		const again = await openSessionStore(path);
		assert.deepEqual(again.getSession('s1')?.messages.slice(-2).map(message => message.model), [null, 'qwen3:8b @ 127.0.0.1:11434']);
		await again.close();
	});

	test('the store opens a version 3 file: it searches it, its replies have no thinking, new ones keep theirs, and it saves it upgraded', async () => {
		const path = await fileAt(3);

		const store = await openSessionStore(path);
		assert.deepEqual(store.getSession('s1')?.messages.map(message => message.thinking), [null, null, null]);
		assert.deepEqual(store.searchSessions('ada', 'first').hits.map(hit => [hit.session.id, hit.snippet?.text]), [['s1', 'First question more']]);
		store.appendMessage('s1', {role: 'user', content: 'A follow-up about zebras'});
		store.appendMessage('s1', {role: 'assistant', content: 'Four.', thinking: 'Two plus two.', thinkingMs: 1200});
		await store.close();
		const again = await openSessionStore(path);
		assert.deepEqual(again.searchSessions('ada', 'zebra').hits.map(hit => hit.session.id), ['s1']);
		const last = again.getSession('s1')?.messages.at(-1);
		assert.deepEqual([last?.content, last?.thinking, last?.thinkingMs], ['Four.', 'Two plus two.', 1200]);
		await again.close();
	});

	test('the store opens a version 1 file, shows its data, and saves it upgraded', async () => {
		const path = await fileAt(1);

		const store = await openSessionStore(path);
		assert.deepEqual(store.listSessions('ada').map(session => [session.id, session.title, session.messageCount]), [['s1', 'First question', 3], ['s2', 'Named', 0]]);
		store.appendMessage('s1', {role: 'user', content: 'Follow-up'});
		assert.deepEqual(store.getSession('s1')?.messages.map(message => message.position), [0, 1, 2, 3]);
		await store.close();

		const saved = new (await loadSqlJs()).Database(await readFile(path));
		assert.equal(userVersion(saved), schemaVersion);
		saved.close();
		const again = await openSessionStore(path);
		assert.equal(again.getSession('s1')?.session.messageCount, 4);
		await again.close();
	});
});
