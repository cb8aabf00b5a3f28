// How the mock server writes its answers: OpenAI-shaped SSE chunks (paced or burst, with cuts, stalls and
// error events), whole chat.completion objects, and OpenAI-style error bodies. Used by mock-server.ts.
import type {ServerResponse} from 'node:http';
import {setTimeout as sleep} from 'node:timers/promises';
import {familyFrames} from './mock-server-families.js';
import type {WireFamily} from './mock-server-families.js';

/** How the server answers one request. Every field is optional: `{}` streams "Hello from the mock server." */
export interface ScriptedReply {
	/** Text pieces, one per chunk; or a count: that many chunks of generated text. */
	chunks?: readonly string[] | number;
	/** Wait before sending the status line and headers. */
	headersDelayMs?: number;
	/** Wait after the headers, before the first chunk. */
	firstChunkDelayMs?: number;
	/** Wait between chunks. 0 (default) is burst mode: as fast as the socket takes them. */
	chunkDelayMs?: number;
	/** Paced mode: this many chunks per second on a steady schedule (overrides chunkDelayMs). */
	chunksPerSecond?: number;
	/** Answer with this HTTP error status and an OpenAI-style error body instead of a reply. */
	status?: number;
	errorMessage?: string;
	errorType?: string;
	errorCode?: string | null;
	/** Sent as the `retry-after` header (seconds) with an error status. */
	retryAfter?: number;
	/** Extra response headers, e.g. {'retry-after-ms': '1'}. */
	headers?: Readonly<Record<string, string>>;
	/** Destroy the socket after this many text chunks: no finish_reason, no [DONE]. */
	dropAfter?: number;
	/** Send this many text chunks, then nothing more, keeping the connection open. */
	stallAfter?: number;
	/** After this many text chunks, send an in-stream error event (`data: {"error": …}`, using errorMessage) and end. */
	errorEventAfter?: number;
	/** After this many text chunks, send a `data:` line that is not JSON, then end. */
	malformedAfter?: number;
	/** End the stream cleanly (with [DONE]) but never send a finish_reason. */
	omitFinishReason?: boolean;
	/** End the stream cleanly (the body completes) without `data: [DONE]`. */
	omitDone?: boolean;
	/** Default 'stop'. */
	finishReason?: string;
	/** Override the usage sent when the request asks for it. */
	usage?: {prompt_tokens: number; completion_tokens: number};
	/**
	 * Stream in this server's chunk shapes (mock-server-families.ts) instead of the default OpenAI fast path. Pacing
	 * (chunkDelayMs), finishReason, omitFinishReason and omitDone apply; the cut and stall options do not.
	 */
	family?: WireFamily;
	/** With a family: thinking pieces streamed before the text, in the family's reasoning field. */
	reasoning?: readonly string[];
	/** With a family: the field that carries reasoning (vLLM ≥ 0.11 and LM Studio's gpt-oss use `reasoning`). */
	reasoningField?: 'reasoning_content' | 'reasoning';
	/**
	 * With a family: before the first frame whose text holds `before` (plain ASCII), the stream waits for `until` — so a
	 * test sees the thinking phase (or half an answer) on screen however loaded the machine is. Ends early on a client abort.
	 */
	holds?: ReadonlyArray<{before: string; until: Promise<unknown>}>;
	/** Answer 200 with exactly this body (an HTML page, a JSON document, hand-written SSE) instead of a reply. */
	body?: string;
	/** The content-type sent with `body`. Default text/html. */
	contentType?: string;
}

const defaultChunks = ['Hello', ' from', ' the', ' mock', ' server.'];

const words = [
	'The ', 'stream ', 'carries ', 'one ', 'small ', 'piece ', 'of ', 'text ', 'per ', 'chunk, ',
	'like ', 'a ', 'real ', 'model ', 'that ', 'writes ', '**markdown** ', 'and ', '`code` ', 'as ', 'it ', 'thinks. ',
];

