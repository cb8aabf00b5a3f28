import type * as OpenAISdk from 'openai';
import type {Stream} from 'openai/streaming';
import type {ChatCompletionChunk} from 'openai/resources/chat/completions';
import {describeError, hostOf, interruptedError, openAIURL, retryAfterMs, stallError} from './openai-errors.js';
import type {Target} from './openai-errors.js';
import type {ChatEvent, ChatMessage, ChatModel, Usage} from './types.js';

export interface OpenAIModelOptions {
	model: string;
	/** An OpenAI-compatible server; OpenAI itself when undefined. */
	baseURL?: string | undefined;
	/** Optional with a base URL (a placeholder is sent). */
	apiKey?: string | undefined;
	/** No response or no chunk for this long: the request is aborted and reported as a timeout. Default 60 s. */
	stallTimeoutMs?: number;
	/** The SDK's retries for 408/409/429/5xx and connection errors; they only happen before the response starts. Default 2. */
	maxRetries?: number;
	/**
	 * A retry-after longer than this is not waited out silently (the SDK would obey any value): the error is
	 * shown at once, with the wait. Default 5 s.
	 */
	maxRetryWaitMs?: number;
}

/** setTimeout's limit (about 24.8 days): beyond it Node warns on stderr and fires after 1 ms. */
const maxTimerMs = 2 ** 31 - 1;

interface Loaded {
	sdk: typeof OpenAISdk;
	client: OpenAISdk.OpenAI;
}

/** Chat completions from OpenAI or any compatible server, streamed, through the openai SDK (loaded on first use). */
export class OpenAIModel implements ChatModel {
	readonly name: string;
	readonly label: string;
	readonly offline = false;
	private readonly target: Target;
	private readonly apiKey: string;
	private readonly maxRetries: number;
	private readonly maxRetryWaitMs: number;
	private loaded: Promise<Loaded> | undefined;

	constructor(options: OpenAIModelOptions) {
		this.name = options.model;
		this.label = options.baseURL === undefined ? options.model : `${options.model} @ ${hostOf(options.baseURL)}`;
		this.target = {
			model: options.model,
			url: options.baseURL ?? openAIURL,
			custom: options.baseURL !== undefined,
			stallTimeoutMs: options.stallTimeoutMs ?? 60_000,
		};
		// Local servers (Ollama, LM Studio, …) ignore the key, but the SDK insists on one.
		this.apiKey = options.apiKey ?? 'not-needed';
		this.maxRetries = options.maxRetries ?? 2;
		this.maxRetryWaitMs = options.maxRetryWaitMs ?? 5000;
	}

	async *stream(messages: readonly ChatMessage[], signal: AbortSignal): AsyncGenerator<ChatEvent> {
		if (signal.aborted) {
			yield {type: 'stopped'};
			return;
		}
		// One controller for the request: the user's Esc and our stall timer both abort it.
		const controller = new AbortController();
		const abort = (): void => controller.abort();
		signal.addEventListener('abort', abort, {once: true});
		const watchdog = new StallWatchdog(this.target.stallTimeoutMs, abort);
		try {
			let loaded: Loaded;
			try {
				loaded = await this.load();
			} catch (error) {
				yield {type: 'failed', error: {kind: 'unknown', message: `Cannot load the openai package: ${error instanceof Error ? error.message : String(error)}.`}};
				return;
			}
			if (controller.signal.aborted) {
				yield {type: 'stopped'};
				return;
			}
			// Started only now: importing the SDK the first time is not the server being slow.
			watchdog.start();

			let stream: Stream<ChatCompletionChunk>;
			try {
				const request = loaded.client.chat.completions.create({
					model: this.name,
					messages: messages.map(({role, content}) => ({role, content})),
					stream: true,
					stream_options: {include_usage: true},
				}, {signal: controller.signal});
				stream = await untilAborted(request, controller.signal);
			} catch (error) {
				if (watchdog.fired) yield {type: 'failed', error: stallError(this.target)};
				else if (signal.aborted) yield {type: 'stopped'};
				else yield {type: 'failed', error: describeError(error, loaded.sdk, this.target)};
				return;
			}

			let hadText = false;
			let finishReason: string | undefined;
			let usage: Usage | undefined;
			let failure: unknown;
			try {
				// On abort this loop ends silently (the SDK swallows the AbortError), hence the checks after it.
				for await (const chunk of stream) {
					// The SDK keeps yielding chunks it already parsed after an abort: not one more token after Esc.
					if (controller.signal.aborted) break;
					watchdog.touch();
					if (chunk.usage) usage = toUsage(chunk.usage);
					const choice = chunk.choices[0];
					if (choice === undefined) continue;
					const text = choice.delta.content || choice.delta.refusal;
					if (text) {
						hadText = true;
						yield {type: 'delta', text};
						watchdog.touch(); // time the consumer spends with a delta is not the server stalling
					}
					if (choice.finish_reason) finishReason = choice.finish_reason;
				}
			} catch (error) {
				failure = error;
			}

			if (usage !== undefined) yield {type: 'usage', usage};
			if (finishReason !== undefined) {
				// Complete, even if the connection broke while the usage chunk or [DONE] was on its way.
				yield {type: 'finished', reason: finishReason};
			} else if (watchdog.fired) {
				yield {type: 'failed', error: stallError(this.target)};
			} else if (signal.aborted) {
				yield {type: 'stopped'};
			} else if (failure instanceof SyntaxError || (failure instanceof loaded.sdk.APIError && !(failure instanceof loaded.sdk.APIConnectionError))) {
				yield {type: 'failed', error: describeError(failure, loaded.sdk, this.target)};
			} else {
				yield {type: 'failed', error: interruptedError(hadText)};
			}
		} finally {
			signal.removeEventListener('abort', abort);
			watchdog.stop();
			// However the consumer left (even by breaking out early), no request or socket outlives the stream.
			controller.abort();
		}
	}

