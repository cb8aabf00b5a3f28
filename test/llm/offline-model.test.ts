import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {OfflineModel, offlineReply, offlineThinking} from '../../source/llm/offline-model.js';
import type {ChatMessage, ChatModel} from '../../source/llm/types.js';
import {assertWellFormed, collect} from './stream-helpers.js';

const conversation: ChatMessage[] = [
	{role: 'system', content: 'You are a helpful assistant. Use markdown to format your answers.'},
	{role: 'user', content: 'What is a monad?'},
	{role: 'assistant', content: 'A monoid in the category of endofunctors.'},
	{role: 'user', content: 'Explain it like I am five.'},
];

function pendingTimers(): number {
	return process.getActiveResourcesInfo().filter(kind => kind === 'Timeout').length;
}

describe('OfflineModel', () => {
	test('is named and labelled as the offline model', () => {
		const model = new OfflineModel();
		assert.equal(model.name, 'offline');
		assert.equal(model.label, 'offline model');
		assert.equal(model.offline, true);
		assert.equal((model as ChatModel).labelFor('gpt-4o'), 'offline model', 'whatever model a session names, the offline model answers');
	});

	test('streams the same reply, token by token, on every run', async () => {
		const model = new OfflineModel({tokenDelayMs: 0});
		const first = await collect(model, {messages: conversation});
		const second = await collect(model, {messages: conversation});
		assertWellFormed(first.events);
		assert.deepEqual(first.events, second.events);
		assert.equal(first.text, offlineReply(conversation));
		assert.ok(first.events.filter(event => event.type === 'delta').length > 50, 'many small deltas, so streaming is visible');
		assert.deepEqual(first.end, {type: 'finished', reason: 'stop'});
	});

	test('reports how many messages it received and quotes the last user message', () => {
		const reply = offlineReply(conversation);
		assert.match(reply, /offline model/);
		assert.match(reply, /I received \*\*4 messages\*\* \(1 system, 2 user, 1 assistant\)/);
		assert.match(reply, /^> Explain it like I am five\.$/m);
		assert.doesNotMatch(reply, /What is a monad/);
	});

	test('explains how to configure a real model, with markdown the renderer must handle', () => {
		const reply = offlineReply(conversation);
		for (const needle of ['OPENAI_API_KEY', '--base-url', '--model', 'Ollama', 'LM Studio', 'vLLM', 'llama.cpp']) {
			assert.ok(reply.includes(needle), `mentions ${needle}`);
		}
		assert.match(reply, /^## /m, 'a heading');
		assert.match(reply, /^- /m, 'a list');
		assert.match(reply, /`[^`\n]+`/, 'inline code');
		assert.match(reply, /^```sh\n[\s\S]+?\n```$/m, 'a fenced code block');
	});

	test('quotes a multi-line message line by line and clips a very long one', () => {
		assert.match(offlineReply([{role: 'user', content: 'one\n\ntwo'}]), /^> one\n>\n> two$/m);
		assert.match(offlineReply([{role: 'user', content: 'x'.repeat(2000)}]), new RegExp(`^> x{500}…$`, 'm'));
		assert.match(offlineReply([{role: 'user', content: '   '}]), /^> \(empty\)$/m);
		assert.match(offlineReply([{role: 'user', content: 'hi'}]), /\*\*1 message\*\*/);
	});

	test('reports an estimated usage before finishing', async () => {
		const result = await collect(new OfflineModel({tokenDelayMs: 0}), {messages: conversation});
		const usage = result.events.find(event => event.type === 'usage');
		assert.ok(usage?.type === 'usage');
		assert.ok(usage.usage.promptTokens > 0 && usage.usage.completionTokens > 0);
		assert.equal(usage.usage.totalTokens, usage.usage.promptTokens + usage.usage.completionTokens);
		assert.equal(result.events.at(-2), usage);
	});

	test('stops promptly on abort, keeping what was streamed, with no timer left behind', async () => {
		const timersBefore = pendingTimers();
		// A long pause per token: a stop that waited for the pending timer would take a second.
		const model = new OfflineModel({tokenDelayMs: 1000});
		const controller = new AbortController();
		const pending = collect(model, {messages: conversation, signal: controller.signal});
		await new Promise(resolve => setImmediate(resolve));
		const aborted = Date.now();
		controller.abort();
		const result = await pending;
		assert.deepEqual(result.events, [{type: 'stopped'}]);
		assert.ok(Date.now() - aborted < 200, 'stopped without waiting for the token delay');
		assert.equal(pendingTimers(), timersBefore);
	});

	test('abort mid-stream: stopped after the deltas so far', async () => {
		const controller = new AbortController();
		const result = await collect(new OfflineModel({tokenDelayMs: 1}), {
			messages: conversation,
			signal: controller.signal,
			onDelta(count) {
				if (count === 5) controller.abort();
			},
		});
		assertWellFormed(result.events);
		assert.deepEqual(result.end, {type: 'stopped'});
		assert.equal(result.events.length, 6);
		assert.ok(offlineReply(conversation).startsWith(result.text));
	});

	test('thinks aloud first only when the message speaks of thinking, so every other reply streams as before', async () => {
		const model = new OfflineModel({tokenDelayMs: 0});
		const plain = await collect(model, {messages: conversation});
		assert.ok(plain.events.every(event => event.type !== 'reasoning'), 'no thinking unless asked');
		assert.equal(offlineThinking(conversation), undefined);

		const asked: ChatMessage[] = [...conversation.slice(0, 3), {role: 'user', content: 'Show me how you THINK about it.'}];
		const thinking = await collect(model, {messages: asked});
		assertWellFormed(thinking.events);
		const reasoning = thinking.events.filter(event => event.type === 'reasoning').map(event => event.text).join('');
		assert.equal(reasoning, offlineThinking(asked));
		assert.match(reasoning, /I received 4 messages: 1 system, 2 user, 1 assistant\./);
		assert.equal(thinking.text, offlineReply(asked), 'the answer is the usual report, without the thinking in it');
		const firstAnswer = thinking.events.findIndex(event => event.type === 'delta');
		assert.ok(firstAnswer > 1 && thinking.events.slice(0, firstAnswer).every(event => event.type === 'reasoning'), 'all the thinking comes first, in many pieces');
		assert.ok(thinking.events.slice(firstAnswer).every(event => event.type !== 'reasoning'));
		for (const text of ['What do you reckon?', 'I thought so', 'reasoning, please', 'Thinking…']) {
			assert.equal(offlineThinking([{role: 'user', content: text}]) !== undefined, text !== 'What do you reckon?', text);
		}
		assert.match(offlineReply(conversation), /Mention \*thinking\* in a message/, 'the reply says how to see it');
	});

	test('an already aborted signal: stopped, no text', async () => {
		const controller = new AbortController();
		controller.abort();
		const result = await collect(new OfflineModel(), {signal: controller.signal});
		assert.deepEqual(result.events, [{type: 'stopped'}]);
	});
});