/** Deterministic filler text for `chunks: N`: word i, with a paragraph break every 40 chunks. */
export function generatedChunk(index: number): string {
	const word = words[index % words.length]!;
	return index % 40 === 39 ? `${word.trimEnd()}\n\n` : word;
}

export interface StreamContext {
	model: string;
	includeUsage: boolean;
	promptTokens: number;
	/** Aborted when the client closes the connection. */
	signal: AbortSignal;
}

export async function streamReply(response: ServerResponse, reply: ScriptedReply, context: StreamContext): Promise<void> {
	response.writeHead(200, {
		'content-type': 'text/event-stream; charset=utf-8',
		'cache-control': 'no-cache',
		'x-request-id': 'req_mock',
		...reply.headers,
	});
	response.flushHeaders();
	const {signal} = context;

	const id = 'chatcmpl-mock';
	const created = nowSeconds();
	const usageField = context.includeUsage ? ',"usage":null' : '';
	// The fixed parts of every chunk, so a 5,000-chunk burst costs one JSON.stringify per text piece.
	const head = `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(context.model)},"system_fingerprint":"fp_mock","choices":[{"index":0,"delta":`;
	const frame = (delta: string, finishReason: string | null): string =>
		`${head}${delta},"logprobs":null,"finish_reason":${finishReason === null ? 'null' : JSON.stringify(finishReason)}}]${usageField}}\n\n`;

	const {chunks = defaultChunks} = reply;
	const total = typeof chunks === 'number' ? chunks : chunks.length;
	const pieceAt = (index: number): string => typeof chunks === 'number' ? generatedChunk(index) : chunks[index]!;
	const interval = reply.chunksPerSecond ? 1000 / reply.chunksPerSecond : reply.chunkDelayMs ?? 0;
	if (reply.family !== undefined) {
		const usage = usageFor(reply, context.promptTokens, total);
		const frames = familyFrames(reply.family, reply, allChunks(reply), {model: context.model, includeUsage: context.includeUsage, usage});
		const holds = [...reply.holds ?? []];
		for (const [index, framed] of frames.entries()) {
			if (signal.aborted) return;
			if (index > 0 && interval > 0) await sleep(interval, undefined, {signal});
			while (holds[0] !== undefined && framed.includes(holds[0].before)) await untilOrAbort(holds.shift()!.until, signal);
			if (signal.aborted) return;
			await write(response, framed);
		}
		response.end();
		return;
	}
	const cutAt = Math.min(reply.dropAfter ?? Infinity, reply.stallAfter ?? Infinity, reply.errorEventAfter ?? Infinity, reply.malformedAfter ?? Infinity, total);

	await write(response, frame('{"role":"assistant","content":"","refusal":null}', null), cutAt === 0);
	if (reply.firstChunkDelayMs) await sleep(reply.firstChunkDelayMs, undefined, {signal});

	const start = performance.now();
	for (let index = 0; index < cutAt; index++) {
		if (signal.aborted) return;
		if (interval > 0 && index > 0) {
			// A steady schedule (chunk i is due at start + i * interval): timer lateness is caught up, not accumulated.
			const wait = start + index * interval - performance.now();
			if (wait >= 1) await sleep(wait, undefined, {signal});
		}
		await write(response, frame(`{"content":${JSON.stringify(pieceAt(index))}}`, null), index === cutAt - 1);
	}

	if (reply.dropAfter !== undefined && reply.dropAfter <= total) {
		response.socket?.destroy();
		return;
	}
	if (reply.stallAfter !== undefined && reply.stallAfter <= total) {
		return; // Keep the connection open and silent until the client gives up or the server closes.
	}
	if (reply.errorEventAfter !== undefined && reply.errorEventAfter <= total) {
		const error = {message: reply.errorMessage ?? 'The server had an error while processing your request.', type: reply.errorType ?? 'server_error', param: null, code: reply.errorCode ?? null};
		await write(response, `data: ${JSON.stringify({error})}\n\n`);
		response.end();
		return;
	}
	if (reply.malformedAfter !== undefined && reply.malformedAfter <= total) {
		await write(response, 'data: {"choices": [oops\n\n');
		response.end();
		return;
	}
	if (!reply.omitFinishReason) await write(response, frame('{}', reply.finishReason ?? 'stop'));
	if (context.includeUsage) {
		const usage = usageFor(reply, context.promptTokens, total);
		await write(response, `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(context.model)},"system_fingerprint":"fp_mock","choices":[],"usage":${JSON.stringify(usage)}}\n\n`);
	}
	if (!reply.omitDone) await write(response, 'data: [DONE]\n\n');
	response.end();
}

