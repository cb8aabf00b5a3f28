import {malformedChunkError, notAStreamError, streamErrorEvent} from './openai-errors.js';
import type {Target} from './openai-errors.js';
import type {SseEvent} from './sse-decoder.js';
import {ThinkSplitter} from './think-splitter.js';
import type {ChatError, ChatEvent, Usage} from './types.js';

/**
 * Reads the chunks of one streamed reply, in the shapes OpenAI-compatible servers send them (see
 * test/support/mock-server-families.ts): answer text from `delta.content` (or `refusal`), thinking from
 * `delta.reasoning_content` (vLLM, DeepSeek, LM Studio, llama.cpp) or `delta.reasoning` (Ollama, newer vLLM) or a
 * leading `<think>` block in the content, `finish_reason`, `usage` (also from a chunk with `choices: []`), `[DONE]`.
 * Pure: it holds what the chunks said about the ending; the caller does the reading.
 */
export class ReplyAssembler {
	/** `data: [DONE]` arrived: the server ended the reply cleanly. */
	done = false;
	finishReason: string | undefined;
	usage: Usage | undefined;
	/** The server reported an error in the stream, or sent something that cannot be read on. */
	failure: ChatError | undefined;
	/** Some answer text or thinking arrived. */
	hadOutput = false;
	#withoutChoices = 0;
	readonly #splitter = new ThinkSplitter();

	constructor(private readonly target: Target) {}

	/** Takes one server-sent event; pushes the reasoning and answer deltas it carries onto `out`. */
	accept(event: SseEvent, out: ChatEvent[]): void {
		if (event.data === '[DONE]') {
			this.done = true;
			return;
		}
		let chunk: unknown;
		try {
			chunk = JSON.parse(event.data);
		} catch {
			this.failure = malformedChunkError(this.target);
			return;
		}
		if (!isRecord(chunk)) {
			this.#withoutChoices++;
			return;
		}
		// `{"error": {…}}` (OpenAI, llama.cpp, newer vLLM), `event: error`, or older vLLM's `{"object": "error", "message": …}`.
		if (event.event === 'error' || chunk['error'] || chunk['object'] === 'error') {
			this.failure = streamErrorEvent(chunk['error'] ?? chunk, this.target);
			return;
		}
		this.#take(chunk, 'delta', out);
	}

	/** A whole chat.completion, from a server that answered `stream: true` without streaming. */
	acceptCompletion(body: Record<string, unknown>, out: ChatEvent[]): void {
		if (body['error']) {
			this.failure = streamErrorEvent(body['error'], this.target);
			return;
		}
		this.#take(body, 'message', out);
		if (Array.isArray(body['choices'])) this.done = true;
	}

	/** The reply ended: flushes text the splitter held back, and fails a stream that carried no chat chunks at all. */
	end(out: ChatEvent[]): void {
		this.#emit(this.#splitter.end(), out);
		if (!this.hadOutput && this.#withoutChoices > 0 && this.failure === undefined) {
			this.failure = notAStreamError(this.target, 'no-choices');
		}
	}

	#take(chunk: Record<string, unknown>, field: 'delta' | 'message', out: ChatEvent[]): void {
		const usage = chunk['usage'];
		if (isRecord(usage)) this.usage = toUsage(usage) ?? this.usage;
		const choices = chunk['choices'];
		if (!Array.isArray(choices)) {
			// `{"choices": null}` or another API's chunk; a usage-only chunk without choices is fine.
			if (!isRecord(usage)) this.#withoutChoices++;
			return;
		}
		const choice: unknown = choices[0];
		if (!isRecord(choice)) return; // `choices: []`: OpenAI's, vLLM's and llama.cpp's usage chunk
		const delta = choice[field];
		if (isRecord(delta)) {
			// Both names at once would be one text twice (vLLM renamed the field and sent both for a while): the old one wins.
			const reasoning = text(delta['reasoning_content']) || text(delta['reasoning']);
			if (reasoning !== '') {
				this.hadOutput = true;
				out.push({type: 'reasoning', text: reasoning});
			}
			const content = text(delta['content']) || text(delta['refusal']);
			if (content !== '') this.#emit(this.#splitter.push(content), out);
		}
		const finish = choice['finish_reason'];
		if (typeof finish === 'string' && finish !== '') this.finishReason = finish;
	}

	#emit({thinking, answer}: {thinking: string; answer: string}, out: ChatEvent[]): void {
		if (thinking !== '') {
			this.hadOutput = true;
			out.push({type: 'reasoning', text: thinking});
		}
		if (answer !== '') {
			this.hadOutput = true;
			out.push({type: 'delta', text: answer});
		}
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function toUsage(usage: Record<string, unknown>): Usage | undefined {
	const prompt = usage['prompt_tokens'];
	const completion = usage['completion_tokens'];
	if (typeof prompt !== 'number' || typeof completion !== 'number') return undefined;
	const total = usage['total_tokens'];
	return {promptTokens: prompt, completionTokens: completion, totalTokens: typeof total === 'number' ? total : prompt + completion};
}
