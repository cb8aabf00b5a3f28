import {sessionKeys} from './message-sessions.js';
import {checkCount, countSessions, listSessions, summaryColumns, toSummary} from './queries.js';
import {matchExpression, matchRanges, queryWords, snippetText} from './search-text.js';
import type {QueryWord} from './search-text.js';
import {queryAll, queryValue} from './sqljs.js';
import type {Database, Row} from './sqljs.js';
import type {Role, SearchHit, SearchOptions, SearchResult, Snippet} from './types.js';

/**
 * Full-text search for the picker: one user's sessions whose name, or one of whose messages, holds every word of
 * `query`. Words match the start of words as the user types ("ter" finds "terminal"); in messages a word of one or two
 * letters matches whole words only (see search-text.ts). Case and Latin accents are ignored (unicode61): "ECOLE" finds
 * "école"; "ß" is not "ss". A run of Chinese or Japanese characters is one word to the index: found by its start. An
 * empty query lists every session.
 */
export function searchSessions(db: Database, userId: string, query: string, options: SearchOptions = {}): SearchResult {
	checkCount('limit', options.limit);
	checkCount('offset', options.offset);
	const words = queryWords(query);
	if (words.length === 0) {
		const sessions = listSessions(db, userId, {limit: options.limit, offset: options.offset});
		return {total: countSessions(db, userId), hits: sessions.map(session => ({session, titleMatches: [], snippet: null, matchingMessages: 0}))};
	}
	const messages = matchingMessages(db, matchExpression(words, 'messages'));
	const named = new Set(ids(db, 'SELECT group_concat(docid) FROM title_search WHERE title_search MATCH ?', [matchExpression(words, 'titles')]));
	// The user's sessions, most recent first, narrowed to the matching ones.
	const found = ids(db, 'SELECT group_concat(rowid, \',\' ORDER BY updated_at DESC, rowid DESC) FROM sessions WHERE user_id = ?', [userId])
		.filter(key => messages.has(key) || named.has(key));
	if (options.order === 'relevance') {
		// Stable: ties keep the most recent first.
		const rank = (key: number) => (named.has(key) ? 1e12 : 0) + (messages.get(key)?.count ?? 0);
		found.sort((a, b) => rank(b) - rank(a));
	}
	const offset = options.offset ?? 0;
	const page = found.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
	return {total: found.length, hits: hits(db, page, messages, named, words)};
}

/** The numbers of a one-value query that group_concat()s them (no row: none). */
function ids(db: Database, sql: string, params: Array<string | number>): number[] {
	const text = queryValue(db, sql, params);
	return typeof text === 'string' ? text.split(',').map(Number) : [];
}

interface SessionMatches {
	/** The most recent matching message. */
	latest: number;
	count: number;
}

/** The sessions (by rowid) with a message matching `expression`. */
function matchingMessages(db: Database, expression: string): Map<number, SessionMatches> {
	const keys = sessionKeys(db);
	const sessions = new Map<number, SessionMatches>();
	for (const id of ids(db, 'SELECT group_concat(docid) FROM message_search WHERE message_search MATCH ?', [expression])) {
		const key = keys[id] ?? 0;
		if (key === 0) continue;
		const matches = sessions.get(key);
		if (matches === undefined) {
			sessions.set(key, {latest: id, count: 1});
		} else {
			matches.count++;
			matches.latest = Math.max(matches.latest, id);
		}
	}
	return sessions;
}

function hits(db: Database, page: readonly number[], messages: ReadonlyMap<number, SessionMatches>, named: ReadonlySet<number>, words: readonly QueryWord[]): SearchHit[] {
	if (page.length === 0) return [];
	const list = (values: readonly number[]) => values.map(() => '?').join(', ');
	const summaries = new Map<number, Row>();
	for (const row of queryAll(db, `SELECT ${summaryColumns}, s.rowid AS key FROM sessions s WHERE s.rowid IN (${list(page)})`, [...page])) {
		summaries.set(Number(row['key']), row);
	}
	const latest = page.flatMap(key => messages.get(key)?.latest ?? []);
	const texts = new Map<number, Row>();
	if (latest.length > 0) {
		for (const row of queryAll(db, `SELECT id, role, content FROM messages WHERE id IN (${list(latest)})`, latest)) texts.set(Number(row['id']), row);
	}
	return page.map(key => {
		const session = toSummary(summaries.get(key)!);
		const matches = messages.get(key);
		const message = matches === undefined ? undefined : texts.get(matches.latest);
		let snippet: Snippet | null = null;
		if (message !== undefined) {
			snippet = {messageId: Number(message['id']), role: String(message['role']) as Role, ...snippetText(String(message['content']), words)};
		}
		// The title shown is the name, or else the first message: marked by the rule of whichever it is.
		const titleMatches = matchRanges(session.title, words, named.has(key) ? 'titles' : 'messages');
		return {session, titleMatches, snippet, matchingMessages: matches?.count ?? 0};
	});
}