function untilOrAbort(until: Promise<unknown>, signal: AbortSignal): Promise<unknown> {
	return Promise.race([until, new Promise(resolve => {
		signal.addEventListener('abort', resolve, {once: true});
	})]);
}

/** A 200 answer with a fixed body: what a web UI, a proxy or another API sends where a stream was expected. */
export function sendBody(response: ServerResponse, reply: ScriptedReply & {body: string}): void {
	response.writeHead(200, {'content-type': reply.contentType ?? 'text/html; charset=utf-8', 'x-request-id': 'req_mock', ...reply.headers});
	response.end(reply.body);
}

/**
 * Writes one piece, honouring backpressure so a 5,000-chunk burst never piles up in memory.
 * With `flushed`, resolves only once the data has reached the socket (before a deliberate cut).
 */
function write(response: ServerResponse, data: string, flushed = false): Promise<void> {
	return new Promise((resolve, reject) => {
		if (response.destroyed) {
			reject(new Error('client closed the connection'));
			return;
		}
		if (flushed) {
			response.write(data, () => resolve());
			return;
		}
		if (response.write(data)) {
			resolve();
			return;
		}
		const done = (): void => {
			response.off('drain', done);
			response.off('close', done);
			resolve();
		};
		response.on('drain', done);
		response.on('close', done);
	});
}

export function sendError(response: ServerResponse, reply: ScriptedReply): void {
	const status = reply.status ?? 500;
	const headers: Record<string, string> = {...reply.headers};
	if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
	sendJson(response, status, {
		error: {
			message: reply.errorMessage ?? defaultErrorMessage(status),
			type: reply.errorType ?? (status >= 500 ? 'server_error' : status === 429 ? 'requests' : 'invalid_request_error'),
			param: null,
			code: reply.errorCode ?? (status === 429 ? 'rate_limit_exceeded' : null),
		},
	}, headers);
}

function defaultErrorMessage(status: number): string {
	switch (status) {
		case 401: return 'Incorrect API key provided.';
		case 403: return 'You are not allowed to sample from this model.';
		case 404: return 'The model does not exist or you do not have access to it.';
		case 429: return 'Rate limit reached for requests.';
		default: return status >= 500 ? 'The server had an error while processing your request.' : `Request failed with status ${status}.`;
	}
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': 'req_mock', ...headers});
	response.end(text);
}

/** A whole (non-streaming) chat.completion with the scripted text. */
export function sendCompletion(response: ServerResponse, reply: ScriptedReply, context: {model: string; promptTokens: number}): void {
	const chunks = allChunks(reply);
	sendJson(response, 200, {
		id: 'chatcmpl-mock',
		object: 'chat.completion',
		created: nowSeconds(),
		model: context.model,
		choices: [{index: 0, message: {role: 'assistant', content: chunks.join(''), refusal: null}, logprobs: null, finish_reason: reply.finishReason ?? 'stop'}],
		usage: usageFor(reply, context.promptTokens, chunks.length),
	});
}

function allChunks(reply: ScriptedReply): string[] {
	const {chunks = defaultChunks} = reply;
	return typeof chunks === 'number' ? Array.from({length: chunks}, (_, index) => generatedChunk(index)) : [...chunks];
}

function usageFor(reply: ScriptedReply, prompt: number, completion: number): {prompt_tokens: number; completion_tokens: number; total_tokens: number} {
	const usage = reply.usage ?? {prompt_tokens: prompt, completion_tokens: completion};
	return {...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens};
}

function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
