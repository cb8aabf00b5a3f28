// Agno's own session files for tests: copies of the fixtures written by Agno 1.3.5 and 2.9.0, a hand-made file of the
// Agno 1.4–1.7 shape, what Agno sent (its request logs) and showed (its history panel), and the sqlite3 shell.
import {spawnSync} from 'node:child_process';
import {chmod, copyFile, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {loadSqlJs, queryAll} from '../../source/store/sqljs.js';

export type AgnoVersion = 'v1.3.5' | 'v2.9.0';
export const agnoVersions: readonly AgnoVersion[] = ['v1.3.5', 'v2.9.0'];

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'agno');

/** The ids and tables in the fixtures (see test/fixtures/agno/*\/README.md). */
export const fixtureFacts = {
	'v1.3.5': {tables: ['agent_sessions'], ada: 'aa2b5689-59a8-46e9-befd-b195f49bacf7', bob: '4c12352c-c354-42b8-9afd-5471cdc9e1e3'},
	'v2.9.0': {tables: ['agno_sessions', 'agno_schema_versions'], ada: '99d44c83-1ac0-4c1c-b32c-051df02902b7', bob: 'fd5bca35-92a5-4f65-ab61-96a4eff8b8c2'},
} as const;

/** A writable copy of a fixture database in `folder`. */
export async function copyAgnoFile(version: AgnoVersion, folder: string, name = `agno-${version}.db`): Promise<string> {
	const path = join(folder, name);
	await copyFile(join(fixtures, version, 'agents.db'), path);
	await chmod(path, 0o600);
	return path;
}

/**
 * A file of the Agno 1.4–1.7 shape, made from the 1.3.5 fixture: `memory` = {summaries, memories, runs}, each run the
 * response Agno kept for it, whose messages carry the history copies tagged `from_history` (what Agno 1.4–1.7 store).
 */
export async function makeAgno14File(folder: string): Promise<string> {
	const SQL = await loadSqlJs();
	const db = new SQL.Database(await readFile(join(fixtures, 'v1.3.5', 'agents.db')));
	for (const row of queryAll(db, 'SELECT session_id, memory FROM agent_sessions')) {
		const memory = JSON.parse(String(row['memory'])) as {runs: Array<{response: unknown}>};
		const reshaped = {summaries: {}, memories: {}, runs: memory.runs.map(run => run.response)};
		db.run('UPDATE agent_sessions SET memory = ? WHERE session_id = ?', [JSON.stringify(reshaped), row['session_id'] ?? null]);
	}
	const path = join(folder, 'agno-v1.4.db');
	await writeFile(path, db.export(), {mode: 0o600});
	db.close();
	return path;
}

export interface LoggedRequest {
	body: {model: string; messages: Array<{role: string; content: string}>};
}

/** Every request Agno sent while the fixture was made, in order: ada m1–m6, ada m7 (second process), bob b1–b2. */
export async function agnoRequests(version: AgnoVersion): Promise<LoggedRequest[]> {
	const text = await readFile(join(fixtures, `requests-${version}.jsonl`), 'utf8');
	return text.trim().split('\n').map(line => JSON.parse(line) as LoggedRequest);
}

/** The last "Chat History" panel Agno's example printed in its first run (ada after m6), as the role/content list it shows. */
export async function agnoLastPanel(version: AgnoVersion): Promise<Array<{role: string; content: string}>> {
	const lines = (await readFile(join(fixtures, version, 'terminal-run1.txt'), 'utf8')).split(/\r?\n/);
	const start = lines.findLastIndex(line => line.includes('Chat History for session_id'));
	const end = lines.findIndex((line, index) => index > start && line.startsWith('╰'));
	const json = lines.slice(start + 1, end).map(line => line.slice(line.indexOf('│') + 1, line.lastIndexOf('│')).trimEnd()).join('\n');
	return JSON.parse(json) as Array<{role: string; content: string}>;
}

export const hasSqlite3 = spawnSync('sqlite3', ['-version'], {encoding: 'utf8'}).status === 0;

/** Runs SQL (or a dot-command) with the sqlite3 shell on `path`; returns what it printed. Throws on failure. */
export function sqlite3(path: string, sql: string): string {
	const result = spawnSync('sqlite3', [path, sql], {encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`sqlite3 ${sql}: ${result.stderr}`);
	return result.stdout;
}

/** What `sqlite3 FILE .dump TABLE` prints for each table: the schema and every row, as SQL. */
export function dumpTables(path: string, tables: readonly string[]): string {
	return tables.map(table => sqlite3(path, `.dump ${table}`)).join('');
}
