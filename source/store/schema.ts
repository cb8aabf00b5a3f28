import {foreignContent} from './agno/tables.js';
import {StoreError} from './errors.js';
import {previewOf} from './preview.js';
import {applyPragmas, queryAll, queryValue, transaction} from './sqljs.js';
import type {Database} from './sqljs.js';
import type {SqlJsStatic} from 'sql.js';

/** Written into the SQLite header (`PRAGMA application_id`) so we can tell our files from other apps' ("AgSe"). */
export const applicationId = 0x41_67_53_65;

interface Migration {
	/** The `user_version` the database has after this step. */
	version: number;
	up: (db: Database) => void;
}

/** Forward migrations, oldest first, versions strictly increasing (gaps allowed). Append only: never edit a step that has shipped. */
export const migrations: readonly Migration[] = [
	{
		version: 1,
		up(db) {
			db.exec(`
				PRAGMA application_id = ${applicationId};
				CREATE TABLE sessions (
					id TEXT PRIMARY KEY NOT NULL,
					user_id TEXT NOT NULL,
					title TEXT,
					model TEXT NOT NULL,
					created_at INTEGER NOT NULL,
					updated_at INTEGER NOT NULL
				);
				CREATE TABLE messages (
					id INTEGER PRIMARY KEY,
					session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
					position INTEGER NOT NULL,
					role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
					content TEXT NOT NULL,
					status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'stopped', 'error')),
					error TEXT,
					created_at INTEGER NOT NULL,
					UNIQUE (session_id, position)
				);
				-- The picker: one user's sessions, most recent first (rowid breaks ties, newest first).
				CREATE INDEX sessions_by_user_recent ON sessions (user_id, updated_at);
			`);
		},
	},
	{
		// Token usage reported by the model for a reply, shown in the status bar.
		version: 2,
		up(db) {
			db.exec(`
				ALTER TABLE messages ADD COLUMN prompt_tokens INTEGER;
				ALTER TABLE messages ADD COLUMN completion_tokens INTEGER;
				ALTER TABLE messages ADD COLUMN total_tokens INTEGER;
			`);
		},
	},
	{
		// The picker shows a count and a title per session: kept on the session row so listing never scans messages.
		version: 3,
		up(db) {
			db.exec(`
				ALTER TABLE sessions ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
				ALTER TABLE sessions ADD COLUMN preview TEXT NOT NULL DEFAULT '';
				UPDATE sessions SET message_count = (SELECT count(*) FROM messages WHERE messages.session_id = sessions.id);
			`);
			const firsts = queryAll(db, `
				SELECT m.session_id AS sessionId, m.content AS content FROM messages m
				WHERE m.role = 'user' AND m.position = (
					SELECT min(position) FROM messages f WHERE f.session_id = m.session_id AND f.role = 'user'
				)
			`);
			for (const row of firsts) {
				db.run('UPDATE sessions SET preview = ? WHERE id = ?', [previewOf(String(row['content'])), row['sessionId'] ?? null]);
			}
		},
	},
	// Version 4 is another change's (FTS search, per-session settings); the steps need not be consecutive.
	{
		// A reply's thinking (reasoning models), kept apart from its content and never sent back; and how long it took.
		version: 5,
		up(db) {
			db.exec(`
				ALTER TABLE messages ADD COLUMN thinking TEXT;
				ALTER TABLE messages ADD COLUMN thinking_ms INTEGER;
			`);
		},
	},
];

export const schemaVersion = migrations.at(-1)!.version;

export function userVersion(db: Database): number {
	return Number(queryValue(db, 'PRAGMA user_version'));
}

/** Brings `db` up to `target` (default: the newest), one transaction per step; a version with no step is skipped over. */
export function migrate(db: Database, target = schemaVersion): void {
	for (const migration of migrations) {
		if (migration.version <= userVersion(db) || migration.version > target) continue;
		transaction(db, () => {
			migration.up(db);
			db.exec(`PRAGMA user_version = ${migration.version}`);
		});
	}
}

const sqliteMagic = 'SQLite format 3\0';

function notOurs(path: string, cause?: unknown): StoreError {
	return new StoreError('not-ours', `Cannot open ${path}: it is not an agent-session database. Move it aside or pass --db PATH.`, {cause});
}

/**
 * Opens database bytes read from `path` (undefined or empty: a new database), checks they are ours, and migrates them.
 * Nothing is written to disk here. `migrated` tells whether the schema changed; `agnoFile`, that the file held only
 * Agno's tables until now (ours were added beside them, in memory; Agno ignores tables it does not know).
 */
export function openDatabase(SQL: SqlJsStatic, bytes: Uint8Array | undefined, path: string): {db: Database; migrated: boolean; agnoFile: boolean} {
	const isNew = bytes === undefined || bytes.byteLength === 0;
	if (!isNew && Buffer.from(bytes.subarray(0, sqliteMagic.length)).toString('latin1') !== sqliteMagic) throw notOurs(path);
	let db: Database;
	try {
		db = isNew ? new SQL.Database() : new SQL.Database(bytes);
	} catch (error) {
		throw notOurs(path, error);
	}
	try {
		applyPragmas(db);
		const version = userVersion(db);
		const appId = Number(queryValue(db, 'PRAGMA application_id'));
		// Ours, or a SQLite file nobody has used yet, or one that holds only Agno's sessions. Never another app's.
		const content = appId === 0 && version === 0 ? foreignContent(db) : 'other';
		if (appId !== applicationId && content === 'other') throw notOurs(path);
		if (version > schemaVersion) {
			throw new StoreError('newer-version', `${path} was written by a newer version of agent-session (schema ${version}, this build knows ${schemaVersion}); upgrade agent-session or pass --db PATH.`);
		}
		migrate(db);
		return {db, migrated: version !== schemaVersion, agnoFile: content === 'agno'};
	} catch (error) {
		db.close();
		throw error instanceof StoreError ? error : notOurs(path, error);
	}
}
