import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import initSqlJs from 'sql.js';
import {openSessionStore, StoreError} from '../../source/store/index.js';
import {applicationId, migrate, schemaVersion} from '../../source/store/schema.js';
import {loadSqlJs} from '../../source/store/sqljs.js';
import {fileState, listFolder, tempFolder} from './temp-folder.js';

/** Opening `path` must fail with `kind` and `message`, and leave the folder exactly as it was. */
async function assertRejectedAndUntouched(path: string, kind: string, message: string): Promise<void> {
	const folder = join(path, '..');
	const before = await fileState(path);
	const names = await listFolder(folder);
	await assert.rejects(openSessionStore(path), (error: unknown) => {
		assert.ok(error instanceof StoreError);
		assert.equal(error.kind, kind);
		assert.equal(error.message, message);
		return true;
	});
	const after = await fileState(path);
	assert.ok(after.bytes.equals(before.bytes), 'the bytes are unchanged');
	assert.equal(after.mtimeMs, before.mtimeMs, 'the file was not rewritten');
	assert.deepEqual(await listFolder(folder), names, 'nothing was added, renamed or removed');
}

describe('files that are not ours', () => {
	test('a text file is rejected and left alone', async () => {
		const path = join(await tempFolder(), 'notes.db');
		await writeFile(path, 'shopping list:\n- milk\n'.repeat(50));
		await assertRejectedAndUntouched(path, 'not-ours', `Cannot open ${path}: it is not an agent-session database. Move it aside or pass --db PATH.`);
	});

	test('a damaged database (right header, garbage after it) is rejected and left alone', async () => {
		const path = join(await tempFolder(), 'broken.db');
		await writeFile(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xAB)]));
		await assertRejectedAndUntouched(path, 'not-ours', `Cannot open ${path}: it is not an agent-session database. Move it aside or pass --db PATH.`);
	});

	test('another application\'s SQLite database is rejected and left alone', async () => {
		const path = join(await tempFolder(), 'browser-history.db');
		const SQL = await initSqlJs();
		const db = new SQL.Database();
		db.exec("CREATE TABLE visits (url TEXT, at INTEGER); INSERT INTO visits VALUES ('https://example.com', 1);");
		await writeFile(path, db.export());
		db.close();
		await assertRejectedAndUntouched(path, 'not-ours', `Cannot open ${path}: it is not an agent-session database. Move it aside or pass --db PATH.`);
	});

	test('another application\'s SQLite database that also uses user_version is rejected', async () => {
		const path = join(await tempFolder(), 'other.db');
		const SQL = await initSqlJs();
		const db = new SQL.Database();
		db.exec('CREATE TABLE sessions (id TEXT); PRAGMA user_version = 2;');
		await writeFile(path, db.export());
		db.close();
		await assertRejectedAndUntouched(path, 'not-ours', `Cannot open ${path}: it is not an agent-session database. Move it aside or pass --db PATH.`);
	});

	test('a database from a newer agent-session is rejected with what to do, and left alone', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const db = new (await loadSqlJs()).Database();
		migrate(db);
		db.exec(`PRAGMA user_version = ${schemaVersion + 5}`);
		await writeFile(path, db.export());
		db.close();
		await assertRejectedAndUntouched(
			path,
			'newer-version',
			`${path} was written by a newer version of agent-session (schema ${schemaVersion + 5}, this build knows ${schemaVersion}); upgrade agent-session or pass --db PATH.`,
		);
	});

	test('a folder where the file should be is rejected with what to do', async () => {
		const path = join(await tempFolder(), 'agents.db');
		await mkdir(path);
		await assert.rejects(openSessionStore(path), {name: 'StoreError', message: `Cannot use ${path} as the database: it is a folder, not a regular file; pass --db with a regular file or a path that does not exist yet.`});
	});

	test('an empty file and an empty SQLite file are taken as new databases', async () => {
		const folder = await tempFolder();
		const empty = join(folder, 'empty.db');
		await writeFile(empty, '');
		const emptySqlite = join(folder, 'empty-sqlite.db');
		const SQL = await initSqlJs();
		const db = new SQL.Database();
		await writeFile(emptySqlite, db.export());
		db.close();
		for (const path of [empty, emptySqlite]) {
			const store = await openSessionStore(path);
			const session = store.createSession('ada', 'gpt-4o');
			await store.close();
			const again = await openSessionStore(path);
			assert.equal(again.latestSession('ada')?.id, session.id);
			await again.close();
		}
		const header = (await fileState(empty)).bytes;
		assert.equal(header.readUInt32BE(68), applicationId, 'marked as ours in the SQLite header');
	});
});
