/**
 * The picker's reads from the store: one page of the list on screen and its counts, from one query. Without words the
 * list is every session (Agno's too), most recent first; with words it is the full-text search (title and messages),
 * with the matches to highlight and a snippet per session. A failing read becomes a one-line message instead of an
 * exception in the render.
 */

import type {SearchOptions, SessionStore, SessionSummary, Snippet, TextRange} from '../../store/types.js';

export type Order = NonNullable<SearchOptions['order']>;

export interface ListQuery {
	user: string;
	/** The words searched for ('' lists every session). */
	words: string;
	order: Order;
	/** Bumped after a rename or delete so the same query is read again. */
	revision: number;
}

export interface PageQuery extends ListQuery {
	offset: number;
	limit: number;
}

/** A session in the list, with where the words are in its title and the snippet of a matching message. */
export interface ListedSession {
	session: SessionSummary;
	titleMatches: readonly TextRange[];
	snippet: Snippet | null;
}

export interface Page {
	query: PageQuery;
	/** All of the user's sessions. */
	total: number;
	/** Those the words match (equal to total without words). */
	matching: number;
	sessions: ListedSession[];
	error: string | undefined;
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** One page and the counts: one search (or one listing) and one count of the user's sessions. */
export function readPage(store: SessionStore, query: PageQuery): Page {
	try {
		const total = store.countSessions(query.user);
		if (query.words === '') {
			const sessions = query.limit <= 0 ? [] : store.listSessions(query.user, {limit: query.limit, offset: query.offset});
			return {query, total, matching: total, sessions: sessions.map(session => ({session, titleMatches: [], snippet: null})), error: undefined};
		}
		const found = store.searchSessions(query.user, query.words, {order: query.order, limit: Math.max(0, query.limit), offset: query.offset});
		return {query, total, matching: found.total, sessions: found.hits, error: undefined};
	} catch (error) {
		return {query, total: 0, matching: 0, sessions: [], error: errorText(error)};
	}
}
