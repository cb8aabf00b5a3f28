/** The data the session store keeps. Times are milliseconds since the epoch. */
import type {StoreError} from './errors.js';
import type {MergeCounts, RecoveredChanges, UnsavedChanges} from './unsaved.js';

export type Role = 'user' | 'assistant' | 'system';

/** complete: finished normally; stopped: the user stopped it (partial text kept); error: it failed (partial text, if any, kept). */
export type MessageStatus = 'complete' | 'stopped' | 'error';

export interface TokenUsage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
}

export interface SessionSummary {
	id: string;
	userId: string;
	/** Name given by the user, or else the first user message (one line, trimmed), or '' when there is none yet. */
	title: string;
	createdAt: number;
	updatedAt: number;
	model: string;
	messageCount: number;
}

export interface StoredMessage {
	id: number;
	sessionId: string;
	position: number;
	role: Role;
	content: string;
	status: MessageStatus;
	/** The one-sentence error shown to the user when status is 'error'. */
	error: string | null;
	createdAt: number;
	usage: TokenUsage | null;
}

export interface NewMessage {
	role: Role;
	content: string;
	status?: MessageStatus;
	error?: string | null;
	usage?: TokenUsage | null;
}

export interface SessionWithMessages {
	session: SessionSummary;
	messages: StoredMessage[];
}

export interface ListOptions {
	/** Case-insensitive text matched against titles and message content. */
	filter?: string;
	limit?: number;
	offset?: number;
}

/** Told the save failure when saving starts failing (or fails differently), and undefined once a save succeeds again. */
export type SaveStatusListener = (error: StoreError | undefined) => void;

/**
 * What the app needs from the store. Mutations change the in-memory database at once and
 * schedule a save; `save()` resolves when everything changed so far is durably on disk.
 */
export interface SessionStore {
	/** As the user gave it (for messages). */
	readonly path: string;
	/** The file it leads to, absolute, symlinks followed (where saves and recovery files go). */
	readonly file: string;
	listSessions(userId: string, options?: ListOptions): SessionSummary[];
	countSessions(userId: string, filter?: string): number;
	latestSession(userId: string): SessionSummary | undefined;
	getSession(id: string): SessionWithMessages | undefined;
	createSession(userId: string, model: string): SessionSummary;
	appendMessage(sessionId: string, message: NewMessage): StoredMessage;
	renameSession(id: string, title: string): void;
	deleteSession(id: string): void;
	/** Resolves when every change made so far is on disk; rejects with a one-sentence message if the save failed. */
	save(): Promise<void>;
	/**
	 * Why the last save failed, or undefined when it succeeded (or none ran). A failed save is retried on its own (after
	 * 1, 2, 5, 10, then every 15 s) as well as by the next change or save(), so this clears once the disk works again.
	 */
	readonly saveError: StoreError | undefined;
	/** Calls `listener` each time `saveError` changes. Returns a function that stops it. */
	onSaveStatus(listener: SaveStatusListener): () => void;
	/** The changes not on disk yet (messages, renames, deletes, with their sessions): what a quit now would lose. */
	unsavedChanges(): UnsavedChanges;
	/** Adds changes kept elsewhere (a recovery file) and schedules their save; what is there already is skipped. */
	mergeUnsaved(changes: RecoveredChanges): MergeCounts;
	/** Saves what is pending and releases the database. */
	close(): Promise<void>;
}
