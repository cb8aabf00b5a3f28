/** What went wrong, for callers that react differently (e.g. exit code 2 for a bad --db file). */
export type StoreErrorKind =
	| 'not-ours' // not an agent-session database (junk, damaged, or another app's SQLite file)
	| 'newer-version' // written by a newer agent-session
	| 'unreadable' // the file or its folder cannot be read or created
	| 'save-failed' // writing the file failed; the data is still in memory
	| 'locked' // another process held the save lock too long
	| 'unknown-session'
	| 'agno-read-only' // a session that lives only in Agno's tables, which are never written
	| 'unknown-message'
	| 'closed';

/** A store failure whose message is one sentence a user can act on. */
export class StoreError extends Error {
	readonly kind: StoreErrorKind;

	constructor(kind: StoreErrorKind, message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.name = 'StoreError';
		this.kind = kind;
	}
}

export function unknownSessionError(id: string): StoreError {
	return new StoreError('unknown-session', `There is no session ${id}; it may have been deleted.`);
}

export function unknownMessageError(): StoreError {
	return new StoreError('unknown-message', 'That message is no longer in the session; it may have been removed in another window.');
}
