import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readReply} from '../../source/llm/reply-reader.js';
import type {ReplyEnd} from '../../source/llm/reply-reader.js';
import type {Target} from '../../source/llm/openai-errors.js';
import type {ChatEvent} from '../../source/llm/types.js';

const target: Target = {model: 'm', url: 'http://127.0.0.1:9/v1', custom: true, stallTimeoutMs: 1000};

/** A real fetch Response whose body arrives in exactly these byte pieces. */
function responseOf(pieces: readonly Uint8Array[], contentType = 'text/event-stream'): Response {
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const piece of pieces) controller.enqueue(piece);
			controller.close();
		},
	});
	return new Response(body, {headers: {'content-type': contentType}});
}

async function read(response: Response): Promise<{thinking: string; answer: string; end: ReplyEnd}> {
	const events: ChatEvent[] = [];
	const reader = readReply(response, {target, signal: new AbortController().signal, onProgress() {}});
	let step = await reader.next();
	while (step.done !== true) {
		events.push(step.value);
		step = await reader.next();
	}
	const join = (type: 'delta' | 'reasoning') => events.map(event => (event.type === type ? event.text : '')).join('');
	return {thinking: join('reasoning'), answer: join('delta'), end: step.value};
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
	`data: ${JSON.stringify({choices: [{index: 0, delta, finish_reason: finish}]})}\n\n`;

describe('readReply', () => {
	test('a think block and multi-byte text cut at every byte: the same thinking, answer and ending', async () => {
		const body = new TextEncoder().encode([
			chunk({role: 'assistant', content: ''}),
			chunk({content: '<think>\nGrübeln 🤔'}),
			chunk({content: ' weiter</think>\n\nAntwort: ✓'}),
			chunk({}, 'stop'),
			'data: [DONE]\n\n',
		].join(''));
		for (let at = 0; at <= body.length; at++) {
			const result = await read(responseOf([body.subarray(0, at), body.subarray(at)]));
			assert.equal(result.thinking, 'Grübeln 🤔 weiter', `cut at byte ${at}`);
			assert.equal(result.answer, 'Antwort: ✓', `cut at byte ${at}`);
			assert.equal(result.end.done, true);
			assert.equal(result.end.finishReason, 'stop');
		}
	});

	test('one byte at a time', async () => {
		const body = new TextEncoder().encode(`${chunk({reasoning_content: 'Hmm… '})}${chunk({content: 'Ja.'}, 'stop')}data: [DONE]\n\n`);
		const result = await read(responseOf([...body].map(byte => Uint8Array.of(byte))));
		assert.deepEqual([result.thinking, result.answer, result.end.done], ['Hmm… ', 'Ja.', true]);
	});

	test('nothing after [DONE] is read', async () => {
		const body = new TextEncoder().encode(`${chunk({content: 'kept'})}data: [DONE]\n\n${chunk({content: ' ignored'})}`);
		const result = await read(responseOf([body]));
		assert.equal(result.answer, 'kept');
	});

	test('an HTML content type is not read at all', async () => {
		const result = await read(responseOf([new TextEncoder().encode('data: {"choices":[]}\n\n')], 'text/html; charset=utf-8'));
		assert.equal(result.end.failure?.kind, 'not-a-stream');
	});
});
