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
	const server = target.custom ? host : 'OpenAI';
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
		const detail = serverDetail(error);
		if (error.status === undefined) {
			// An error event inside an otherwise good stream.
			return {kind: 'unknown', message: `${server} reported an error: ${detail || 'no details given'}.`};
		}
		return {kind: 'unknown', status: error.status, message: `${server} rejected the request (${error.status}): ${detail || 'no details given'}.`};
	}
	if (error instanceof SyntaxError) {
		// The SDK parses each `data:` line as JSON; a server that sends anything else ends the stream here.
		return {kind: 'unknown', message: `${server} sent a reply chunk that is not valid JSON, so the reply was cut short.`};
	}
	return {kind: 'unknown', message: `The request failed: ${oneLine(error instanceof Error ? error.message : String(error)) || 'unknown error'}.`};
}

/** Nothing arrived (no headers, or no chunk) for the whole stall timeout. */
export function stallError(target: Target): ChatError {
	return {
		kind: 'timeout',
		message: `No reply from ${hostOf(target.url)} for ${formatSeconds(target.stallTimeoutMs)}, so the request was stopped: try again, or raise --timeout.`,
	};
}

/** The stream ended (cleanly or by a cut) without a finish_reason. */
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
	const detail = serverDetail(error);
	// A 404 that is not about the model usually means the base URL misses its /v1 (or similar) path.
	if (target.custom && error.code !== 'model_not_found' && !/model/i.test(detail)) {
		return `${host} has no chat endpoint at ${target.url} (404): check --base-url (it usually ends in /v1).`;
	}
	return `Model "${target.model}" was not found on ${host} (404): check --model.`;
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

/** The server's own explanation from the error body, as one short line. */
function serverDetail(error: OpenAISdk.APIError): string {
	const body = error.error as {message?: unknown} | undefined;
	const message = typeof body?.message === 'string' ? body.message : '';
	return oneLine(message);
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
