import initSqlJs from 'sql.js';
import type {BindParams, Database, SqlJsStatic, SqlValue} from 'sql.js';
import {compileSqlWasm} from './bundled-files.js';

export type {Database, SqlValue};
export type Row = Record<string, SqlValue>;

let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js is set up once per thread; every store shares it. Its wasm is compiled by compileSqlWasm (maybe started already). */
export function loadSqlJs(): Promise<SqlJsStatic> {
	sqlJs ??= compileSqlWasm().then(module => new Promise<SqlJsStatic>((resolve, reject) => {
		initSqlJs({
			// Emscripten's hook for bringing one's own wasm: it passes the imports and takes the instance.
			instantiateWasm(imports, done) {
				WebAssembly.instantiate(module, imports).then(done, reject);
				return {};
			},
		}).then(resolve, reject);
	}));
	sqlJs.catch(() => {
		sqlJs = undefined; // let a later call try again
	});
	return sqlJs;
}

/** Connection settings are not stored in the file: applied after every open and export. */
export function applyPragmas(db: Database): void {
	db.exec('PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;');
}

// Statements are prepared per call and freed at once: an export may free them behind our back.

export function queryAll(db: Database, sql: string, params: BindParams = []): Row[] {
	const statement = db.prepare(sql);
	try {
		statement.bind(params);
		const rows: Row[] = [];
		while (statement.step()) rows.push(statement.getAsObject());
		return rows;
	} finally {
		statement.free();
	}
}

export function queryOne(db: Database, sql: string, params: BindParams = []): Row | undefined {
	const statement = db.prepare(sql);
	try {
		statement.bind(params);
		return statement.step() ? statement.getAsObject() : undefined;
	} finally {
		statement.free();
	}
}

export function queryValue(db: Database, sql: string, params: BindParams = []): SqlValue | undefined {
	const row = queryOne(db, sql, params);
	return row === undefined ? undefined : Object.values(row)[0];
}

/** Runs `work` in one transaction (a savepoint, so that one may hold others); rolls back if it throws. */
export function transaction<T>(db: Database, work: () => T): T {
	db.exec('SAVEPOINT work');
	try {
		const result = work();
		db.exec('RELEASE work');
		return result;
	} catch (error) {
		db.exec('ROLLBACK TO work; RELEASE work');
		throw error;
	}
}

/**
 * sql.js copies the bytes it opens unless they are a Node Buffer (its `slice` is a view): a view of bytes nobody else
 * keeps saves a copy of the whole file, which for tens of megabytes is a long stall. Callers hand over their bytes.
 */
export function handOver(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * sql.js holds the file in a buffer exactly as big as what was loaded; the first write that extends the file copies all of
 * it into a bigger one, a long stall for a big database. So big files are saved with some free pages (which SQLite fills
 * before it extends the file): the app then runs long without that copy. Called in the save thread before each export.
 */
export function keepHeadroom(db: Database): void {
	const pageSize = Number(queryValue(db, 'PRAGMA page_size'));
	const size = Number(queryValue(db, 'PRAGMA page_count')) * pageSize;
	const free = Number(queryValue(db, 'PRAGMA freelist_count')) * pageSize;
	if (size < headroomFrom) return;
	const wanted = Math.min(size * 0.04, maxHeadroom);
	if (free >= wanted / 2) return;
	db.exec(`BEGIN; CREATE TABLE headroom (x); INSERT INTO headroom VALUES (zeroblob(${Math.round(wanted - free)})); DROP TABLE headroom; COMMIT;`);
}

const headroomFrom = 8_000_000;
const maxHeadroom = 4_000_000;
