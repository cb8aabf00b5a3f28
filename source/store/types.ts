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
	/** Messages in the conversation: superseded alternatives are not counted. */
	messageCount: number;
	origin: SessionOrigin;
	/** The session's own system prompt ('' sends none), or null for the app's default (`--system`). */
	systemPrompt: string | null;
	/** The session this one was forked from, or null. The origin may have been deleted since. */
	forkedFrom: ForkOrigin | null;
}

export interface ForkOrigin {
	sessionId: string;
	/** Position, in the origin, of the user message that was edited to make the fork. */
	position: number;
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
	/** The model that wrote a reply, as the app named it then; null for user messages and replies saved before schema 6. */
	model: string | null;
	/** A reply that was regenerated: kept as an alternative of its turn, never sent to the model again. */
	superseded: boolean;
}

export interface NewMessage {
	role: Role;
	content: string;
	status?: MessageStatus;
	error?: string | null;
	usage?: TokenUsage | null;
	thinking?: string | null;
	thinkingMs?: number | null;
	/** The model that wrote a reply, as the app names it ("qwen3:8b @ 127.0.0.1:11434", "offline model"). */
	model?: string | null;
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
	messages: ReadonlyArray<Pick<StoredMessage, 'role' | 'content' | 'status' | 'error' | 'createdAt' | 'usage' | 'thinking' | 'thinkingMs' | 'model'>>;
}

/** Agno rows left out of a user's listing because they cannot be read, and one sentence saying so for the picker. */
export interface AgnoSkipped {
	count: number;
	notice: string;
}

/** What a write returns: what it wrote, and the session's summary as it now is (title, count, time). */
export interface AppendedMessage {
	message: StoredMessage;
	session: SessionSummary;
}

/** A write that changed other messages too (superseded flags, removed messages): the whole session as it now is. */
export interface AlternativeAppended extends SessionWithMessages {
	message: StoredMessage;
}

export interface ExchangeUndone extends SessionWithMessages {
	/** What was deleted (the last user message first); empty when there was no exchange to undo. */
	removed: StoredMessage[];
}

export interface ListOptions {
	limit?: number;
	offset?: number;
}

export interface SearchOptions {
	/** 'recent' (the default): most recently active first, like listSessions. 'relevance': sessions whose title matches
	 * first, then those with the most matching messages, then the most recent. */
	order?: 'recent' | 'relevance';
	limit?: number;
	offset?: number;
}

/** A run of matched text: `text.slice(start, end)` (UTF-16 offsets, as JavaScript strings count). */
export interface TextRange {
	start: number;
	end: number;
}

/** A line of a matching message around its first match. Stored text: sanitize each piece before it reaches a terminal. */
export interface Snippet {
	messageId: number;
	role: Role;
	/** One line (whitespace runs are single spaces), with '…' where it was cut. */
	text: string;
	matches: TextRange[];
}

export interface SearchHit {
	session: SessionSummary;
	/** Matched words in `session.title`. */
	titleMatches: TextRange[];
	/** From the session's most recent matching message; null when only the title matches. */
	snippet: Snippet | null;
	/** How many of the session's messages match. */
	matchingMessages: number;
}

export interface SearchResult {
	/** Matching sessions in all (for "n matches"); `hits` is the page asked for. */
	total: number;
	hits: SearchHit[];
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
	/** Ours and the user's Agno sessions (origin 'agno'), most recently active first. */
	listSessions(userId: string, options?: ListOptions): SessionSummary[];
	countSessions(userId: string): number;
	latestSession(userId: string): SessionSummary | undefined;
	/** Ours, or an Agno session (its messages with negative ids, its system message first). */
	getSession(id: string): SessionWithMessages | undefined;
	/** The user's Agno rows that cannot be read and are left out of the listing; undefined when there are none. */
	agnoSkipped(userId: string): AgnoSkipped | undefined;
	/** The other users with sessions in the file (ours or Agno's), most recently active first, at most `limit`. */
	otherUsers(userId: string, limit?: number): string[];
	/** `model` and `systemPrompt` are the defaults for new sessions (`--model`, `--system`); null: the app's default. */
	createSession(userId: string, model: string, systemPrompt?: string | null): SessionSummary;
	/** On an Agno session, first copies it into our tables (once, same id); Agno's row is never changed. */
	appendMessage(sessionId: string, message: NewMessage): AppendedMessage;
	/**
	 * A name for the session (one line); an empty one clears it, so the first message shows again. On an Agno session,
	 * copies it first, as appendMessage does.
	 */
	renameSession(id: string, title: string): SessionSummary;
	/** Refuses (StoreError 'agno-read-only') a session that lives only in Agno's tables. */
	deleteSession(id: string): void;
	/** Adds a whole session (an imported file) under `copy.id` when no session has that id yet, else under a new one. */
	importSession(copy: SessionCopy): SessionSummary;
	/** The model for the session's next requests. */
	setModel(id: string, model: string): SessionSummary;
	/** The session's system prompt: '' sends none, null goes back to the app's default. */
	setSystemPrompt(id: string, systemPrompt: string | null): SessionSummary;
	/** The models of the user's sessions, each once, the most recently active first (for the model chooser). */
	recentModels(userId: string, limit?: number): string[];
	/**
	 * One user's sessions whose title or messages hold every word of `query` (see search.ts), with a snippet each; the
	 * user's Agno sessions too (matched in memory, by the same rules). Without words: every session, as listSessions.
	 */
	searchSessions(userId: string, query: string, options?: SearchOptions): SearchResult;
	/**
	 * Regenerate: adds `reply` to the session's last turn (its last user message) and supersedes the reply (or failed
	 * reply) that was current there, which stays as an alternative. The new reply is current.
	 */
	appendAlternative(sessionId: string, reply: Omit<NewMessage, 'role'>): AlternativeAppended;
	/** The replies of the turn `messageId` belongs to (a user message or one of its replies), oldest first. */
	alternativesOf(messageId: number): StoredMessage[];
	/** Makes reply `messageId` the current one of its turn and supersedes the others (flipping with ←/→). */
	chooseAlternative(messageId: number): SessionWithMessages;
	/**
	 * A new session of the same user, named "<title> (fork)", holding copies of the messages before user message
	 * `atMessageId` and then `editedText` as a new user message, not yet answered. The original is left as it is.
	 */
	forkSession(sessionId: string, atMessageId: number, editedText: string): SessionWithMessages;
	/** Deletes the last exchange: the last user message and everything after it (its replies and their alternatives). */
	undoLastExchange(sessionId: string): ExchangeUndone;
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
