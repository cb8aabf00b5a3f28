/** The one interface the UI uses to talk to a model. Nothing above this layer touches an SDK. */

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
}

export type ChatErrorKind =
	| 'auth' // 401
	| 'forbidden' // 403
	| 'not-found' // 404
	| 'rate-limit' // 429
	| 'server' // 5xx
	| 'connection' // refused, DNS, reset before any token
	| 'timeout' // no response / no chunk for too long
	| 'interrupted' // stream ended without a finish_reason (connection cut): partial text kept
	| 'unknown';

export interface ChatError {
	kind: ChatErrorKind;
	/** One sentence a user can act on. No stack traces. */
	message: string;
	status?: number;
}

/**
 * Every stream yields any number of deltas and at most one usage, then ends with
 * exactly one of finished / stopped / failed.
 */
export type ChatEvent =
	| {type: 'delta'; text: string}
	| {type: 'usage'; usage: Usage}
	| {type: 'finished'; reason: string}
	| {type: 'stopped'}
	| {type: 'failed'; error: ChatError};

export interface ChatModel {
	/** Model id sent to the server, e.g. "gpt-4o"; "offline" for the built-in model. */
	readonly name: string;
	/** What the status bar shows, e.g. "gpt-4o", "llama3 @ localhost:11434", "offline model". */
	readonly label: string;
	readonly offline: boolean;
	stream(messages: readonly ChatMessage[], signal: AbortSignal): AsyncIterable<ChatEvent>;
}