	private load(): Promise<Loaded> {
		// Loaded lazily so that starting the app (and the offline model) never pays for the SDK.
		this.loaded ??= import('openai').then(sdk => ({
			sdk,
			client: new sdk.OpenAI({
				apiKey: this.apiKey,
				baseURL: this.target.url,
				maxRetries: this.maxRetries,
				// Our stall timer also covers the wait for headers and fires first; this is only a backstop.
				timeout: Math.min(Math.ceil(this.target.stallTimeoutMs) + 1000, maxTimerMs),
				// The SDK logs to the console by default (and honours OPENAI_LOG): that would scribble over the TUI.
				logLevel: 'off',
				fetch: this.fetchWithRetryLimit,
			}),
		}));
		return this.loaded;
	}

	/** Marks an error response as not retryable when it asks for a long wait, so the user hears about it at once. */
	private readonly fetchWithRetryLimit = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
		const response = await fetch(input, init);
		const wait = response.ok ? undefined : retryAfterMs(response.headers);
		if (wait === undefined || wait <= this.maxRetryWaitMs) return response;
		const headers = new Headers(response.headers);
		headers.set('x-should-retry', 'false');
		return new Response(response.body, {status: response.status, statusText: response.statusText, headers});
	};
}

/** Fires once when nothing happened for `timeoutMs`; `touch()` is cheap enough to call per chunk (no timer churn). */
class StallWatchdog {
	fired = false;
	private last = 0;
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly timeoutMs: number, private readonly onStall: () => void) {}

	start(): void {
		this.last = performance.now();
		this.timer = setTimeout(this.check, Math.min(this.timeoutMs, maxTimerMs));
	}

	touch(): void {
		this.last = performance.now();
	}

	stop(): void {
		clearTimeout(this.timer);
	}

	private readonly check = (): void => {
		const idle = performance.now() - this.last;
		if (idle < this.timeoutMs) {
			this.timer = setTimeout(this.check, Math.min(this.timeoutMs - idle, maxTimerMs));
			return;
		}
		this.fired = true;
		this.onStall();
	};
}

/**
 * Settles as soon as `signal` aborts. The SDK's retry backoff sleeps without watching the signal, so without
 * this a Stop pressed between retries would wait for the next attempt.
 */
function untilAborted<T extends {controller: AbortController}>(request: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		const onAbort = (): void => reject(signal.reason);
		signal.addEventListener('abort', onAbort, {once: true});
		request.then(stream => {
			signal.removeEventListener('abort', onAbort);
			if (signal.aborted) stream.controller.abort(); // arrived after we gave up on it: close its socket
			resolve(stream);
		}, (error: unknown) => {
			signal.removeEventListener('abort', onAbort);
			reject(error);
		});
	});
}

function toUsage(usage: {prompt_tokens: number; completion_tokens: number; total_tokens: number}): Usage {
	return {promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens};
}
