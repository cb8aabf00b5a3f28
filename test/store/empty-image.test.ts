// A first start opens dist/empty.db (the build's image of a new database) instead of running every migration: it must be
// exactly what the migrations make, and each database made from it must be a copy.
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {test} from 'node:test';
import {insertSession} from '../../source/store/mutations.js';
import {applicationId, openDatabase, schemaVersion, userVersion} from '../../source/store/schema.js';
import {loadSqlJs, queryAll, queryValue} from '../../source/store/sqljs.js';
import type {Database} from '../../source/store/sqljs.js';

const image = resolve(import.meta.dirname, '../../dist/empty.db');

function schemaOf(db: Database): unknown {
	return {
		version: userVersion(db),
		application: queryValue(db, 'PRAGMA application_id'),
		objects: queryAll(db, 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name'),
	};
}

test('the build\'s empty database has the schema the migrations make', async () => {
	const SQL = await loadSqlJs();
	const migrated = openDatabase(SQL, undefined, 'new.db').db;
	const opened = openDatabase(SQL, undefined, 'new.db', await readFile(image)).db;
	assert.deepEqual(schemaOf(opened), schemaOf(migrated));
	assert.deepEqual([userVersion(opened), Number(queryValue(opened, 'PRAGMA application_id'))], [schemaVersion, applicationId]);
	migrated.close();
	opened.close();
});

test('each new database is a copy of the image: writing one changes neither the image nor another one', async () => {
	const SQL = await loadSqlJs();
	const bytes = await readFile(image); // a Buffer: sql.js would work in it directly if it were not copied
	const before = Buffer.from(bytes);
	const first = openDatabase(SQL, undefined, 'a.db', bytes).db;
	const second = openDatabase(SQL, undefined, 'b.db', bytes).db;
	insertSession(first, {id: 'S', userId: 'ada', model: 'm', systemPrompt: null, createdAt: 1});
	assert.equal(queryValue(first, 'SELECT count(*) FROM sessions'), 1);
	assert.equal(queryValue(second, 'SELECT count(*) FROM sessions'), 0);
	assert.ok(bytes.equals(before), 'the image is unchanged');
	first.close();
	second.close();
});
