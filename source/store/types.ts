/** The data the session store keeps. Times are milliseconds since the epoch. */

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
	/** Saves what is pending and releases the database. */
	close(): Promise<void>;
}
