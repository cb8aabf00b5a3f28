import {foreignContent} from './agno/tables.js';
import {StoreError} from './errors.js';
import {previewOf} from './preview.js';
import {applyPragmas, queryAll, queryOne, queryValue, transaction} from './sqljs.js';
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
	{
		// Steering a conversation: a model and system prompt per session, forks, replies kept as superseded
		// alternatives when regenerated, and full-text search (FTS4: sql.js has no FTS5) kept in step by triggers.
		version: 4,
		up(db) {
			db.exec(`
				ALTER TABLE sessions ADD COLUMN system_prompt TEXT; -- NULL: the app's default
				ALTER TABLE sessions ADD COLUMN forked_from_session TEXT; -- no foreign key: a fork outlives its origin
				ALTER TABLE sessions ADD COLUMN forked_from_position INTEGER;
				ALTER TABLE messages ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1));

				-- The index holds no copy of the text (content=): it reads it from messages and sessions by rowid.
				-- unicode61 folds case beyond ASCII and (remove_diacritics=2) accents. No prefix= indexes: they would
				-- add a third to the file for 1-2 letter prefixes, which search.ts matches as whole words instead.
				CREATE VIRTUAL TABLE message_search USING fts4(content='messages', content, tokenize=unicode61 "remove_diacritics=2");
				CREATE VIRTUAL TABLE title_search USING fts4(content='sessions', title, tokenize=unicode61 "remove_diacritics=2");
				-- Which session a message is in, by the session's rowid: grouping a search's matches by session through this
				-- narrow table is 2-3x faster than through messages (measured with 90,000 matches). VACUUM would renumber
				-- sessions' rowids (they have no INTEGER PRIMARY KEY), so this, like title_search, must be rebuilt after one.
				CREATE TABLE message_sessions (message_id INTEGER PRIMARY KEY, session_key INTEGER NOT NULL);

				CREATE TRIGGER messages_indexed AFTER INSERT ON messages BEGIN
					INSERT INTO message_sessions (message_id, session_key) VALUES (new.id, (SELECT rowid FROM sessions WHERE id = new.session_id));
					INSERT INTO message_search (docid, content) VALUES (new.id, new.content);
				END;
				-- An external-content index reads the old text to unindex it, so these run before the row changes.
				CREATE TRIGGER messages_unindexed BEFORE DELETE ON messages BEGIN
					DELETE FROM message_search WHERE docid = old.id;
					DELETE FROM message_sessions WHERE message_id = old.id;
				END;
				CREATE TRIGGER messages_reindexing BEFORE UPDATE OF id, session_id, content ON messages BEGIN
					DELETE FROM message_search WHERE docid = old.id;
					DELETE FROM message_sessions WHERE message_id = old.id;
				END;
				CREATE TRIGGER messages_reindexed AFTER UPDATE OF id, session_id, content ON messages BEGIN
					INSERT INTO message_sessions (message_id, session_key) VALUES (new.id, (SELECT rowid FROM sessions WHERE id = new.session_id));
					INSERT INTO message_search (docid, content) VALUES (new.id, new.content);
				END;
				CREATE TRIGGER sessions_indexed AFTER INSERT ON sessions BEGIN
					INSERT INTO title_search (docid, title) VALUES (new.rowid, new.title);
				END;
				CREATE TRIGGER sessions_unindexed BEFORE DELETE ON sessions BEGIN
					DELETE FROM title_search WHERE docid = old.rowid;
				END;
				CREATE TRIGGER sessions_reindexing BEFORE UPDATE OF title ON sessions BEGIN
					DELETE FROM title_search WHERE docid = old.rowid;
				END;
				CREATE TRIGGER sessions_reindexed AFTER UPDATE OF title ON sessions BEGIN
					INSERT INTO title_search (docid, title) VALUES (new.rowid, new.title);
				END;

				INSERT INTO message_sessions (message_id, session_key) SELECT m.id, s.rowid FROM messages m JOIN sessions s ON s.id = m.session_id;
				INSERT INTO title_search (title_search) VALUES ('rebuild');
			`);
			// FTS4 keeps its index as segments in levels and merges a level's 16 segments into one of the next level
			// during an insert. Built in one go, the index is 15 segments at level 0, and the next append merges all of it
			// (0.3-1 s with 100,000 messages); 'optimize' alone leaves one segment at level 0, merged again on the 16th,
			// 256th and 4,096th appends. Indexed in 5,000 steps (each savepoint writes a segment), the index reaches level
			// 3, where 'optimize' puts it whole: no append merges it again for some 60,000 messages.
			const [first, last, count] = Object.values(queryOne(db, 'SELECT min(id), max(id), count(*) FROM messages')!).map(Number);
			const step = Math.max(1, Math.ceil((last! - first! + 1) / 5000));
			for (let from = first!; count! > 0 && from <= last!; from += step) {
				transaction(db, () => {
					db.run('INSERT INTO message_search (docid, content) SELECT id, content FROM messages WHERE id >= ? AND id < ?', [from, from + step]);
				});
			}
			db.exec('INSERT INTO message_search (message_search) VALUES (\'optimize\')');
		},
	},
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
	{
		// Which model wrote a reply, as the app named it then ("qwen3:8b @ 127.0.0.1:11434"): a session's model can change
		// (/model), so its replies are not all the current one's. NULL for user messages and for replies written before.
		version: 6,
		up(db) {
			db.exec('ALTER TABLE messages ADD COLUMN model TEXT;');
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
 * Agno's tables until now (ours were added beside them, in memory; Agno ignores tables it does not know). A new
 * database starts from a copy of `emptyImage` when given (see bundled-files.ts), else from nothing through every migration.
 */
export function openDatabase(SQL: SqlJsStatic, bytes: Uint8Array | undefined, path: string, emptyImage?: Uint8Array): {db: Database; migrated: boolean; agnoFile: boolean} {
	const isNew = bytes === undefined || bytes.byteLength === 0;
	if (!isNew && Buffer.from(bytes.subarray(0, sqliteMagic.length)).toString('latin1') !== sqliteMagic) throw notOurs(path);
	let db: Database;
	try {
		// The image is copied: sql.js works in the very bytes of a Buffer it is given, and the image serves every new database.
		db = isNew ? new SQL.Database(emptyImage === undefined ? undefined : Buffer.from(emptyImage)) : new SQL.Database(bytes);
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
