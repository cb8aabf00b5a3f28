import type * as OpenAISdk from 'openai';
import type {ChatError} from './types.js';

/** What an error message needs to know about the request: which model, which server. */
export interface Target {
	model: string;
	/** The base URL in use (OpenAI's own when none was given). */
	url: string;
	/** True when the user pointed us at a server with --base-url / OPENAI_BASE_URL. */
	custom: boolean;
	stallTimeoutMs: number;
}

export const openAIURL = 'https://api.openai.com/v1';

/** Maps anything the SDK throws before the stream starts to one sentence the user can act on. */
export function describeError(error: unknown, sdk: typeof OpenAISdk, target: Target): ChatError {
	const host = hostOf(target.url);
	const server = serverName(target);
	// Most specific classes first: the timeout, abort and connection errors all extend APIError too.
	if (error instanceof sdk.APIConnectionTimeoutError) {
		return {kind: 'timeout', message: `No answer from ${target.url} in time: check that the server is reachable, then try again.`};
	}
	if (error instanceof sdk.APIConnectionError) {
		return {kind: 'connection', message: connectionMessage(error, target)};
	}
	if (error instanceof sdk.AuthenticationError) {
		return {
			kind: 'auth',
			status: 401,
			message: target.custom
				? `${host} rejected the API key (401): set OPENAI_API_KEY to a key it accepts.`
				: 'OpenAI rejected the API key (401): set OPENAI_API_KEY to a valid key.',
		};
	}
	if (error instanceof sdk.PermissionDeniedError) {
		return {kind: 'forbidden', status: 403, message: `${server} denied access (403): check that your API key may use model "${target.model}".`};
	}
	if (error instanceof sdk.NotFoundError) {
		return {kind: 'not-found', status: 404, message: notFoundMessage(error, target, host)};
	}
	if (error instanceof sdk.RateLimitError) {
		return {kind: 'rate-limit', status: 429, message: rateLimitMessage(error, server)};
	}
	if (error instanceof sdk.InternalServerError) {
		return {kind: 'server', status: error.status, message: `${host} had a server error (${error.status}); try again in a moment.`};
	}
	if (error instanceof sdk.APIError) {
		if (error.status === undefined) return streamErrorEvent(error.error, target);
		return {kind: 'unknown', status: error.status, message: `${server} rejected the request (${error.status}): ${serverDetail(error.error) || 'no details given'}.`};
	}
	if (error instanceof SyntaxError) return malformedChunkError(target);
	return {kind: 'unknown', message: `The request failed: ${oneLine(error instanceof Error ? error.message : String(error)) || 'unknown error'}.`};
}

/** An error event inside an otherwise good stream (`data: {"error": …}` or `event: error`); `body` is its error object. */
export function streamErrorEvent(body: unknown, target: Target): ChatError {
	return {kind: 'unknown', message: `${serverName(target)} reported an error: ${serverDetail(body) || 'no details given'}.`};
}

/** A `data:` line that is not JSON: the stream cannot be read on. */
export function malformedChunkError(target: Target): ChatError {
	return {kind: 'unknown', message: `${serverName(target)} sent a reply chunk that is not valid JSON, so the reply was cut short.`};
}

/**
 * A 200 answer that is not an OpenAI chat stream, said as what arrived: an HTML page (a web UI or a proxy's page: the
 * base URL misses its /v1), something else, or JSON chunks without `choices` (another API's stream).
 */
export function notAStreamError(target: Target, arrived: 'html' | 'other' | 'no-choices'): ChatError {
	const server = serverName(target);
	switch (arrived) {
		case 'html': {
			return {kind: 'not-a-stream', message: `${server} answered with an HTML page, not an OpenAI stream: check --base-url (it usually ends in /v1).`};
		}
		case 'other': {
			return {kind: 'not-a-stream', message: `${server} answered with something that is not an OpenAI stream: check --base-url (it usually ends in /v1).`};
		}
		case 'no-choices': {
			return {kind: 'not-a-stream', message: `${server} sent stream chunks without any choices in them, not an OpenAI chat stream: check --base-url and --model.`};
		}
	}
}

