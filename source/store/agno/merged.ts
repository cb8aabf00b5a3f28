import * as queries from '../queries.js';
import * as search from '../search.js';
import {matchExpression, matchRanges, queryWords, snippetText} from '../search-text.js';
import type {QueryWord} from '../search-text.js';
import {queryAll} from '../sqljs.js';
import type {Database} from '../sqljs.js';
import type {ListOptions, SearchHit, SearchOptions, SearchResult, SessionSummary, SessionWithMessages} from '../types.js';
import type {AgnoSession} from './rows.js';
import type {AgnoSessions} from './sessions.js';

// The picker's reads over both kinds of sessions: ours (from SQL) and Agno's (read and kept in memory by AgnoSessions).
// A session continued here has a copy in our tables, which wins: its Agno row is not listed again.

/** The user's Agno sessions that were not continued here (a copy keeps the id and user), newest first. */
function agnoOnly(db: Database, agno: AgnoSessions, userId: string): AgnoSession[] {
	const {sessions} = agno.forUser(userId);
	if (sessions.length === 0) return [];
	const continued = new Set(queryAll(db, 'SELECT id FROM sessions WHERE user_id = ?', [userId]).map(row => String(row['id'])));
	return sessions.filter(session => !continued.has(session.summary.id));
}

/** Whether `text` holds every word, by the rule the index matches messages with (see search-text.ts). */
function holdsEvery(text: string, words: readonly QueryWord[]): boolean {
	return words.every(word => matchRanges(text, [word], 'messages').length > 0);
}

/**
 * An Agno session as a search hit, when one of its messages holds every word (Agno sessions have no name: their title
 * is their first message). Not in the index, so matched here: they are few, and already in memory.
 */
function agnoHit(session: AgnoSession, words: readonly QueryWord[]): SearchHit | undefined {
	const matching = session.messages.filter(message => holdsEvery(message.content, words));
	const latest = matching.at(-1);
	if (latest === undefined) return undefined;
	return {
		session: session.summary,
		titleMatches: matchRanges(session.summary.title, words, 'messages'),
		snippet: {messageId: latest.id, role: latest.role, ...snippetText(latest.content, words)},
		matchingMessages: matching.length,
	};
}

/** The user's sessions whose name holds every word (as search.ts ranks them first by relevance). */
function namedMatches(db: Database, userId: string, words: readonly QueryWord[]): Set<string> {
	const rows = queryAll(db, 'SELECT s.id FROM title_search t JOIN sessions s ON s.rowid = t.docid WHERE title_search MATCH ? AND s.user_id = ?', [matchExpression(words, 'titles'), userId]);
	return new Set(rows.map(row => String(row['id'])));
}

/** Ours (the index) and the user's Agno sessions, merged in the order asked for; without words, every session. */
export function searchSessions(db: Database, agno: AgnoSessions, userId: string, query: string, options: SearchOptions = {}): SearchResult {
	const words = queryWords(query);
	if (words.length === 0) {
		const sessions = listSessions(db, agno, userId, {limit: options.limit, offset: options.offset});
		return {total: countSessions(db, agno, userId), hits: sessions.map(session => ({session, titleMatches: [], snippet: null, matchingMessages: 0}))};
	}
	const theirs = agnoOnly(db, agno, userId).flatMap(session => agnoHit(session, words) ?? []);
	if (theirs.length === 0) return search.searchSessions(db, userId, query, options);
	const offset = options.offset ?? 0;
	const end = options.limit === undefined ? undefined : offset + options.limit;
	const ours = search.searchSessions(db, userId, query, {...options, offset: 0, limit: end});
	// Relevance as search.ts ranks ours: named sessions whose name holds the words first (Agno's have no name), then those
	// with more matching messages; recency breaks ties.
	const named = options.order === 'relevance' ? namedMatches(db, userId, words) : new Set<string>();
	const rank = (hit: SearchHit) => (options.order === 'relevance' ? (named.has(hit.session.id) ? 1e12 : 0) + hit.matchingMessages : 0);
	const before = (a: SearchHit, b: SearchHit) => rank(a) > rank(b) || (rank(a) === rank(b) && a.session.updatedAt >= b.session.updatedAt);
	if (options.order === 'relevance') theirs.sort((a, b) => (before(a, b) ? -1 : 1));
	const merged: SearchHit[] = [];
	let mine = 0;
	let other = 0;
	while ((end === undefined || merged.length < end) && (mine < ours.hits.length || other < theirs.length)) {
		const next = ours.hits[mine];
		const agnoNext = theirs[other];
		if (next !== undefined && (agnoNext === undefined || before(next, agnoNext))) {
			merged.push(next);
			mine++;
		} else {
			merged.push(agnoNext!);
			other++;
		}
	}
	return {total: ours.total + theirs.length, hits: merged.slice(offset)};
}

export function listSessions(db: Database, agno: AgnoSessions, userId: string, options: ListOptions = {}): SessionSummary[] {
	const theirs = agnoOnly(db, agno, userId).map(session => session.summary);
	if (theirs.length === 0) return queries.listSessions(db, userId, options);
	const offset = options.offset ?? 0;
	const end = options.limit === undefined ? undefined : offset + options.limit;
	// Enough of ours to fill the page whatever the interleaving; Agno's are few and already in memory.
	const ours = queries.listSessions(db, userId, {...options, offset: 0, limit: end});
	const merged: SessionSummary[] = [];
	let mine = 0;
	let other = 0;
	while ((end === undefined || merged.length < end) && (mine < ours.length || other < theirs.length)) {
		const next = ours[mine];
		const agnoNext = theirs[other];
		if (next !== undefined && (agnoNext === undefined || next.updatedAt >= agnoNext.updatedAt)) {
			merged.push(next);
			mine++;
		} else {
			merged.push(agnoNext!);
			other++;
		}
	}
	return merged.slice(offset);
}

export function countSessions(db: Database, agno: AgnoSessions, userId: string): number {
	return queries.countSessions(db, userId) + agnoOnly(db, agno, userId).length;
}

export function getSession(db: Database, agno: AgnoSessions, id: string): SessionWithMessages | undefined {
	const ours = queries.getSession(db, id);
	if (ours !== undefined) return ours;
	const theirs = agno.get(id);
	return theirs === undefined ? undefined : {session: theirs.summary, messages: theirs.messages};
}

/** The other users with sessions in the file, ours or Agno's, most recently active first, at most `limit`. */
export function otherUsers(db: Database, agno: AgnoSessions, userId: string, limit: number): string[] {
	const ours = queryAll(db, 'SELECT user_id, MAX(updated_at) AS active FROM sessions WHERE user_id <> ? GROUP BY user_id', [userId])
		.map(row => ({user: String(row['user_id']), active: Number(row['active'])}));
	const users = new Map<string, number>();
	for (const {user, active} of [...ours, ...agno.users()]) {
		if (user !== userId) users.set(user, Math.max(active, users.get(user) ?? 0));
	}
	return [...users].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([user]) => user);
}
