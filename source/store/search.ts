import {checkCount, listSessions, countSessions, summaryColumns, toSummary} from './queries.js';
import {matchExpression, matchRanges, queryWords, snippetText} from './search-text.js';
import type {QueryWord} from './search-text.js';
import {queryAll, queryValue} from './sqljs.js';
import type {Database, Row} from './sqljs.js';
import type {Role, SearchHit, SearchOptions, SearchResult, Snippet} from './types.js';

/**
 * Full-text search for the picker: one user's sessions whose title, or one of whose messages, holds every word of
 * `query`. Words match the start of words as the user types ("ter" finds "terminal"); in messages a word of one or two
 * letters matches whole words only (see search-text.ts). Case and accents are ignored (unicode61): "ECOLE" finds
 * "école"; "ß" is not "ss". Runs of Chinese or Japanese characters are one word to the index: a query finds them by
 * their start. An empty query lists every session.
 */
export function searchSessions(db: Database, userId: string, query: string, options: SearchOptions = {}): SearchResult {
	checkCount('limit', options.limit);
	checkCount('offset', options.offset);
	const words = queryWords(query);
	if (words.length === 0) {
		const sessions = listSessions(db, userId, {limit: options.limit, offset: options.offset});
		return {total: countSessions(db, userId), hits: sessions.map(session => ({session, titleMatches: [], snippet: null, matchingMessages: 0}))};
	}
	const order = options.order === 'relevance'
		? 'title_match DESC, matches DESC, s.updated_at DESC, s.rowid DESC'
		: 's.updated_at DESC, s.rowid DESC';
	const params = {
		$user: userId,
		$messages: matchExpression(words, 'messages'),
		$titles: matchExpression(words, 'titles'),
		$limit: options.limit ?? -1,
		$offset: options.offset ?? 0,
	};
	// Matches are grouped by session through message_sessions (see the schema); the total comes with the page.
	const rows = queryAll(db, `
		WITH hits AS (
			SELECT x.session_key AS key, max(x.message_id) AS latest, count(*) AS matches
			FROM message_search JOIN message_sessions x ON x.message_id = message_search.docid
			WHERE message_search MATCH $messages
			GROUP BY x.session_key
		), titles AS (
			SELECT docid AS key FROM title_search WHERE title_search MATCH $titles
		)
		SELECT ${summaryColumns}, h.latest, coalesce(h.matches, 0) AS matches, t.key IS NOT NULL AS title_match, count(*) OVER () AS total
		FROM sessions s LEFT JOIN hits h ON h.key = s.rowid LEFT JOIN titles t ON t.key = s.rowid
		WHERE s.user_id = $user AND (h.key IS NOT NULL OR t.key IS NOT NULL)
		ORDER BY ${order}
		LIMIT $limit OFFSET $offset
	`, params);
	// A page past the end has no row to carry the total.
	const total = rows.length > 0 ? Number(rows[0]!['total']) : params.$offset === 0 ? 0 : countMatches(db, params);
	return {total, hits: withSnippets(db, rows, words)};
}

function countMatches(db: Database, params: {$user: string; $messages: string; $titles: string}): number {
	return Number(queryValue(db, `
		SELECT count(*) FROM sessions s
		WHERE s.user_id = $user AND (
			s.rowid IN (SELECT x.session_key FROM message_search JOIN message_sessions x ON x.message_id = message_search.docid WHERE message_search MATCH $messages)
			OR s.rowid IN (SELECT docid FROM title_search WHERE title_search MATCH $titles)
		)
	`, {$user: params.$user, $messages: params.$messages, $titles: params.$titles}));
}

function withSnippets(db: Database, rows: readonly Row[], words: readonly QueryWord[]): SearchHit[] {
	const latest = rows.map(row => row['latest']).filter(id => typeof id === 'number');
	const messages = new Map<number, Row>();
	if (latest.length > 0) {
		const found = queryAll(db, `SELECT id, role, content FROM messages WHERE id IN (${latest.map(() => '?').join(', ')})`, latest);
		for (const message of found) messages.set(Number(message['id']), message);
	}
	return rows.map(row => {
		const session = toSummary(row);
		const message = typeof row['latest'] === 'number' ? messages.get(row['latest']) : undefined;
		let snippet: Snippet | null = null;
		if (message !== undefined) {
			snippet = {messageId: Number(message['id']), role: String(message['role']) as Role, ...snippetText(String(message['content']), words)};
		}
		// The title shown is the name, or else the first message: highlighted by the rule of whichever it is.
		const titleMatches = matchRanges(session.title, words, row['title_match'] === 1 ? 'titles' : 'messages');
		return {session, titleMatches, snippet, matchingMessages: Number(row['matches'])};
	});
}
