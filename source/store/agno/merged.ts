import * as queries from '../queries.js';
import {sessionExists} from '../mutations.js';
import type {Database} from '../sqljs.js';
import type {ListOptions, SessionSummary, SessionWithMessages} from '../types.js';
import type {AgnoSession} from './rows.js';
import type {AgnoSessions} from './sessions.js';

// The picker's reads over both kinds of sessions: ours (from SQL) and Agno's (read and kept in memory by AgnoSessions).
// A session continued here has a copy in our tables, which wins: its Agno row is not listed again.

function matches(session: AgnoSession, filter: string | undefined): boolean {
	if (filter === undefined || filter === '') return true;
	const needle = filter.toLowerCase();
	return session.summary.title.toLowerCase().includes(needle) || session.messages.some(message => message.content.toLowerCase().includes(needle));
}

/** The user's Agno sessions that match `filter` and were not continued here, newest first. */
function agnoOnly(db: Database, agno: AgnoSessions, userId: string, filter: string | undefined): SessionSummary[] {
	return agno.forUser(userId).sessions
		.filter(session => matches(session, filter) && !sessionExists(db, session.summary.id))
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
