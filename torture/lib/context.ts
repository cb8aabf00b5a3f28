import type {MockServer} from '../../test/support/mock-server.js';

/** What every row gets: the built CLI, a temp folder for this run, the model server, the plan's sizes. */
export interface TortureContext {
	cli: string;
	/** This run's temp folder (removed at the end). */
	dir: string;
	/** HOME and TMPDIR of the apps (inside `dir`): where recovery files go when the database's folder cannot take them. */
	home: string;
	tmp: string;
	server: MockServer;
	quick: boolean;
	log: (line: string) => void;
	/** Deterministic from --seed, so a run can be repeated exactly. */
	random: () => number;
}

/** One row of the table: a kind of fault, how many cases ran, and how many messages they lost. */
export interface RowResult {
	id: string;
	row: string;
	cases: number;
	lost: number;
	/** Losses the row allows (kill -9: the one reply in flight per case). */
	allowed: number;
	/** Set when the row could not run here (e.g. "skipped: needs root"). */
	skipped?: string;
	/** Everything else that went wrong (one line each); any fails the row. */
	failures: string[];
	details: Record<string, unknown>;
}

export function passed(row: RowResult): boolean | null {
	if (row.skipped !== undefined) return null;
	return row.lost <= row.allowed && row.failures.length === 0;
}

/** A small seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}
