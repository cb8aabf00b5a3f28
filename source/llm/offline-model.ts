import {setTimeout as sleep} from 'node:timers/promises';
import type {ChatEvent, ChatMessage, ChatModel, ModelList, Usage} from './types.js';
import {offlineModelName} from './session-model.js';

export interface OfflineModelOptions {
	/** Pause before each token, so streaming is visible. Default 8 ms; 0 streams as fast as the consumer reads. */
	tokenDelayMs?: number;
}

/** Thinking streams this many times slower than the answer: a few seconds, long enough to watch it. */
const thinkingSlowdown = 5;

/** Longest stretch of the user's message quoted back, so a pasted file does not become a wall of text. */
const quoteLimit = 500;

/** The built-in model: no network, a deterministic markdown reply that reports what it received (thinking first when asked about it). */
export class OfflineModel implements ChatModel {
	readonly name = offlineModelName;
	readonly label = 'offline model';
	readonly offline = true;
	private readonly tokenDelayMs: number;

	constructor(options: OfflineModelOptions = {}) {
		this.tokenDelayMs = options.tokenDelayMs ?? 8;
	}

	/** Whatever model a session names, the offline model answers. */
	labelFor(): string {
		return this.label;
	}

	async *stream(messages: readonly ChatMessage[], signal: AbortSignal): AsyncGenerator<ChatEvent> {
		const reply = offlineReply(messages);
		const thinking = offlineThinking(messages) ?? '';
		const tokens = [
			...tokenize(thinking).map(text => ({type: 'reasoning' as const, text, delayMs: this.tokenDelayMs * thinkingSlowdown})),
			...tokenize(reply).map(text => ({type: 'delta' as const, text, delayMs: this.tokenDelayMs})),
		];
		for (const {type, text, delayMs} of tokens) {
			if (signal.aborted) {
				yield {type: 'stopped'};
				return;
			}
			if (delayMs > 0) {
				try {
					// Abortable: an Esc clears the pending timer at once instead of waiting it out.
					await sleep(delayMs, undefined, {signal});
				} catch {
					yield {type: 'stopped'};
					return;
				}
			}
			yield {type, text};
		}
		if (signal.aborted) {
			yield {type: 'stopped'};
			return;
		}
		yield {type: 'usage', usage: estimateUsage(messages, `${thinking}\n${reply}`)};
		yield {type: 'finished', reason: 'stop'};
	}

	/** The only model it has is itself. */
	async listModels(signal: AbortSignal): Promise<ModelList> {
		return signal.aborted ? {type: 'stopped'} : {type: 'listed', models: [this.name]};
	}
}

function lastUserText(messages: readonly ChatMessage[]): string {
	return [...messages].reverse().find(message => message.role === 'user')?.content ?? '';
}

function roleCounts(messages: readonly ChatMessage[]): Record<ChatMessage['role'], number> {
	const counts = {system: 0, user: 0, assistant: 0};
	for (const message of messages) counts[message.role]++;
	return counts;
}

/** Opt-in, so every other reply stays exactly as it was: a message about thinking gets thinking, as a reasoning model's. */
const aboutThinking = /\b(?:think\w*|thought\w*|reason\w*)/i;

/**
 * What the offline model "thinks" before it answers, or undefined: only when the last user message speaks of
 * thinking or reasoning, so the thinking block can be tried without a server. Pure, like the reply.
 */
export function offlineThinking(messages: readonly ChatMessage[]): string | undefined {
	if (!aboutThinking.test(lastUserText(messages))) return undefined;
	const counts = roleCounts(messages);
	return [
		'The message speaks of thinking, so I think aloud first, the way reasoning models do before they answer.',
		'',
		`I received ${messages.length} ${messages.length === 1 ? 'message' : 'messages'}: ${counts.system} system, ${counts.user} user, ${counts.assistant} assistant.`,
		'I am the offline model, so nothing leaves this machine and my answer is the usual report.',
		'',
		'This thinking is kept with the reply and shown apart from it, and no later request sends it back.',
	].join('\n');
}

/** The full reply for a request; a pure function of the messages, so every run streams the same text. */
export function offlineReply(messages: readonly ChatMessage[]): string {
	const counts = roleCounts(messages);
	const lastUser = lastUserText(messages);
	const noun = messages.length === 1 ? 'message' : 'messages';
	const quoted = lastUser.trim() === '' ? '> (empty)' : quote(lastUser);

	return [
		'## Offline model',
		'',
		'This answer comes from the **offline model** built into agent-session: nothing was sent over the network.',
		'Mention *thinking* in a message and it thinks aloud before it answers, as reasoning models do.',
		'',
		`I received **${messages.length} ${noun}** (${counts.system} system, ${counts.user} user, ${counts.assistant} assistant). Your last message was:`,
		'',
		quoted,
		'',
		'### Use a real model',
		'',
		'- **OpenAI**: set `OPENAI_API_KEY` and start again; the model is `gpt-4o` unless you pass `--model`.',
		'- **A local server** (Ollama, LM Studio, vLLM, llama.cpp): pass `--base-url` with its address and `--model` with a model it serves.',
		'- `--offline` keeps this model even when a key is set.',
		'',
		'```sh',
		'OPENAI_API_KEY=sk-... agent-session',
		'agent-session --base-url http://localhost:11434/v1 --model llama3.2',
		'```',
		'',
	].join('\n');
}

function quote(text: string): string {
	const clipped = text.length > quoteLimit ? `${text.slice(0, quoteLimit)}…` : text;
	return clipped.split('\n').map(line => (line === '' ? '>' : `> ${line}`)).join('\n');
}

/** Words with their trailing whitespace, so the concatenated tokens are exactly the reply. */
function tokenize(text: string): string[] {
	return text.match(/\s+|\S+\s*/g) ?? [];
}

/**
 * An estimate, not a tokenizer count: about 4 tokens per 3 words (the usual rule of thumb for English),
 * plus 4 tokens of framing per message as OpenAI's chat format adds.
 */
function estimateUsage(messages: readonly ChatMessage[], reply: string): Usage {
	const promptTokens = messages.reduce((sum, message) => sum + estimateTokens(message.content) + 4, 0);
	const completionTokens = estimateTokens(reply);
	return {promptTokens, completionTokens, totalTokens: promptTokens + completionTokens};
}

function estimateTokens(text: string): number {
	const words = text.split(/\s+/).filter(Boolean).length;
	return Math.ceil((words * 4) / 3);
}
