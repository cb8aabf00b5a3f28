import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {stat, unlink, writeFile} from 'node:fs/promises';
import {describe, test} from 'node:test';
import {StoreError} from '../../../source/store/index.js';
import {SqlJsSessionStore} from '../../../source/store/session-store.js';
import {copyAgnoFile, dumpTables, fixtureFacts, hasSqlite3, sqlite3} from '../../support/agno-files.js';
import {waitFor} from '../../support/wait-for.js';
import {fileState, tempFolder} from '../temp-folder.js';

// Agno's program (or the sqlite3 shell) writes the file in place and takes no lock of ours. A save must merge what such a
// writer added since we read or wrote the file, never write over it.

const ada = fixtureFacts['v1.3.5'].ada;
const newAgnoRow = (id: string) => `INSERT INTO agent_sessions (session_id, user_id, memory, created_at, updated_at)
	VALUES ('${id}', 'ada', '{"messages": [{"role": "user", "content": "written by Agno meanwhile", "created_at": 1796230000}]}', 1796230000, 1796230000);`;

function copyTimes(from: string, to: string): void {
	assert.equal(spawnSync('touch', ['-r', from, to]).status, 0);
}

async function contents(path: string, id: string): Promise<string[]> {
	const reader = await SqlJsSessionStore.open(path);
	const messages = reader.getSession(id)?.messages.map(message => message.content) ?? [];
	await reader.close();
	return messages;
}

describe('a writer that takes no lock of ours', {skip: hasSqlite3 ? false : 'the sqlite3 shell is not installed'}, () => {
	test('rows it adds to Agno\'s table mid-session survive our next save, and show in the listing', async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		const store = await SqlJsSessionStore.open(path);
		store.appendMessage(ada, {role: 'user', content: 'm8'});
		await store.save();

		sqlite3(path, newAgnoRow('agno-meanwhile'));
		const agnoAfterOutsideWrite = dumpTables(path, ['agent_sessions']);
		store.appendMessage(ada, {role: 'assistant', content: 'ECHO(8): m8'});
		await store.save();
		assert.equal(store.stats.merges, 1);
		assert.deepEqual(store.listSessions('ada').map(session => [session.id, session.origin]).sort(), [[ada, 'agent-session'], ['agno-meanwhile', 'agno']]);
		await store.close();

		assert.equal(dumpTables(path, ['agent_sessions']), agnoAfterOutsideWrite, 'Agno\'s table is as the other writer left it');
		assert.deepEqual((await contents(path, ada)).slice(-3), ['ECHO(8): m7', 'm8', 'ECHO(8): m8']);
		assert.equal(sqlite3(path, 'PRAGMA integrity_check').trim(), 'ok');
	});

	test('rows it adds to a table of nobody we know survive too', async () => {
		const path = await copyAgnoFile('v2.9.0', await tempFolder());
		const store = await SqlJsSessionStore.open(path);
		const session = store.createSession('ada', 'gpt-4o');
		await store.save();

		sqlite3(path, 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'kept\'), (\'also kept\');');
		store.appendMessage(session.id, {role: 'user', content: 'after the notes'});
		await store.save();
		await store.close();

		assert.equal(sqlite3(path, 'SELECT group_concat(text, \', \') FROM notes').trim(), 'kept, also kept');
		assert.deepEqual(await contents(path, session.id), ['after the notes']);
	});

	test('a change that keeps the file\'s size and time is still seen, by SQLite\'s change counter', async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		const store = await SqlJsSessionStore.open(path);
		store.appendMessage(ada, {role: 'user', content: 'm8'});
		await store.save();
		const before = await stat(path);
		const reference = `${path}.times`;
		await writeFile(reference, '');
		copyTimes(path, reference); // to nanoseconds, which Node's utimes cannot set

		sqlite3(path, newAgnoRow('same-size'));
		copyTimes(reference, path);
		const after = await stat(path);
		assert.deepEqual([after.ino, after.size, after.mtimeMs], [before.ino, before.size, before.mtimeMs], 'the file system sees no change');

		store.appendMessage(ada, {role: 'assistant', content: 'ECHO(8): m8'});
		await store.save();
		await store.close();
		assert.equal(sqlite3(path, 'SELECT count(*) FROM agent_sessions WHERE session_id = \'same-size\'').trim(), '1');
		assert.deepEqual((await contents(path, ada)).slice(-2), ['m8', 'ECHO(8): m8']);
	});

	test('a save waits while the other writer is inside a transaction, then merges what it committed', async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		const store = await SqlJsSessionStore.open(path);
		store.appendMessage(ada, {role: 'user', content: 'm8'});
		await store.save();

		const shell = spawn('sqlite3', [path], {stdio: ['pipe', 'ignore', 'pipe']});
		let errors = '';
		shell.stderr.on('data', (chunk: Buffer) => {
			errors += chunk.toString();
		});
		const exited = new Promise(resolve => shell.on('exit', resolve));
		shell.stdin.write(`BEGIN;\n${newAgnoRow('inside-a-transaction')}\n`);
		// Its rollback journal appears with its first change.
		await waitFor(async () => (await stat(`${path}-journal`).catch(() => undefined)) !== undefined, {timeout: 10_000});

		store.appendMessage(ada, {role: 'assistant', content: 'ECHO(8): m8'});
		const saved = store.save();
		// Our save has begun (it holds our lock) and cannot get past the open transaction: only now does the shell commit.
		await waitFor(async () => (await stat(`${path}.lock`).catch(() => undefined)) !== undefined, {timeout: 10_000});
		shell.stdin.end('COMMIT;\n');
		await exited;
		await saved;
		await store.close();
		assert.equal(errors, '', 'the shell committed into the file it had open');
		assert.equal(sqlite3(path, 'SELECT count(*) FROM agent_sessions WHERE session_id = \'inside-a-transaction\'').trim(), '1');
		assert.deepEqual((await contents(path, ada)).slice(-2), ['m8', 'ECHO(8): m8']);
	});

	test('a writer that stays inside its transaction makes the save fail with one sentence, changing nothing; then it saves', async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		const store = await SqlJsSessionStore.open(path, {lock: {timeoutMs: 200}});
		// What a live (or crashed) transaction leaves beside the file: a journal that is not empty. Written before the change,
		// whose save starts on the next turn of the event loop and could otherwise look for the journal before it is there.
		const journal = `${path}-journal`;
		await writeFile(journal, Buffer.concat([Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]), Buffer.alloc(504)]));
		const before = await fileState(path);
		store.appendMessage(ada, {role: 'user', content: 'm8'});
		await assert.rejects(store.save(), (error: unknown) => error instanceof StoreError && error.kind === 'locked'
			&& error.message === `Cannot save ${path}: another program (Agno, or a sqlite3 shell) is in the middle of writing it; close it or try again.`);
		assert.ok((await fileState(path)).bytes.equals(before.bytes));

		await unlink(journal);
		await store.save();
		await store.close();
		assert.deepEqual((await contents(path, ada)).at(-1), 'm8');
	});
});
