import {queryAll} from '../sqljs.js';
import type {Database, Row} from '../sqljs.js';
import type {AgnoSkipped} from '../types.js';
import {DamagedRow} from './decode.js';
import {ownerlessUser, ownerOf, readV1Row, readV2Row} from './rows.js';
import type {AgnoSession} from './rows.js';
import {findAgnoTables} from './tables.js';
import type {AgnoTables} from './tables.js';

interface UserSessions {
	/** Newest first. */
	sessions: AgnoSession[];
	skipped: number;
}

function quoted(table: string): string {
	return `"${table.replaceAll('"', '""')}"`;
}

/** Rows whose `user_id` is the user's; the rows without one are the default user's (see `ownerlessUser`). */
function userClause(userId: string): string {
	return userId === ownerlessUser ? '(user_id = $user OR user_id IS NULL OR user_id = \'\')' : 'user_id = $user';
}

/**
 * The Agno sessions in one database, read on first use per user (parsing Agno's JSON is the cost) and kept until the
 * database changes (the store then makes a new reader). A row that cannot be read is counted and left out, never thrown.
 */
export class AgnoSessions {
	readonly #db: Database;
	#tables: AgnoTables | undefined;
	readonly #byUser = new Map<string, UserSessions>();
	/** Sessions looked up by id (null: none there, or unreadable). */
	readonly #byId = new Map<string, AgnoSession | null>();

	constructor(db: Database) {
		this.#db = db;
	}

	/** The user's Agno sessions, newest first (by last activity), and how many of the user's rows could not be read. */
	forUser(userId: string): UserSessions {
		let found = this.#byUser.get(userId);
		if (found === undefined) {
			found = this.#read(userClause(userId), {$user: userId});
			this.#byUser.set(userId, found);
		}
		return found;
	}

	/** One session by id, whoever's it is; undefined when there is none or its row cannot be read. */
	get(id: string): AgnoSession | undefined {
		for (const {sessions} of this.#byUser.values()) {
			const cached = sessions.find(session => session.summary.id === id);
			if (cached !== undefined) return cached;
		}
		let found = this.#byId.get(id);
		if (found === undefined) {
			found = this.#read('session_id = $id', {$id: id}).sessions[0] ?? null;
			this.#byId.set(id, found);
		}
		return found ?? undefined;
	}

	/** Every user with rows in Agno's tables and when each was last active (rows without a user are `ownerlessUser`'s). */
	users(): Array<{user: string; active: number}> {
		this.#tables ??= findAgnoTables(this.#db);
		const found: Array<{user: string; active: number}> = [];
		for (const table of [...this.#tables.v1, ...this.#tables.v2]) {
			for (const row of queryAll(this.#db, `SELECT user_id, MAX(COALESCE(updated_at, created_at)) AS active FROM ${quoted(table)} GROUP BY user_id`)) {
				found.push({user: ownerOf(row['user_id']), active: agnoSeconds(row['active'])});
			}
		}
		return found;
	}

	skipped(userId: string): AgnoSkipped | undefined {
		const {skipped} = this.forUser(userId);
		if (skipped === 0) return undefined;
		const sessions = skipped === 1 ? 'one Agno session' : `${skipped} Agno sessions`;
		return {count: skipped, notice: `Left out ${sessions} that could not be read (damaged, or not an agent's chat); the file keeps them unchanged.`};
	}

	#read(where: string, params: Record<string, string>): UserSessions {
		this.#tables ??= findAgnoTables(this.#db);
		const sessions: AgnoSession[] = [];
		let skipped = 0;
		const take = (row: Row, read: (row: Row) => AgnoSession) => {
			try {
				sessions.push(read(row));
			} catch (error) {
				if (!(error instanceof DamagedRow)) throw error;
				skipped++;
			}
		};
		for (const table of this.#tables.v1) {
			const rows = queryAll(this.#db, `SELECT session_id, user_id, created_at, updated_at, agent_data, memory FROM ${quoted(table)} WHERE ${where}`, params);
			for (const row of rows) take(row, v1 => readV1Row({...fields(v1), memory: v1['memory']}));
		}
		for (const table of this.#tables.v2) {
			const rows = queryAll(this.#db, `SELECT session_id, session_type, user_id, created_at, updated_at, agent_data, runs FROM ${quoted(table)} WHERE ${where}`, params);
			for (const row of rows) {
				if (row['session_type'] === 'agent') take(row, v2 => readV2Row({...fields(v2), runs: v2['runs']}));
				else skipped++; // a team's or a workflow's session: not a chat this app can continue
			}
		}
		const seen = new Set<string>();
		const unique = sessions.filter(session => !seen.has(session.summary.id) && seen.add(session.summary.id));
		unique.sort((a, b) => b.summary.updatedAt - a.summary.updatedAt || b.summary.createdAt - a.summary.createdAt);
		return {sessions: unique, skipped};
	}
}

/** Agno stores seconds since the epoch (ours: milliseconds); anything else sorts last. */
function agnoSeconds(value: unknown): number {
	const seconds = Number(value);
	return Number.isFinite(seconds) ? seconds * 1000 : 0;
}

function fields(row: Row) {
	return {session_id: row['session_id'], user_id: row['user_id'], created_at: row['created_at'], updated_at: row['updated_at'], agent_data: row['agent_data']};
}

