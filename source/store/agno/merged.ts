import * as queries from '../queries.js';
import {queryAll} from '../sqljs.js';
import type {Database} from '../sqljs.js';
import type {ListOptions, SessionSummary, SessionWithMessages} from '../types.js';
import type {AgnoSession} from './rows.js';
import type {AgnoSessions} from './sessions.js';

// The picker's reads over both kinds of sessions: ours (from SQL) and Agno's (read and kept in memory by AgnoSessions).
// A session continued here has a copy in our tables, which wins: its Agno row is not listed again.

/** Each session's text, lowercased once: the picker filters on every key typed. */
const searchable = new WeakMap<AgnoSession, string>();

function matches(session: AgnoSession, filter: string | undefined): boolean {
	if (filter === undefined || filter === '') return true;
	let text = searchable.get(session);
	if (text === undefined) {
		text = [session.summary.title, ...session.messages.map(message => message.content)].join('\n').toLowerCase();
		searchable.set(session, text);
	}
	return text.includes(filter.toLowerCase());
}

/** The user's Agno sessions that match `filter` and were not continued here (a copy keeps the id and user), newest first. */
function agnoOnly(db: Database, agno: AgnoSessions, userId: string, filter: string | undefined): SessionSummary[] {
	const {sessions} = agno.forUser(userId);
	if (sessions.length === 0) return [];
	const continued = new Set(queryAll(db, 'SELECT id FROM sessions WHERE user_id = ?', [userId]).map(row => String(row['id'])));
	return sessions
		.filter(session => !continued.has(session.summary.id) && matches(session, filter))
		.map(session => session.summary);
}

export function listSessions(db: Database, agno: AgnoSessions, userId: string, options: ListOptions = {}): SessionSummary[] {
	const theirs = agnoOnly(db, agno, userId, options.filter);
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

export function countSessions(db: Database, agno: AgnoSessions, userId: string, filter?: string): number {
	return queries.countSessions(db, userId, filter) + agnoOnly(db, agno, userId, filter).length;
}

export function getSession(db: Database, agno: AgnoSessions, id: string): SessionWithMessages | undefined {
	const ours = queries.getSession(db, id);
	if (ours !== undefined) return ours;
	const theirs = agno.get(id);
	return theirs === undefined ? undefined : {session: theirs.summary, messages: theirs.messages};
}
