import type {StoreErrorKind} from './errors.js';
import type {Fingerprint} from './files.js';
import type {JournalOp} from './journal.js';
import type {LockOptions} from './lock.js';

/** Test hooks, as data because they cross into the save thread. */
export interface SaveHooks {
	/** Between writing the temp file and renaming it: fail with this errno code (`times` times, default always), or kill the whole process (a crash). */
	beforeRename?: {failWith: string; times?: number} | 'kill-process';
}

export interface SaverSetup {
	/** Absolute path of the file. */
	file: string;
	/** As the user gave it, for messages. */
	path: string;
	/** The database: bytes, or a descriptor of the file the app thread opened (to read it here too), or undefined for a new one. */
	bytes: Uint8Array | {fd: number; size: number} | undefined;
	/** What the file was when `bytes` were read (or last saved), undefined when there was none. */
	known: Fingerprint | undefined;
	/** Changes already in `bytes` but not yet saved (after a restart of the save thread). */
	journal: JournalOp[];
	lock: LockOptions;
	hooks: SaveHooks;
}

/** A StoreError as it crosses from the save thread. */
export interface SaveError {
	kind: StoreErrorKind;
	message: string;
	reason: string;
}

export interface SaveTimings {
	lockMs: number;
	mergeMs: number;
	exportMs: number;
	writeMs: number;
	totalMs: number;
}

export interface SaveOutcome {
	/** Set when the file had been changed by another instance: the merged database, which is also what was written (if `error` is unset). */
	merged: Uint8Array | undefined;
	/** The file as now on disk (after a successful save). */
	known: Fingerprint | undefined;
	error: SaveError | undefined;
	timings: SaveTimings;
}

export type SaverRequest =
	| {call: number; type: 'attach'; store: number; setup: SaverSetup}
	| {call: number; type: 'save'; store: number; ops: JournalOp[]}
	| {call: number; type: 'detach'; store: number};

export type SaverResponse =
	| {call: number; ok: true; outcome?: SaveOutcome}
	| {call: number; ok: false; error: SaveError};

export interface StoreOptions {
	lock?: Partial<LockOptions>;
	/** For tests: make saves fail, or the process die, between writing the temp file and renaming it. */
	hooks?: SaveHooks;
}

/** How the store's saves went, for tests and measurements. */
export interface SaveStats {
	/** Saves that reached the disk. */
	saves: number;
	/** Saves that found the file changed by another instance and merged it first. */
	merges: number;
	/** The parts of the last save, in the save thread; `mainThreadMs` is what it cost this thread (a merge reloads here). */
	last: SaveTimings & {mainThreadMs: number};
}
