/**
 * The picker's reads from the store: the counts and the one page of sessions on screen.
 * A failing read becomes a one-line message instead of an exception in the render.
 */

import type {SessionStore, SessionSummary} from '../../store/types.js';

export interface CountQuery {
	user: string;
	filter: string;
	/** Bumped after a rename or delete so a memoized read is done again. */
	revision: number;
}

export interface Counts {
	query: CountQuery;
	/** All of the user's sessions. */
	total: number;
	/** Those matching the filter (equal to total without a filter). */
	matching: number;
	error: string | undefined;
}

export interface PageQuery extends CountQuery {
	offset: number;
	limit: number;
}

export interface Page {
	query: PageQuery;
	sessions: SessionSummary[];
	error: string | undefined;
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function readCounts(store: SessionStore, query: CountQuery): Counts {
	try {
		const total = store.countSessions(query.user);
		const matching = query.filter ? store.countSessions(query.user, query.filter) : total;
		return {query, total, matching, error: undefined};
	} catch (error) {
		return {query, total: 0, matching: 0, error: errorText(error)};
	}
}

export function readPage(store: SessionStore, query: PageQuery): Page {
	if (query.limit <= 0) {
		return {query, sessions: [], error: undefined};
	}

	try {
		const sessions = store.listSessions(query.user, {
			...(query.filter ? {filter: query.filter} : {}),
			limit: query.limit,
			offset: query.offset,
		});
		return {query, sessions, error: undefined};
	} catch (error) {
		return {query, sessions: [], error: errorText(error)};
	}
}

/** The session at list row `row` (row 1 is the first session), read fresh so it matches the current filter. */
export function sessionAtRow(store: SessionStore, user: string, filter: string, row: number): SessionSummary | undefined {
	if (row < 1) {
		return undefined;
	}

	return store.listSessions(user, {...(filter ? {filter} : {}), limit: 1, offset: row - 1})[0];
}
