// A real loopback HTTP server that speaks OpenAI's chat-completions protocol (streaming and not),
// scriptable per test: chunks, pacing, HTTP errors, cuts, stalls, a required key. The LLM tests,
// the UI/E2E tests, the benchmark and `npm run mock-server` all use it.
import {createServer} from 'node:http';
import type {IncomingHttpHeaders, IncomingMessage, ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';

/** How the server answers one request. Every field is optional; `{}` streams a short echo of the last user message. */
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
	/** End the stream cleanly (with [DONE]) but never send a finish_reason. */
	omitFinishReason?: boolean;
	/** Default 'stop'. */
	finishReason?: string;
	/** Override the usage sent when the request asks for it. */
	usage?: {prompt_tokens: number; completion_tokens: number};
}

export interface RecordedRequest {
	method: string;
	/** Path without the query, e.g. /v1/chat/completions. */
	path: string;
	headers: IncomingHttpHeaders;
	/** The JSON body, parsed; undefined when there was none. */
	body: unknown;
	/**
	 * Whether the TCP connection that carried this request is still open (live). After an aborted stream, poll
	 * this rather than `openSockets`: undici opens a fresh idle connection right after destroying the aborted one.
	 */
	readonly connectionOpen: boolean;
	/** Which TCP connection carried it (1, 2, … in order of connection): equal ids mean a kept-alive socket was reused. */
	connectionId: number;
}

