// The chunk shapes of the OpenAI-compatible servers people point agent-session at, one writer per family, as each one's
// documentation or source shows them (checked 2026; the differences are what the client must survive):
//
// - openai: platform.openai.com/docs/api-reference/chat-streaming — a role-only first chunk
//   (`{"role":"assistant","content":"","refusal":null}`), `logprobs: null`, `"usage": null` on every chunk when
//   stream_options.include_usage is set, then a last chunk with `choices: []` and the usage, then `data: [DONE]`.
// - ollama: github.com/ollama/ollama openai/openai.go (ToChunk, ChunkChoice) and middleware/openai.go (ChatWriter) —
//   no role-only chunk: every delta is `{"role":"assistant","content":…}` (content always present, "" while
//   thinking), thinking in `delta.reasoning`, no logprobs field, `system_fingerprint: "fp_ollama"`; the usage chunk is
//   a copy of the last chunk with `choices: []`.
// - vllm: docs.vllm.ai features/reasoning_outputs and vllm/entrypoints/openai/serving_chat.py — first chunk
//   `{"role":"assistant","content":""}`, then deltas with only the fields set (`{"reasoning_content":…}`, renamed
//   `reasoning` in 0.11, or `{"content":…}`), `stop_reason` next to finish_reason, usage chunk with `choices: []`.
// - llamacpp: ggml-org/llama.cpp tools/server/server-task.cpp (to_json_oaicompat_chat_stream) — `choices` first,
//   first chunk `{"role":"assistant","content":null}`, deltas `{"reasoning_content":…}` / `{"content":…}`, the
//   finish chunk's delta is `{}`, usage chunk with `choices: []` and `timings` on the last chunk.
// - lmstudio: lmstudio.ai/docs api-changelog — `reasoning_content` only with the "separate reasoning_content" setting
//   (0.3.9), otherwise `<think>…</think>` inline in content (lmstudio-bug-tracker #1569); usage with
//   stream_options.include_usage since 0.3.18; the finish chunk's delta is `{}`.
// - deepseek: api-docs.deepseek.com guides/reasoning_model and thinking_mode_api_example_streaming — `: keep-alive`
//   comments while the request waits, `{"content":null,"reasoning_content":…}` while thinking, then
//   `{"content":…,"reasoning_content":null}`. Its docs do not show where the usage goes: its streams carry it on the
//   finish chunk (with prompt_cache_hit_tokens), which is the shape kept here.
import type {ScriptedReply} from './mock-replies.js';

export type WireFamily = 'openai' | 'ollama' | 'vllm' | 'llamacpp' | 'lmstudio' | 'deepseek';

export const wireFamilies: readonly WireFamily[] = ['openai', 'ollama', 'vllm', 'llamacpp', 'lmstudio', 'deepseek'];

interface WireUsage {
	prompt_tokens: number;
	completion_tokens: number;
	total_tokens: number;
}

interface FamilyContext {
	model: string;
	includeUsage: boolean;
	usage: WireUsage;
}

type Delta = Record<string, unknown>;

/** Which field carries thinking when the reply does not say. */
const defaultReasoningField: Record<WireFamily, 'reasoning_content' | 'reasoning' | undefined> = {
	openai: undefined,
	ollama: 'reasoning',
	vllm: 'reasoning_content',
	llamacpp: 'reasoning_content',
	lmstudio: 'reasoning_content',
	deepseek: 'reasoning_content',
};

/** The whole body for a reply in `family`'s shapes: SSE frames ("data: …\n\n" or comments), in order. */
export function familyFrames(family: WireFamily, reply: ScriptedReply, texts: readonly string[], context: FamilyContext): string[] {
	const shape = shapes[family];
	const field = reply.reasoningField ?? defaultReasoningField[family];
	const reasoning = reply.reasoning ?? [];
	if (reasoning.length > 0 && field === undefined) throw new Error(`The ${family} family has no reasoning field; script reasoning with another family.`);
	const frames: string[] = [...shape.preamble];
	const first = shape.first();
	if (first !== undefined) frames.push(shape.chunk(first, null, context));
	for (const piece of reasoning) frames.push(shape.chunk(shape.reasoning(field!, piece), null, context));
	for (const piece of texts) frames.push(shape.chunk(shape.content(piece), null, context));
	const reason = reply.omitFinishReason ? null : reply.finishReason ?? 'stop';
	if (reason !== null || shape.finishAlways) frames.push(shape.finish(reason, context));
	if (context.includeUsage && shape.usageChunk) frames.push(shape.usageChunk(context));
	if (!reply.omitDone) frames.push('data: [DONE]\n\n');
	return frames;
}

interface Shape {
	preamble: readonly string[];
	/** The delta of the first chunk, when the family sends a role-only one. */
	first(): Delta | undefined;
	reasoning(field: string, text: string): Delta;
	content(text: string): Delta;
	chunk(delta: Delta, finishReason: string | null, context: FamilyContext): string;
	/** Sent even without a finish_reason (Ollama's done chunk is always there; it is what carries one). */
	finishAlways: boolean;
	finish(reason: string | null, context: FamilyContext): string;
	usageChunk: ((context: FamilyContext) => string) | undefined;
}

const now = (): number => Math.floor(Date.now() / 1000);
const data = (body: unknown): string => `data: ${JSON.stringify(body)}\n\n`;

