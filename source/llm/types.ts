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
	| 'interrupted' // the connection closed with neither a finish_reason nor [DONE]: partial text kept
	| 'not-a-stream' // a 200 answer that is not an OpenAI stream (an HTML page, another API's JSON)
	| 'unknown';

export interface ChatError {
	kind: ChatErrorKind;
	/** One sentence a user can act on. No stack traces. */
	message: string;
	status?: number;
}

/**
 * Every stream yields any number of deltas (answer text) and reasoning deltas (the model's thinking, never part of the
 * answer), at most one usage, then ends with exactly one of finished / stopped / failed.
 * `finished.reason` is the server's finish_reason ('stop' when it sent none before `data: [DONE]`); `finishNotice(reason)`
 * (finish-reason.ts) gives the sentence to show for the ones that are not a natural end, such as 'length'.
 */
export type ChatEvent =
	| {type: 'delta'; text: string}
	| {type: 'reasoning'; text: string}
	| {type: 'usage'; usage: Usage}
	| {type: 'finished'; reason: string}
	| {type: 'stopped'}
	| {type: 'failed'; error: ChatError};

/** The models a server offers (GET /v1/models), or why that could not be had. */
export type ModelList =
	| {type: 'listed'; models: string[]}
	| {type: 'stopped'}
	| {type: 'failed'; error: ChatError};

/** What one request may change: a session's own model (chosen with /model) instead of the one the app started with. */
export interface StreamOptions {
	/** The model id to send; the model's own `name` when absent. The offline model ignores it. */
	model?: string;
}

export interface ChatModel {
	/** Model id sent to the server unless a request names another, e.g. "gpt-4o"; "offline" for the built-in model. */
	readonly name: string;
	/** What the status bar shows, e.g. "gpt-4o", "llama3 @ localhost:11434", "offline model". */
	readonly label: string;
	readonly offline: boolean;
	/** The label of the same server with another model id: "qwen3 @ localhost:11434". */
	labelFor(model: string): string;
	stream(messages: readonly ChatMessage[], signal: AbortSignal, options?: StreamOptions): AsyncIterable<ChatEvent>;
	/** Never rejects: failures come back as one sentence, like a stream's. */
	listModels(signal: AbortSignal): Promise<ModelList>;
}