/** Why GET /models gave no list: a server that does not list its models (404) is told apart from other failures. */
export function modelListError(error: unknown, sdk: typeof OpenAISdk, target: Target): ChatError {
	if (error instanceof sdk.NotFoundError) {
		return {kind: 'not-found', status: 404, message: `${serverName(target)} does not list its models (404); type the model's name instead.`};
	}
	return describeError(error, sdk, target);
}

/** GET /models answered 200 with something that is not a model list. */
export function notAModelListError(target: Target, html: boolean): ChatError {
	const what = html ? 'an HTML page' : 'something';
	return {kind: 'not-a-stream', message: `${serverName(target)} answered with ${what} that is not a model list: check --base-url (it usually ends in /v1).`};
}

/** Nothing arrived (no headers, or no chunk) for the whole stall timeout. */
export function stallError(target: Target): ChatError {
	return {
		kind: 'timeout',
		message: `No reply from ${hostOf(target.url)} for ${formatSeconds(target.stallTimeoutMs)}, so the request was stopped: try again, or raise --timeout.`,
	};
}

/** The connection closed with neither a finish_reason nor `data: [DONE]`: the reply was cut. */
export function interruptedError(hadText: boolean): ChatError {
	return {
		kind: 'interrupted',
		message: hadText
			? 'The connection closed before the reply finished; the partial reply was kept.'
			: 'The connection closed before the reply started; try again.',
	};
}

export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Milliseconds a server asks us to wait (retry-after-ms, retry-after in seconds or as a date), if it says. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
	const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
	if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
	const value = headers?.get('retry-after');
	if (value === undefined || value === null || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function connectionMessage(error: Error, target: Target): string {
	const code = causeCode(error);
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return target.custom
			? `Cannot connect to ${target.url}: the host name was not found; check --base-url.`
			: `Cannot connect to ${target.url}: the host name was not found; check your network connection.`;
	}
	return target.custom
		? `Cannot connect to ${target.url}: is the server running?`
		: `Cannot connect to ${target.url}: check your network connection.`;
}

function notFoundMessage(error: OpenAISdk.APIError, target: Target, host: string): string {
	const detail = serverDetail(error.error);
	// A 404 that is not about the model usually means the base URL misses its /v1 (or similar) path.
	if (target.custom && error.code !== 'model_not_found' && !/model/i.test(detail)) {
		return `${host} has no chat endpoint at ${target.url} (404): check --base-url (it usually ends in /v1).`;
	}
	return `Model "${target.model}" was not found on ${host} (404): choose another with /model in the chat, or pass --model.`;
}

function rateLimitMessage(error: OpenAISdk.APIError, server: string): string {
	if (error.code === 'insufficient_quota') {
		return `${server} says the account has no quota left (429): check your plan and billing.`;
	}
	const wait = retryAfterMs(error.headers);
	return wait === undefined
		? `${server} is rate limiting requests (429): wait a moment and try again.`
		: `${server} is rate limiting requests (429): try again in ${formatSeconds(wait)}.`;
}

/** The server's own explanation from an error body (`{message}`, or a bare string), as one short line. */
function serverDetail(body: unknown): string {
	if (typeof body === 'string') return oneLine(body);
	const message = typeof body === 'object' && body !== null ? (body as {message?: unknown}).message : undefined;
	return typeof message === 'string' ? oneLine(message) : '';
}

/** How messages name the server: its host for --base-url servers, else OpenAI. */
function serverName(target: Target): string {
	return target.custom ? hostOf(target.url) : 'OpenAI';
}

function causeCode(error: unknown): string | undefined {
	// undici nests the system error: APIConnectionError → TypeError('fetch failed') → Error{code} (or AggregateError).
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const {code, errors, cause} = current as {code?: unknown; errors?: unknown; cause?: unknown};
		if (typeof code === 'string') return code;
		if (Array.isArray(errors) && errors.length > 0) return causeCode(errors[0]);
		current = cause;
	}
	return undefined;
}

function oneLine(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function formatSeconds(milliseconds: number): string {
	const seconds = milliseconds / 1000;
	return `${seconds >= 10 ? Math.round(seconds) : Number(seconds.toFixed(1))} s`;
}
