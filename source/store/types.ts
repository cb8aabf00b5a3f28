/** The data the session store keeps. Times are milliseconds since the epoch. */

export type Role = 'user' | 'assistant' | 'system';

/** complete: finished normally; stopped: the user stopped it (partial text kept); error: it failed (partial text, if any, kept). */
export type MessageStatus = 'complete' | 'stopped' | 'error';

export interface TokenUsage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
}

/** Where a session's messages live: our tables, or Agno's own (read only; continuing it copies it into ours). */
export type SessionOrigin = 'agent-session' | 'agno';

export interface SessionSummary {
	id: string;
	userId: string;
	/** Name given by the user, or else the first user message (one line, trimmed), or '' when there is none yet. */
	title: string;
	createdAt: number;
	updatedAt: number;
	model: string;
	messageCount: number;
	origin: SessionOrigin;
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
	/** A reply's thinking (reasoning models), shown apart and never sent back in a request; null when there was none. */
	thinking: string | null;
	/** How long the model thought, when it did. */
	thinkingMs: number | null;
}

export interface NewMessage {
	role: Role;
	content: string;
	status?: MessageStatus;
	error?: string | null;
	usage?: TokenUsage | null;
	thinking?: string | null;
	thinkingMs?: number | null;
}

export interface SessionWithMessages {
	session: SessionSummary;
	messages: StoredMessage[];
}

/** A whole session as data, written into our tables in one go: an imported file, or an Agno session being continued. */
export interface SessionCopy {
	id: string;
	userId: string;
	/** A name given to the session; null shows the first user message instead. */
	title: string | null;
	model: string;
	createdAt: number;
	updatedAt: number;
	messages: ReadonlyArray<Pick<StoredMessage, 'role' | 'content' | 'status' | 'error' | 'createdAt' | 'usage'>>;
}

/** Agno rows left out of a user's listing because they cannot be read, and one sentence saying so for the picker. */
export interface AgnoSkipped {
	count: number;
	notice: string;
}

export interface ListOptions {
	/** Case-insensitive text matched against titles and message content. */
	filter?: string;
	limit?: number;
	offset?: number;
}

/**
 * What the app needs from the store. Mutations change the in-memory database at once and
 * schedule a save; `save()` resolves when everything changed so far is durably on disk.
 */
export interface SessionStore {
	readonly path: string;
	/** Ours and the user's Agno sessions (origin 'agno'), most recently active first. */
	listSessions(userId: string, options?: ListOptions): SessionSummary[];
	countSessions(userId: string, filter?: string): number;
	latestSession(userId: string): SessionSummary | undefined;
	/** Ours, or an Agno session (its messages with negative ids, its system message first). */
	getSession(id: string): SessionWithMessages | undefined;
	/** The user's Agno rows that cannot be read and are left out of the listing; undefined when there are none. */
	agnoSkipped(userId: string): AgnoSkipped | undefined;
	createSession(userId: string, model: string): SessionSummary;
	/** On an Agno session, first copies it into our tables (once, same id); Agno's row is never changed. */
	appendMessage(sessionId: string, message: NewMessage): StoredMessage;
	/** On an Agno session, copies it first, as appendMessage does. */
	renameSession(id: string, title: string): void;
	/** Refuses (StoreError 'agno-read-only') a session that lives only in Agno's tables. */
	deleteSession(id: string): void;
	/** Adds a whole session (an imported file) under `copy.id` when no session has that id yet, else under a new one. */
	importSession(copy: SessionCopy): SessionSummary;
	/** Resolves when every change made so far is on disk; rejects with a one-sentence message if the save failed. */
	save(): Promise<void>;
	/** Saves what is pending and releases the database. */
	close(): Promise<void>;
}
