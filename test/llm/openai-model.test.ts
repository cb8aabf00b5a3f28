import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import type {OpenAIModelOptions} from '../../source/llm/openai-model.js';
import {generatedChunk} from '../support/mock-server.js';
import {waitFor} from '../support/wait-for.js';
import {assertWellFormed, collect, question} from './stream-helpers.js';
import {mockServerFixture} from '../support/mock-server-fixture.js';

const mock = mockServerFixture(server => {
	server.setHandler(undefined);
	server.requireKey(undefined);
});

function model(options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
	return new OpenAIModel({model: 'mock-model', baseURL: mock.server.url, apiKey: 'sk-test', ...options});
}

describe('request', () => {
	test('sends the model, the messages in order, streaming with usage, and the key as a bearer token', async () => {
		const messages = [
			{role: 'system', content: 'Be brief.'},
			{role: 'user', content: 'One?'},
			{role: 'assistant', content: 'Two.'},
			{role: 'user', content: 'Three?'},
		] as const;
		await collect(model(), {messages});
		assert.equal(mock.server.requests.length, 1);
		const [request] = mock.server.requests;
		assert.equal(request?.method, 'POST');
		assert.equal(request?.path, '/v1/chat/completions');
		assert.equal(request?.headers.authorization, 'Bearer sk-test');
		assert.deepEqual(request?.body, {
			model: 'mock-model',
			messages,
			stream: true,
			stream_options: {include_usage: true},
		});
	});

	test('sends only role and content, whatever else the caller\'s objects hold', async () => {
		const stored = {role: 'user' as const, content: 'Hi', id: 7, status: 'complete'};
		await collect(model(), {messages: [stored]});
		assert.deepEqual((mock.server.requests[0]?.body as {messages: unknown}).messages, [{role: 'user', content: 'Hi'}]);
	});

	test('sends a placeholder key when only a base URL is given', async () => {
		await collect(model({apiKey: undefined}));
		assert.equal(mock.server.requests[0]?.headers.authorization, 'Bearer not-needed');
	});

	test('is labelled with the model and the server it talks to', () => {
		assert.equal(model().label, `mock-model @ 127.0.0.1:${mock.server.port}`);
		assert.equal(new OpenAIModel({model: 'gpt-4o', apiKey: 'sk-x'}).label, 'gpt-4o');
		assert.equal(model().offline, false);
	});
});

describe('another model for one request (a session\'s /model)', () => {
	test('sends the model the request names, and the next request without one sends the default again', async () => {
		const chat = model();
		const events = [];
		for await (const event of chat.stream(question, new AbortController().signal, {model: 'qwen3:8b'})) events.push(event);
		assert.equal(events.at(-1)?.type, 'finished');
		await collect(chat);
		assert.deepEqual(mock.server.requests.map(request => (request.body as {model: string}).model), ['qwen3:8b', 'mock-model']);
		assert.equal(chat.labelFor('qwen3:8b'), `qwen3:8b @ ${new URL(mock.server.url).host}`);
		assert.equal(new OpenAIModel({model: 'gpt-4o'}).labelFor('gpt-4.1'), 'gpt-4.1');
	});

	test('an unknown model is named in the error, with the way to choose another', async () => {
		mock.server.script({status: 404, errorCode: 'model_not_found'});
		const events = [];
		for await (const event of model().stream(question, new AbortController().signal, {model: 'nope'})) events.push(event);
		const end = events.at(-1);
		assert.equal(end?.type, 'failed');
		assert.match(end?.type === 'failed' ? end.error.message : '', /^Model "nope" was not found on .*: choose another with \/model in the chat, or pass --model\.$/);
	});
});

