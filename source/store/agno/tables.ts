import {queryAll} from '../sqljs.js';
import type {Database} from '../sqljs.js';

/**
 * Agno keeps its sessions in tables of its own, which may share the file with ours. They are recognised by their
 * columns (Agno lets the program name the tables) or, for the other tables Agno 2.x creates, by its `agno_` prefix.
 */
export interface AgnoTables {
	/** Agno 1.x agent session tables (`agent_sessions` in the example): JSON column `memory`. */
	v1: string[];
	/** Agno 2.x session tables (`agno_sessions`): double-encoded JSON column `runs`, rows of every session type. */
	v2: string[];
}

/** Columns every Agno 1.x storage table has (agent, team and workflow modes alike). */
const v1StorageColumns = ['session_id', 'user_id', 'memory', 'session_data', 'extra_data', 'created_at', 'updated_at'];
/** Columns of an Agno 2.x session table. */
const v2SessionColumns = ['session_id', 'session_type', 'user_id', 'runs', 'agent_data', 'created_at', 'updated_at'];
/** Agno 1.x's memory table (SqliteMemoryDb). */
const v1MemoryColumns = ['id', 'user_id', 'memory', 'created_at', 'updated_at'];

type Kind = 'v1-agent' | 'v1-other' | 'v2-sessions' | 'other-agno' | 'foreign';

function columnsOf(db: Database, table: string): Set<string> {
	return new Set(queryAll(db, 'SELECT name FROM pragma_table_info(?)', [table]).map(row => String(row['name'])));
}

function kindOf(db: Database, table: string): Kind {
	const columns = columnsOf(db, table);
	const has = (names: readonly string[]) => names.every(name => columns.has(name));
	if (has(v1StorageColumns)) return columns.has('agent_id') ? 'v1-agent' : 'v1-other';
	if (has(v2SessionColumns)) return 'v2-sessions';
	if (table.startsWith('agno_') || (columns.size === v1MemoryColumns.length && has(v1MemoryColumns))) return 'other-agno';
	return 'foreign';
}

/** The file's tables (not SQLite's own), by name. */
function tableNames(db: Database): string[] {
	return queryAll(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
		.map(row => String(row['name']));
}

export function findAgnoTables(db: Database): AgnoTables {
	const found: AgnoTables = {v1: [], v2: []};
	for (const table of tableNames(db)) {
		const kind = kindOf(db, table);
		if (kind === 'v1-agent') found.v1.push(table);
		else if (kind === 'v2-sessions') found.v2.push(table);
	}
	return found;
}

/**
 * What the file holds besides SQLite's own objects: `empty`, only Agno's tables (with their indexes), or something else
 * (another application's file, which we must not touch). Only asked of files that are not ours yet.
 */
export function foreignContent(db: Database): 'empty' | 'agno' | 'other' {
	const objects = queryAll(db, "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
	if (objects.length === 0) return 'empty';
	const kinds = new Map<string, Kind>();
	const kind = (table: string): Kind => {
		let known = kinds.get(table);
		if (known === undefined) {
			known = kindOf(db, table);
			kinds.set(table, known);
		}
		return known;
	};
	// Indexes and triggers belong to their table; a view or a table of anyone else makes the file someone else's.
	const agnoOnly = objects.every(object => object['type'] !== 'view' && kind(String(object['tbl_name'])) !== 'foreign');
	return agnoOnly ? 'agno' : 'other';
}