function openAIStyle(options: {fingerprint: string; id: string; logprobs: boolean; usageNull: boolean; stopReason?: boolean}): Pick<Shape, 'chunk' | 'finish' | 'usageChunk'> {
	const envelope = (choices: unknown[], context: FamilyContext, extra: Record<string, unknown> = {}) => ({
		id: options.id, object: 'chat.completion.chunk', created: now(), model: context.model, system_fingerprint: options.fingerprint, choices, ...extra,
	});
	const choice = (delta: Delta, reason: string | null) => ({
		index: 0, delta, ...(options.logprobs ? {logprobs: null} : {}), finish_reason: reason, ...(options.stopReason && reason !== null ? {stop_reason: null} : {}),
	});
	return {
		chunk: (delta, reason, context) => data(envelope([choice(delta, reason)], context, options.usageNull && context.includeUsage ? {usage: null} : {})),
		finish: (reason, context) => data(envelope([choice({}, reason)], context, options.usageNull && context.includeUsage ? {usage: null} : {})),
		usageChunk: context => data(envelope([], context, {usage: context.usage})),
	};
}

const shapes: Record<WireFamily, Shape> = {
	openai: {
		preamble: [],
		first: () => ({role: 'assistant', content: '', refusal: null}),
		reasoning: (field, text) => ({[field]: text}),
		content: text => ({content: text}),
		finishAlways: false,
		...openAIStyle({fingerprint: 'fp_mock', id: 'chatcmpl-mock', logprobs: true, usageNull: true}),
	},
	ollama: {
		preamble: [],
		first: () => undefined,
		reasoning: (field, text) => ({role: 'assistant', content: '', [field]: text}),
		content: text => ({role: 'assistant', content: text}),
		// Ollama's last response (done: true) always becomes a chunk; it is the one with the finish_reason.
		finishAlways: true,
		chunk: (delta, reason, context) => data({id: 'chatcmpl-42', object: 'chat.completion.chunk', created: now(), model: context.model, system_fingerprint: 'fp_ollama', choices: [{index: 0, delta, finish_reason: reason}]}),
		finish: (reason, context) => data({id: 'chatcmpl-42', object: 'chat.completion.chunk', created: now(), model: context.model, system_fingerprint: 'fp_ollama', choices: [{index: 0, delta: {role: 'assistant', content: ''}, finish_reason: reason}]}),
		usageChunk: context => data({id: 'chatcmpl-42', object: 'chat.completion.chunk', created: now(), model: context.model, system_fingerprint: 'fp_ollama', choices: [], usage: context.usage}),
	},
	vllm: {
		preamble: [],
		first: () => ({role: 'assistant', content: ''}),
		reasoning: (field, text) => ({[field]: text}),
		content: text => ({content: text}),
		finishAlways: false,
		...openAIStyle({fingerprint: '', id: 'chatcmpl-0b6f3c1d2e', logprobs: true, usageNull: false, stopReason: true}),
	},
	llamacpp: {
		preamble: [],
		first: () => ({role: 'assistant', content: null}),
		reasoning: (field, text) => ({[field]: text}),
		content: text => ({content: text}),
		finishAlways: false,
		chunk: (delta, reason, context) => data({choices: [{finish_reason: reason, index: 0, delta}], created: now(), id: 'chatcmpl-X6urH4f6JOotPwco', model: context.model, system_fingerprint: 'b6097-9515c613', object: 'chat.completion.chunk'}),
		finish: (reason, context) => data({
			choices: [{finish_reason: reason, index: 0, delta: {}}], created: now(), id: 'chatcmpl-X6urH4f6JOotPwco', model: context.model, system_fingerprint: 'b6097-9515c613', object: 'chat.completion.chunk',
			...(context.includeUsage ? {} : {timings: llamaTimings(context.usage)}),
		}),
		usageChunk: context => data({choices: [], created: now(), id: 'chatcmpl-X6urH4f6JOotPwco', model: context.model, system_fingerprint: 'b6097-9515c613', object: 'chat.completion.chunk', usage: context.usage, timings: llamaTimings(context.usage)}),
	},
	lmstudio: {
		preamble: [],
		first: () => ({role: 'assistant', content: ''}),
		reasoning: (field, text) => ({role: 'assistant', [field]: text}),
		content: text => ({role: 'assistant', content: text}),
		finishAlways: false,
		...openAIStyle({fingerprint: 'mock-model', id: 'chatcmpl-q8v1l2mocklmstudio', logprobs: true, usageNull: false}),
	},
	deepseek: {
		preamble: [': keep-alive\n\n', ': keep-alive\n\n'],
		first: () => ({role: 'assistant', content: null, reasoning_content: ''}),
		reasoning: (field, text) => ({content: null, [field]: text}),
		content: text => ({content: text, reasoning_content: null}),
		finishAlways: false,
		chunk: (delta, reason, context) => data(deepSeekChunk(delta, reason, context, null)),
		finish: (reason, context) => data(deepSeekChunk({content: '', reasoning_content: null}, reason, context, {...context.usage, prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: context.usage.prompt_tokens})),
		usageChunk: undefined,
	},
};

function deepSeekChunk(delta: Delta, reason: string | null, context: FamilyContext, usage: unknown) {
	return {
		id: '5f8c1e0a-6b7d-4c3e-9a21-mock', object: 'chat.completion.chunk', created: now(), model: context.model,
		system_fingerprint: 'fp_mock_prod0425fp8', choices: [{index: 0, delta, logprobs: null, finish_reason: reason}], usage,
	};
}

function llamaTimings(usage: WireUsage) {
	return {prompt_n: usage.prompt_tokens, prompt_ms: 20.5, predicted_n: usage.completion_tokens, predicted_ms: 93.3};
}