export type MockHandler = (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>;

export interface MockServerOptions {
	/** Default 0: any free port. */
	port?: number;
	/** When set, every request must carry `Authorization: Bearer <apiKey>` or gets a 401. */
	apiKey?: string;
	/** Answers requests when no scripted reply is queued. Default: a short echo of the last user message. */
	handler?: MockHandler;
}

export interface MockServer {
	/** Base URL ending in /v1, e.g. http://127.0.0.1:41234/v1. */
	readonly url: string;
	readonly port: number;
	/** Every request received, in order. */
	readonly requests: RecordedRequest[];
	/** TCP connections currently open (so a test can see that an aborted request closed its socket). */
	readonly openSockets: number;
	/** Queue replies: each chat request takes the next one; when the queue is empty the handler answers. */
	script(...replies: ScriptedReply[]): void;
	setHandler(handler: MockHandler | undefined): void;
	requireKey(apiKey: string | undefined): void;
	/** Stops listening and destroys every open socket. */
	close(): Promise<void>;
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

export function echoReply(request: RecordedRequest): ScriptedReply {
	const text = lastUserText(request.body);
	return {chunks: ['You ', 'said: ', text === '' ? '(nothing)' : text]};
}

export function lastUserText(body: unknown): string {
	const messages = isRecord(body) && Array.isArray(body['messages']) ? (body['messages'] as unknown[]) : [];
	for (let index = messages.length - 1; index >= 0; index--) {
		const message = messages[index];
		if (isRecord(message) && message['role'] === 'user' && typeof message['content'] === 'string') {
			return message['content'];
		}
	}
	return '';
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
	const requests: RecordedRequest[] = [];
	const queue: ScriptedReply[] = [];
	const sockets = new Set<Socket>();
	const connectionIds = new WeakMap<Socket, number>();
	let connections = 0;
	let handler: MockHandler = options.handler ?? echoReply;
	let apiKey = options.apiKey;

	const server = createServer((request, response) => {
		void handle(request, response).catch(() => {
			// The client went away mid-reply, or a script threw: drop the connection like a broken server would.
			response.destroy();
		});
	});
	server.on('connection', socket => {
		sockets.add(socket);
		connectionIds.set(socket, ++connections);
		socket.on('close', () => sockets.delete(socket));
	});

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const raw = await readBody(request);
		const path = (request.url ?? '/').split('?')[0]!;
		const {socket} = request;
		const recorded: RecordedRequest = {
			method: request.method ?? 'GET',
			path,
			headers: request.headers,
			body: raw === '' ? undefined : safeJson(raw),
			get connectionOpen() {
				return !socket.destroyed;
			},
			connectionId: connectionIds.get(socket) ?? 0,
		};
		requests.push(recorded);

		if (apiKey !== undefined && request.headers.authorization !== `Bearer ${apiKey}`) {
			sendError(response, {
				status: 401,
				errorMessage: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
				errorType: 'invalid_request_error',
				errorCode: 'invalid_api_key',
			});
			return;
		}
		if (request.method === 'GET' && path === '/v1/models') {
			sendJson(response, 200, {object: 'list', data: [{id: 'mock', object: 'model', created: 0, owned_by: 'mock-server'}]});
			return;
		}
		if (request.method !== 'POST' || path !== '/v1/chat/completions') {
			sendError(response, {status: 404, errorMessage: `Unknown request URL: ${request.method} ${path}.`, errorCode: 'unknown_url'});
			return;
		}

		const reply = queue.shift() ?? await handler(recorded);
		// Every wait ends when the client goes away, so a scripted 10 s delay never keeps the process alive.
		const gone = new AbortController();
		response.on('close', () => gone.abort());
		const {signal} = gone;
		if (reply.headersDelayMs) await sleep(reply.headersDelayMs, undefined, {signal});
		if (reply.status !== undefined && reply.status >= 400) {
			sendError(response, reply);
			return;
		}
		const body = isRecord(recorded.body) ? recorded.body : {};
		const model = typeof body['model'] === 'string' ? body['model'] : 'mock';
		if (body['stream'] === true) {
			const streamOptions = body['stream_options'];
			const includeUsage = isRecord(streamOptions) && streamOptions['include_usage'] === true;
			await streamReply(response, reply, {model, includeUsage, promptTokens: promptTokens(body), signal});
		} else {
			const text = allChunks(reply).join('');
			sendJson(response, 200, {
				id: 'chatcmpl-mock',
				object: 'chat.completion',
				created: nowSeconds(),
				model,
				choices: [{index: 0, message: {role: 'assistant', content: text, refusal: null}, logprobs: null, finish_reason: reply.finishReason ?? 'stop'}],
				usage: usageFor(reply, promptTokens(body), allChunks(reply).length),
			});
		}
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}/v1`,
		port,
		requests,
		get openSockets() {
			return sockets.size;
		},
		script(...replies) {
			queue.push(...replies);
		},
		setHandler(next) {
			handler = next ?? echoReply;
		},
		requireKey(key) {
			apiKey = key;
		},
		async close() {
			const closed = new Promise<void>(resolve => server.close(() => resolve()));
			const socketsClosed = [...sockets].map(socket => new Promise(resolve => socket.once('close', resolve)));
			for (const socket of sockets) socket.destroy();
			await Promise.all([closed, ...socketsClosed]);
		},
	};
}

interface StreamContext {
	model: string;
	includeUsage: boolean;
	promptTokens: number;
	/** Aborted when the client closes the connection. */
	signal: AbortSignal;
}

async function streamReply(response: ServerResponse, reply: ScriptedReply, context: StreamContext): Promise<void> {
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
	const cutAt = Math.min(reply.dropAfter ?? Infinity, reply.stallAfter ?? Infinity, reply.errorEventAfter ?? Infinity, total);

	await write(response, frame('{"role":"assistant","content":"","refusal":null}', null), cutAt === 0);
	if (reply.firstChunkDelayMs) await sleep(reply.firstChunkDelayMs, undefined, {signal});

	const interval = reply.chunksPerSecond ? 1000 / reply.chunksPerSecond : reply.chunkDelayMs ?? 0;
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
	if (!reply.omitFinishReason) await write(response, frame('{}', reply.finishReason ?? 'stop'));
	if (context.includeUsage) {
		const usage = usageFor(reply, context.promptTokens, total);
		await write(response, `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(context.model)},"system_fingerprint":"fp_mock","choices":[],"usage":${JSON.stringify(usage)}}\n\n`);
	}
	await write(response, 'data: [DONE]\n\n');
	response.end();
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

function sendError(response: ServerResponse, reply: ScriptedReply): void {
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

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': 'req_mock', ...headers});
	response.end(text);
}

function allChunks(reply: ScriptedReply): string[] {
	const {chunks = defaultChunks} = reply;
	return typeof chunks === 'number' ? Array.from({length: chunks}, (_, index) => generatedChunk(index)) : [...chunks];
}

function usageFor(reply: ScriptedReply, prompt: number, completion: number): {prompt_tokens: number; completion_tokens: number; total_tokens: number} {
	const usage = reply.usage ?? {prompt_tokens: prompt, completion_tokens: completion};
	return {...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens};
}

/** A rough count (words) so usage numbers move with the request; the real tokenizer is not the point here. */
function promptTokens(body: Record<string, unknown>): number {
	const messages = Array.isArray(body['messages']) ? (body['messages'] as unknown[]) : [];
	let count = 0;
	for (const message of messages) {
		if (isRecord(message) && typeof message['content'] === 'string') count += message['content'].split(/\s+/).filter(Boolean).length + 4;
	}
	return count;
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const parts: Buffer[] = [];
		request.on('data', (part: Buffer) => parts.push(part));
		request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
		request.on('error', reject);
	});
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
