// Each server family's documented chunk shapes (test/support/mock-server-families.ts), streamed through the real
// OpenAIModel over loopback HTTP: the answer, the thinking, the ending and the usage must come out right for every one.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {buildRequest} from '../../source/llm/history.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import type {ChatEvent} from '../../source/llm/types.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {wireFamilies} from '../support/mock-server.js';
import type {ScriptedReply, WireFamily} from '../support/mock-server.js';
import {tempFolder} from '../store/temp-folder.js';
import {assertWellFormed, collect} from './stream-helpers.js';
import {mockServerFixture} from '../support/mock-server-fixture.js';

const mock = mockServerFixture();

function model(): OpenAIModel {
	return new OpenAIModel({model: 'mock-model', baseURL: mock.server.url, maxRetries: 0});
}

const thinking = (events: readonly ChatEvent[]) => events.map(event => (event.type === 'reasoning' ? event.text : '')).join('');
const usageOf = (events: readonly ChatEvent[]) => events.find(event => event.type === 'usage');

const answer = ['The answer', ' is ', '**42**.'];
const thoughts = ['The user wants', ' the answer.', ' It is 42.'];
const usage = {prompt_tokens: 11, completion_tokens: 7};

/** How each family carries thinking, as its docs show: a reasoning field, or <think> in the content. */
const reasoningReplies: Record<WireFamily, ScriptedReply> = {
	openai: {chunks: ['<think>', ...thoughts, '</think>\n\n', ...answer]}, // OpenAI has no reasoning field in chat completions
	ollama: {reasoning: thoughts, chunks: answer},
	vllm: {reasoning: thoughts, chunks: answer},
	llamacpp: {reasoning: thoughts, chunks: answer},
	lmstudio: {chunks: ['<thi', 'nk>The user wants', ' the answer.', ' It is 42.</th', 'ink>', '\n\nThe answer', ' is ', '**42**.']},
	deepseek: {reasoning: thoughts, chunks: answer},
};

describe('wire formats, one family at a time', () => {
	for (const family of wireFamilies) {
		test(`${family}: thinking apart from the answer, finished, with usage`, async () => {
			mock.server.script({family, usage, ...reasoningReplies[family]});
			const result = await collect(model());
			assertWellFormed(result.events);
			assert.equal(result.text, 'The answer is **42**.');
			assert.equal(thinking(result.events), 'The user wants the answer. It is 42.');
			assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
			assert.deepEqual(usageOf(result.events), {type: 'usage', usage: {promptTokens: 11, completionTokens: 7, totalTokens: 18}});
			const first = result.events.findIndex(event => event.type === 'delta');
			assert.ok(result.events.slice(first).every(event => event.type !== 'reasoning'), 'all thinking comes before the answer');
		});

		test(`${family}: no finish_reason before [DONE] is a clean end; "length" is a complete reply cut by the limit`, async () => {
			mock.server.script({family, chunks: ['Short.'], omitFinishReason: true}, {family, chunks: ['Cut sh'], finishReason: 'length'});
			const clean = await collect(model());
			assert.equal(clean.text, 'Short.');
			assert.deepEqual(clean.end, {type: 'finished', reason: 'stop'});
			const cut = await collect(model());
			assert.equal(cut.text, 'Cut sh');
			assert.deepEqual(cut.end, {type: 'finished', reason: 'length'});
		});
	}

	test('vllm ≥ 0.11 and LM Studio with gpt-oss name the field `reasoning`', async () => {
		mock.server.script({family: 'vllm', reasoningField: 'reasoning', reasoning: ['Hmm.'], chunks: ['Ok.']}, {family: 'lmstudio', reasoningField: 'reasoning', reasoning: ['Hmm.'], chunks: ['Ok.']});
		for (let index = 0; index < 2; index++) {
			const result = await collect(model());
			assert.deepEqual([thinking(result.events), result.text], ['Hmm.', 'Ok.']);
		}
	});

	test('a reply that only thought and was cut: interrupted, the thinking kept', async () => {
		mock.server.script({family: 'deepseek', reasoning: ['Thinking hard'], chunks: [], omitFinishReason: true, omitDone: true});
		const result = await collect(model());
		assert.equal(thinking(result.events), 'Thinking hard');
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'interrupted', message: 'The connection closed before the reply finished; the partial reply was kept.'}});
	});
});

describe('thinking is never sent back', () => {
	for (const family of ['deepseek', 'lmstudio'] as const) {
		test(`${family}: after a reasoning reply, the next request (built from the store) has no trace of the thinking`, async () => {
			const store = await SqlJsSessionStore.open(join(await tempFolder(), 'agents.db'));
			try {
				const session = store.createSession('ada', 'mock-model');
				const question = 'What is the answer?';
				store.appendMessage(session.id, {role: 'user', content: question});
				mock.server.script({family, usage, ...reasoningReplies[family]});
				const reply = await collect(model(), {messages: buildRequest([], question, {systemPrompt: 'Be brief.', exchanges: 3}).messages});
				store.appendMessage(session.id, {role: 'assistant', content: reply.text, thinking: thinking(reply.events), thinkingMs: 1500});
				const stored = store.getSession(session.id)!.messages;
				assert.equal(stored[1]?.thinking, 'The user wants the answer. It is 42.');
				assert.equal(stored[1]?.content, 'The answer is **42**.', 'content holds no think block');

				store.appendMessage(session.id, {role: 'user', content: 'And why?'});
				await collect(model(), {messages: buildRequest(store.getSession(session.id)!.messages, 'And why?', {systemPrompt: 'Be brief.', exchanges: 3}).messages});
				const sent = mock.server.requests.at(-1)!;
				assert.deepEqual((sent.body as {messages: unknown}).messages, [
					{role: 'system', content: 'Be brief.'},
					{role: 'user', content: question},
					{role: 'assistant', content: 'The answer is **42**.'},
					{role: 'user', content: 'And why?'},
				]);
				for (const trace of ['The user wants', 'think', 'reasoning']) assert.ok(!sent.raw.includes(trace), `the request holds "${trace}"`);
			} finally {
				await store.close();
			}
		});
	}
});
