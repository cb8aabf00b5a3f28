import {notAStreamError} from './openai-errors.js';
import type {Target} from './openai-errors.js';
import {ReplyAssembler, isRecord} from './reply-assembler.js';
import {SseDecoder} from './sse-decoder.js';
import type {ChatError, ChatEvent, Usage} from './types.js';

/** How the body of one reply ended, besides the deltas it yielded. */
export interface ReplyEnd {
	/** `data: [DONE]` arrived (or a whole chat.completion did). */
	done: boolean;
	finishReason: string | undefined;
	usage: Usage | undefined;
	failure: ChatError | undefined;
	/** Some answer text or thinking arrived (and was yielded). */
	hadOutput: boolean;
	/** Reading stopped because `signal` aborted (Esc or the stall timer) before everything read was yielded. */
	abandoned: boolean;
}

export interface ReadOptions {
	target: Target;
	/** Aborts the request: reading stops, and not one more delta is yielded. */
	signal: AbortSignal;
	/** Told whenever bytes arrive and whenever the consumer hands control back, so neither counts as a stall. */
	onProgress: () => void;
}

/** How much of a body that does not look like a stream is kept to tell what it is. */
const sniffLimit = 1 << 20;

/**
 * Reads a streamed chat reply from the raw response and yields its reasoning and answer deltas; returns how it ended.
 * Never throws: a read that fails (a cut connection, our abort) just ends the reply, and the caller tells which it was.
 */
export async function* readReply(response: Response, {target, signal, onProgress}: ReadOptions): AsyncGenerator<ChatEvent, ReplyEnd> {
	const assembler = new ReplyAssembler(target);
	const summary = (abandoned = false): ReplyEnd => ({
		done: assembler.done,
		finishReason: assembler.finishReason,
		usage: assembler.usage,
		failure: assembler.failure,
		hadOutput: assembler.hadOutput,
		abandoned,
	});
	const body = response.body;
	if (body === null || mediaType(response) === 'text/html') {
		await body?.cancel().catch(() => undefined);
		assembler.failure = notAStreamError(target, body === null ? 'other' : 'html');
		return summary();
	}

	const out: ChatEvent[] = [];
	const reader = body.getReader();
	const decoder = new TextDecoder();
	const sse = new SseDecoder();
	let events = 0;
	/** The body so far, while no event has arrived: to tell an HTML page or a JSON body from a stream. */
	let start = '';
	let ended = false;
	let cut = false;
	try {
		reading: for (;;) {
			const read = await reader.read().catch(() => undefined);
			if (read === undefined) {
				cut = true;
				break;
			}
			if (signal.aborted) return summary(true);
			if (read.done) {
				ended = true;
				break;
			}
			onProgress();
			const text = decoder.decode(read.value, {stream: true});
			if (events === 0 && start.length < sniffLimit) start += text;
			for (const event of sse.push(text)) {
				events++;
				assembler.accept(event, out);
				for (const delta of out) {
					if (signal.aborted) return summary(true);
					yield delta;
					onProgress();
				}
				out.length = 0;
				if (assembler.done || assembler.failure !== undefined) break reading;
			}
		}
		if (ended) {
			for (const event of [...sse.push(decoder.decode()), ...sse.end()]) {
				events++;
				assembler.accept(event, out);
				if (assembler.done || assembler.failure !== undefined) break;
			}
			if (events === 0) whatArrived(start, assembler, out, target);
		} else if (cut && events === 0 && start.trimStart().startsWith('<')) {
			assembler.failure = notAStreamError(target, 'html');
		}
		assembler.end(out);
		for (const delta of out) {
			if (signal.aborted) return summary(true);
			yield delta;
		}
		return summary();
	} finally {
		// After [DONE] the rest of the body is not needed: release it (a fully read body keeps its kept-alive socket).
		if (!ended) void reader.cancel().catch(() => undefined);
	}
}

/** A body with no server-sent events in it: a whole chat.completion (delivered), an error body, a page, or a bare stream. */
function whatArrived(start: string, assembler: ReplyAssembler, out: ChatEvent[], target: Target): void {
	const body = start.trim();
	if (body === '') return; // nothing at all: the caller reports a connection closed before the reply started
	if (body.startsWith('<')) {
		assembler.failure = notAStreamError(target, 'html');
		return;
	}
	// Only comments (`: keep-alive`) or fields without data: a stream that closed before its first chunk.
	if (/^(?::|data|event|id|retry)/.test(body)) return;
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		json = undefined;
	}
	if (isRecord(json) && (Array.isArray(json['choices']) || json['error'])) assembler.acceptCompletion(json, out);
	else assembler.failure = notAStreamError(target, 'other');
}

function mediaType(response: Response): string {
	return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}