describe('streaming', () => {
	test('yields the deltas in order, then usage, then finished', async () => {
		mock.server.script({chunks: ['# Ti', 'tle\n\n', 'Some **bo', 'ld** text.'], usage: {prompt_tokens: 12, completion_tokens: 4}});
		const result = await collect(model());
		assertWellFormed(result.events);
		assert.deepEqual(result.events, [
			{type: 'delta', text: '# Ti'},
			{type: 'delta', text: 'tle\n\n'},
			{type: 'delta', text: 'Some **bo'},
			{type: 'delta', text: 'ld** text.'},
			{type: 'usage', usage: {promptTokens: 12, completionTokens: 4, totalTokens: 16}},
			{type: 'finished', reason: 'stop'},
		]);
	});

	test('consecutive replies reuse kept-alive connections (the cleanup abort does not close them)', async () => {
		const reused = model();
		for (let index = 0; index < 4; index++) assert.equal((await collect(reused)).end.type, 'finished');
		// undici may open a second connection for back-to-back requests (the bare SDK does the same); a closed one per reply would give 4.
		const connections = new Set(mock.server.requests.map(request => request.connectionId));
		assert.ok(connections.size <= 2, `4 replies used ${connections.size} connections`);
	});

	test('1,000 chunks concatenate to the full reply', async () => {
		mock.server.script({chunks: 1000});
		const result = await collect(model());
		const expected = Array.from({length: 1000}, (_, index) => generatedChunk(index)).join('');
		assert.equal(result.text, expected);
		assert.equal(result.events.filter(event => event.type === 'delta').length, 1000);
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
	});

	test('passes the finish reason through (length = cut off by max tokens)', async () => {
		mock.server.script({chunks: ['partial'], finishReason: 'length'});
		const result = await collect(model());
		assert.deepEqual(result.end, {type: 'finished', reason: 'length'});
	});

	test('a slow but steady stream is not a stall: each chunk resets the timer', async () => {
		mock.server.script({chunks: 6, chunkDelayMs: 80});
		const result = await collect(model({stallTimeoutMs: 400}));
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
		assert.equal(result.events.filter(event => event.type === 'delta').length, 6);
	});
});

describe('abort', () => {
	test('mid-stream: stopped, the partial text kept, the connection closed', async () => {
		mock.server.script({chunks: 500, chunkDelayMs: 5});
		const controller = new AbortController();
		const result = await collect(model(), {
			signal: controller.signal,
			onDelta(count) {
				if (count === 3) controller.abort();
			},
		});
		assertWellFormed(result.events);
		assert.deepEqual(result.end, {type: 'stopped'});
		assert.equal(result.text, generatedChunk(0) + generatedChunk(1) + generatedChunk(2));
		await waitFor(() => mock.server.requests[0]?.connectionOpen === false, {message: () => 'the aborted request\'s socket is still open'});
		assert.equal(mock.server.requests.length, 1);
	});

	test('during a burst: not one more delta after the abort, though the SDK has more chunks buffered', async () => {
		mock.server.script({chunks: 5000});
		const controller = new AbortController();
		const result = await collect(model(), {
			signal: controller.signal,
			onDelta(count) {
				if (count === 3) controller.abort();
			},
		});
		assert.equal(result.events.filter(event => event.type === 'delta').length, 3);
		assert.deepEqual(result.end, {type: 'stopped'});
	});

	test('while waiting for the response: stopped at once, the connection closed', async () => {
		mock.server.script({headersDelayMs: 10_000});
		const controller = new AbortController();
		const started = Date.now();
		const pending = collect(model(), {signal: controller.signal});
		await waitFor(() => mock.server.requests.length === 1);
		controller.abort();
		const result = await pending;
		assert.deepEqual(result.events, [{type: 'stopped'}]);
		assert.ok(Date.now() - started < 2000);
		await waitFor(() => mock.server.requests[0]?.connectionOpen === false);
	});

	test('during the SDK\'s retry wait: stopped at once, no further attempt', async () => {
		// retry-after-ms 3000 is short enough to be retried, so the SDK sleeps 3 s unless we stop it.
		mock.server.script({status: 500, headers: {'retry-after-ms': '3000'}});
		const controller = new AbortController();
		const pending = collect(model(), {signal: controller.signal});
		await waitFor(() => mock.server.requests.length === 1);
		const aborted = Date.now();
		controller.abort();
		const result = await pending;
		assert.deepEqual(result.events, [{type: 'stopped'}]);
		assert.ok(Date.now() - aborted < 1000, 'stopped without waiting out the retry delay');
	});

	test('an already aborted signal: stopped, nothing sent', async () => {
		const controller = new AbortController();
		controller.abort();
		const result = await collect(model(), {signal: controller.signal});
		assert.deepEqual(result.events, [{type: 'stopped'}]);
		assert.equal(mock.server.requests.length, 0);
	});

	test('a consumer that stops reading early does not leave the connection open', async () => {
		mock.server.script({chunks: 500, chunkDelayMs: 5});
		let deltas = 0;
		for await (const event of model().stream(question, new AbortController().signal)) {
			if (event.type === 'delta' && ++deltas === 2) break;
		}
		await waitFor(() => mock.server.requests[0]?.connectionOpen === false);
	});
});

