// A real loopback HTTP server that speaks OpenAI's chat-completions protocol (streaming and not),
// scriptable per test: chunks, pacing, HTTP errors, cuts, stalls, a required key, other servers' chunk
// shapes (mock-server-families.ts), a model list. The LLM tests, the UI/E2E tests, the benchmark and
// `npm run mock-server` all use it.
import {createServer} from 'node:http';
import type {IncomingHttpHeaders, IncomingMessage, ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {sendBody, sendCompletion, sendError, sendJson, streamReply} from './mock-replies.js';
import type {ScriptedReply} from './mock-replies.js';

export {generatedChunk} from './mock-replies.js';
export type {ScriptedReply} from './mock-replies.js';
export {wireFamilies} from './mock-server-families.js';
export type {WireFamily} from './mock-server-families.js';

export interface RecordedRequest {
	method: string;
	/** Path without the query, e.g. /v1/chat/completions. */
	path: string;
	headers: IncomingHttpHeaders;
	/** The JSON body, parsed; undefined when there was none. */
	body: unknown;
	/** The body as it arrived, for checks on what was sent at all (say, no thinking anywhere in it). */
	raw: string;
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
	/** What GET /v1/models lists; null: the server does not list its models (404). Default ['mock']. */
	models?: readonly string[] | null;
	/** Answer 400 to any request with stream_options, as some older servers do. Default false. */
	rejectStreamOptions?: boolean;
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
	/** What GET /v1/models lists from now on; null: 404, the server does not list its models. */
	setModels(models: readonly string[] | null): void;
	rejectStreamOptions(reject: boolean): void;
	/** Stops listening and destroys every open socket. */
	close(): Promise<void>;
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
	let models = options.models === undefined ? ['mock'] : options.models;
	let rejectsStreamOptions = options.rejectStreamOptions ?? false;

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
			raw,
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
		if (request.method === 'GET' && path === '/v1/models' && models !== null) {
			sendJson(response, 200, {object: 'list', data: models.map(id => ({id, object: 'model', created: 0, owned_by: 'mock-server'}))});
			return;
		}
		if (request.method !== 'POST' || path !== '/v1/chat/completions') {
			sendError(response, {status: 404, errorMessage: `Unknown request URL: ${request.method} ${path}.`, errorCode: 'unknown_url'});
			return;
		}

		if (rejectsStreamOptions && isRecord(recorded.body) && recorded.body['stream_options'] !== undefined) {
			// The shape of a pydantic-validated server (vLLM before stream_options support) refusing an unknown field.
			sendError(response, {status: 400, errorMessage: '[{\'type\': \'extra_forbidden\', \'loc\': (\'body\', \'stream_options\'), \'msg\': \'Extra inputs are not permitted\'}]', errorType: 'BadRequestError'});
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
		if (reply.body !== undefined) {
			sendBody(response, {...reply, body: reply.body});
			return;
		}
		const body = isRecord(recorded.body) ? recorded.body : {};
		const model = typeof body['model'] === 'string' ? body['model'] : 'mock';
		if (body['stream'] === true) {
			const streamOptions = body['stream_options'];
			const includeUsage = isRecord(streamOptions) && streamOptions['include_usage'] === true;
			await streamReply(response, reply, {model, includeUsage, promptTokens: promptTokens(body), signal});
		} else {
			sendCompletion(response, reply, {model, promptTokens: promptTokens(body)});
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
		setModels(next) {
			models = next;
		},
		rejectStreamOptions(reject) {
			rejectsStreamOptions = reject;
		},
		async close() {
			const closed = new Promise<void>(resolve => server.close(() => resolve()));
			const socketsClosed = [...sockets].map(socket => new Promise(resolve => socket.once('close', resolve)));
			for (const socket of sockets) socket.destroy();
			await Promise.all([closed, ...socketsClosed]);
		},
	};
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
