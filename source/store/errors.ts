/** What went wrong, for callers that react differently (e.g. exit code 2 for a bad --db file). */
export type StoreErrorKind =
	| 'not-ours' // not an agent-session database (junk, damaged, or another app's SQLite file)
	| 'newer-version' // written by a newer agent-session
	| 'bad-path' // --db names something that is neither a regular file nor a path that does not exist yet
	| 'unreadable' // the file or its folder cannot be read or created
	| 'save-failed' // writing the file failed; the data is still in memory
	| 'locked' // another process held the save lock too long
	| 'bad-recovery' // a recovery file that is not one, or is damaged
	| 'unknown-session'
	| 'agno-read-only' // a session that lives only in Agno's tables, which are never written
	| 'unknown-message'
	| 'closed';

/** A store failure whose message is one sentence a user can act on. */
export class StoreError extends Error {
	readonly kind: StoreErrorKind;
	/**
	 * Just the cause, without the advice (e.g. "the disk is full"), for messages written when the advice no longer holds:
	 * a save's message says it will be saved automatically, which is not true once the app is leaving.
	 */
	readonly reason: string;

	constructor(kind: StoreErrorKind, message: string, options?: {cause?: unknown; reason?: string}) {
		super(message, options);
		this.name = 'StoreError';
		this.kind = kind;
		this.reason = options?.reason ?? message;
	}

	/** The process exit code for this failure at start-up: 2 for a --db path (or recovery file) that can never work, as for a bad flag. */
	get exitCode(): number {
		return this.kind === 'bad-path' || this.kind === 'bad-recovery' ? 2 : 1;
	}
}

export function unknownSessionError(id: string): StoreError {
	return new StoreError('unknown-session', `There is no session ${id}; it may have been deleted.`);
}

export function unknownMessageError(): StoreError {
	return new StoreError('unknown-message', 'That message is no longer in the session; it may have been removed in another window.');
}