describe('stall timeout', () => {
	const stallMessage = `No reply from 127.0.0.1:PORT for 0.3 s, so the request was stopped: try again, or raise --timeout.`;

	test('no chunk for the stall time after some text: timeout, partial text kept, connection closed', async () => {
		mock.server.script({chunks: 10, stallAfter: 3});
		const started = Date.now();
		const result = await collect(model({stallTimeoutMs: 300}));
		assertWellFormed(result.events);
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'timeout', message: stallMessage.replace('PORT', String(mock.server.port))}});
		assert.equal(result.text, generatedChunk(0) + generatedChunk(1) + generatedChunk(2));
		assert.ok(Date.now() - started >= 300);
		await waitFor(() => mock.server.requests[0]?.connectionOpen === false);
	});

	test('no response headers for the stall time: timeout, one request', async () => {
		mock.server.script({headersDelayMs: 10_000});
		const result = await collect(model({stallTimeoutMs: 300}));
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'timeout', message: stallMessage.replace('PORT', String(mock.server.port))}});
		assert.equal(mock.server.requests.length, 1);
	});

	test('headers but no first chunk for the stall time: timeout', async () => {
		mock.server.script({firstChunkDelayMs: 10_000});
		const result = await collect(model({stallTimeoutMs: 300}));
		assert.equal(result.end.type === 'failed' && result.end.error.kind, 'timeout');
		assert.equal(result.text, '');
	});
});

describe('cut connections', () => {
	test('cut after 3 chunks: interrupted, partial text kept, exactly one request (no retry after tokens)', async () => {
		mock.server.script({chunks: 10, dropAfter: 3});
		const result = await collect(model());
		assertWellFormed(result.events);
		assert.deepEqual(result.end, {
			type: 'failed',
			error: {kind: 'interrupted', message: 'The connection closed before the reply finished; the partial reply was kept.'},
		});
		assert.equal(result.text, generatedChunk(0) + generatedChunk(1) + generatedChunk(2));
		assert.equal(mock.server.requests.length, 1);
	});

	test('cut right after the headers: interrupted, one request', async () => {
		mock.server.script({chunks: 10, dropAfter: 0});
		const result = await collect(model());
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'interrupted', message: 'The connection closed before the reply started; try again.'}});
		assert.equal(mock.server.requests.length, 1);
	});

	test('an error event inside the stream: failed with the server\'s message, text kept', async () => {
		mock.server.script({chunks: 10, errorEventAfter: 2, errorMessage: 'The model crashed.'});
		const result = await collect(model());
		assert.equal(result.text, generatedChunk(0) + generatedChunk(1));
		assert.deepEqual(result.end, {
			type: 'failed',
			error: {kind: 'unknown', message: `127.0.0.1:${mock.server.port} reported an error: The model crashed.`},
		});
	});
});

describe('malformed streams', () => {
	test('a chunk that is not JSON: failed with a plain sentence, text kept', async () => {
		mock.server.script({chunks: 10, malformedAfter: 2});
		const result = await collect(model());
		assert.equal(result.text, generatedChunk(0) + generatedChunk(1));
		assert.deepEqual(result.end, {
			type: 'failed',
			error: {kind: 'unknown', message: `127.0.0.1:${mock.server.port} sent a reply chunk that is not valid JSON, so the reply was cut short.`},
		});
	});

	test('a stall timeout beyond setTimeout\'s range still works (no 1 ms overflow)', async () => {
		const result = await collect(model({stallTimeoutMs: 10 ** 12}));
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
	});
});

describe('retries', () => {
	test('a 500 before the first token is retried: success, two requests', async () => {
		mock.server.script({status: 500, headers: {'retry-after-ms': '1'}}, {chunks: ['Second ', 'time.']});
		const result = await collect(model());
		assert.equal(result.text, 'Second time.');
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
		assert.equal(mock.server.requests.length, 2);
	});

	test('gives up after maxRetries: three requests, then the error', async () => {
		const busy = {status: 503, headers: {'retry-after-ms': '1'}};
		mock.server.script(busy, busy, busy, busy);
		const result = await collect(model());
		assert.equal(result.end.type === 'failed' && result.end.error.status, 503);
		assert.equal(mock.server.requests.length, 3);
	});
});
