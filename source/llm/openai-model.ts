import type * as OpenAISdk from 'openai';
import {describeError, hostOf, interruptedError, modelListError, notAModelListError, openAIURL, retryAfterMs, stallError} from './openai-errors.js';
import type {Target} from './openai-errors.js';
import {isRecord} from './reply-assembler.js';
import {readReply} from './reply-reader.js';
import {StallWatchdog, maxTimerMs} from './stall-watchdog.js';
import type {ChatEvent, ChatMessage, ChatModel, ModelList, StreamOptions} from './types.js';

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

/**
 * Servers (base URL + model) that answered 400/422 to `stream_options` (older vLLM, llama.cpp and LM Studio builds):
 * asked without it for the rest of the run, so each reply costs one request, not two.
 */
const rejectsStreamOptions = new Set<string>();

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
	private readonly baseURL: string | undefined;
	private readonly apiKey: string;
	private readonly maxRetries: number;
	private readonly maxRetryWaitMs: number;
	private loaded: Promise<Loaded> | undefined;

	constructor(options: OpenAIModelOptions) {
		this.name = options.model;
		this.baseURL = options.baseURL;
		this.label = this.labelFor(options.model);
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

	labelFor(model: string): string {
		return this.baseURL === undefined ? model : `${model} @ ${hostOf(this.baseURL)}`;
	}

	async *stream(messages: readonly ChatMessage[], signal: AbortSignal, options: StreamOptions = {}): AsyncGenerator<ChatEvent> {
		// The request's own model, so that every error names the model that was asked.
		const target: Target = options.model === undefined ? this.target : {...this.target, model: options.model};
		if (signal.aborted) {
			yield {type: 'stopped'};
			return;
		}
		// One controller for the request: the user's Esc and our stall timer both abort it.
		const controller = new AbortController();
		const abort = (): void => controller.abort();
		signal.addEventListener('abort', abort, {once: true});
		const watchdog = new StallWatchdog(target.stallTimeoutMs, abort);
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

			let response: Response;
			try {
				response = await untilAborted(this.request(loaded, messages, target.model, controller.signal), controller.signal);
			} catch (error) {
				if (watchdog.fired) yield {type: 'failed', error: stallError(target)};
				else if (signal.aborted) yield {type: 'stopped'};
				else yield {type: 'failed', error: describeError(error, loaded.sdk, target)};
				return;
			}

			const end = yield* readReply(response, {target, signal: controller.signal, onProgress: () => watchdog.touch()});
			if (end.usage !== undefined) yield {type: 'usage', usage: end.usage};
			if (end.abandoned) {
				// Aborted while deltas read were still to be yielded: whatever they said about the end is not what the user saw.
				yield watchdog.fired ? {type: 'failed', error: stallError(target)} : {type: 'stopped'};
			} else if (end.finishReason !== undefined) {
				// Complete, even if the connection broke while the usage chunk or [DONE] was on its way.
				yield {type: 'finished', reason: end.finishReason};
			} else if (end.failure !== undefined) {
				yield {type: 'failed', error: end.failure};
			} else if (end.done) {
				// [DONE] without a finish_reason (some servers never send one): a clean end all the same.
				yield {type: 'finished', reason: 'stop'};
			} else if (watchdog.fired) {
				yield {type: 'failed', error: stallError(target)};
			} else if (signal.aborted) {
				yield {type: 'stopped'};
			} else {
				yield {type: 'failed', error: interruptedError(end.hadOutput)};
			}
		} finally {
			signal.removeEventListener('abort', abort);
			watchdog.stop();
			// However the consumer left (even by breaking out early), no request or socket outlives the stream.
			controller.abort();
		}
	}

	async listModels(signal: AbortSignal): Promise<ModelList> {
		if (signal.aborted) return {type: 'stopped'};
		let loaded: Loaded;
		try {
			loaded = await this.load();
		} catch (error) {
			return {type: 'failed', error: {kind: 'unknown', message: `Cannot load the openai package: ${error instanceof Error ? error.message : String(error)}.`}};
		}
		try {
			const response = await loaded.client.models.list({signal, timeout: Math.min(this.target.stallTimeoutMs, maxTimerMs)}).asResponse();
			const text = await response.text();
			let body: unknown;
			try {
				body = JSON.parse(text);
			} catch {
				body = undefined;
			}
			const data = isRecord(body) ? body['data'] : undefined;
			if (!Array.isArray(data)) return {type: 'failed', error: notAModelListError(this.target, text.trimStart().startsWith('<'))};
			const ids = data.map(entry => (isRecord(entry) ? entry['id'] : undefined)).filter((id): id is string => typeof id === 'string' && id !== '');
			return {type: 'listed', models: [...new Set(ids)]};
		} catch (error) {
			if (signal.aborted) return {type: 'stopped'};
			return {type: 'failed', error: modelListError(error, loaded.sdk, this.target)};
		}
	}

	/**
	 * Sends the request and resolves with the raw response once its headers are in (the SDK still handles status
	 * errors and retries). The body is read by readReply rather than the SDK's Stream, which hides whether `[DONE]`
	 * arrived. A 400/422 to `stream_options` is asked once more without it, and remembered.
	 */
	private async request(loaded: Loaded, messages: readonly ChatMessage[], model: string, signal: AbortSignal): Promise<Response> {
		const key = `${this.target.url}\n${model}`;
		const send = (withUsage: boolean): Promise<Response> => loaded.client.chat.completions.create({
			model,
			messages: messages.map(({role, content}) => ({role, content})),
			stream: true,
			...(withUsage ? {stream_options: {include_usage: true}} : {}),
		}, {signal}).asResponse();
		if (rejectsStreamOptions.has(key)) return send(false);
		try {
			return await send(true);
		} catch (error) {
			if (!(error instanceof loaded.sdk.BadRequestError || error instanceof loaded.sdk.UnprocessableEntityError) || signal.aborted) throw error;
			// If the second answer is the same error, stream_options was not the problem: that error is the one shown.
			const response = await send(false);
			rejectsStreamOptions.add(key);
			return response;
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

/**
 * Settles as soon as `signal` aborts. The SDK's retry backoff sleeps without watching the signal, so without
 * this a Stop pressed between retries would wait for the next attempt.
 */
function untilAborted(request: Promise<Response>, signal: AbortSignal): Promise<Response> {
	return new Promise((resolve, reject) => {
		const onAbort = (): void => reject(signal.reason);
		signal.addEventListener('abort', onAbort, {once: true});
		request.then(response => {
			signal.removeEventListener('abort', onAbort);
			if (signal.aborted) void response.body?.cancel().catch(() => undefined); // arrived after we gave up on it: close its socket
			resolve(response);
		}, (error: unknown) => {
			signal.removeEventListener('abort', onAbort);
			reject(error);
		});
	});
}
