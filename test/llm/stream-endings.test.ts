// How a streamed reply ends, the way real servers end them: [DONE] with or without a finish_reason, a token limit, a
// content filter, a cut, a usage-only last chunk, servers that refuse stream_options, and 200 answers that are no stream.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {finishNotice} from '../../source/llm/finish-reason.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import {assertWellFormed, collect} from './stream-helpers.js';
import {mockServerFixture} from '../support/mock-server-fixture.js';

const mock = mockServerFixture(server => {
	server.rejectStreamOptions(false);
});

function model(name = 'mock-model'): OpenAIModel {
	return new OpenAIModel({model: name, baseURL: mock.server.url, apiKey: 'sk-test', maxRetries: 0});
}

describe('clean ends', () => {
	test('[DONE] after a finish_reason: finished with that reason', async () => {
		mock.server.script({chunks: ['All ', 'of ', 'it']});
		const result = await collect(model());
		assertWellFormed(result.events);
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
	});

	test('[DONE] with no finish_reason at all: a clean end, not a cut', async () => {
		mock.server.script({chunks: ['All ', 'of ', 'it'], omitFinishReason: true});
		const result = await collect(model());
		assert.equal(result.text, 'All of it');
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
	});

	test('finish_reason "length": complete but cut by the token limit, with a notice to show', async () => {
		mock.server.script({chunks: ['Half a', ' thought'], finishReason: 'length'});
		const result = await collect(model());
		assert.equal(result.text, 'Half a thought');
		assert.deepEqual(result.end, {type: 'finished', reason: 'length'});
		assert.equal(finishNotice('length'), 'The reply reached the token limit and may be cut short: ask the model to go on, or raise the server\'s limit.');
	});

	test('finish_reason "content_filter": finished, and the notice says the filter stopped it', async () => {
		mock.server.script({chunks: ['Some'], finishReason: 'content_filter'});
		const result = await collect(model());
		assert.deepEqual(result.end, {type: 'finished', reason: 'content_filter'});
		assert.match(finishNotice('content_filter') ?? '', /content filter stopped the reply/);
	});

	test('a finish_reason and then a cut before [DONE]: still finished', async () => {
		mock.server.script({chunks: ['Done.'], omitDone: true});
		const result = await collect(model());
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
	});

	test('a usage-only last chunk (choices: []) is usage, not an error', async () => {
		mock.server.script({chunks: ['Hi'], usage: {prompt_tokens: 7, completion_tokens: 1}});
		const result = await collect(model());
		assert.deepEqual(result.events.slice(-2), [
			{type: 'usage', usage: {promptTokens: 7, completionTokens: 1, totalTokens: 8}},
			{type: 'finished', reason: 'stop'},
		]);
	});
});

describe('the only cut', () => {
	test('the connection closes cleanly with neither [DONE] nor a finish_reason: interrupted, text kept', async () => {
		mock.server.script({chunks: ['All ', 'of'], omitFinishReason: true, omitDone: true});
		const result = await collect(model());
		assert.equal(result.text, 'All of');
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'interrupted', message: 'The connection closed before the reply finished; the partial reply was kept.'}});
	});
});

describe('finish notices', () => {
	test('a natural end says nothing; others say what happened in one sentence', () => {
		for (const reason of ['stop', 'eos', 'end_turn']) assert.equal(finishNotice(reason), undefined);
		assert.match(finishNotice('tool_calls') ?? '', /call a tool/);
		assert.equal(finishNotice('abort'), 'The server ended the reply early ("abort"); what arrived was kept.');
		assert.equal(finishNotice('\u001B]0;pwned\u0007'), 'The server ended the reply early; what arrived was kept.', 'untrusted reasons are not echoed');
	});
});

describe('servers that refuse stream_options', () => {
	test('a 400 to stream_options is asked again without it, and that is remembered for the model and server', async () => {
		mock.server.rejectStreamOptions(true);
		const picky = model('picky-model');
		const first = await collect(picky);
		assert.deepEqual(first.end, {type: 'finished', reason: 'stop'});
		assert.deepEqual(mock.server.requests.map(request => (request.body as {stream_options?: unknown}).stream_options !== undefined), [true, false]);

		mock.server.requests.length = 0;
		// A new model object for the same model and server (as /model would make) knows it too.
		const again = await collect(model('picky-model'));
		assert.deepEqual(again.end, {type: 'finished', reason: 'stop'});
		assert.equal(mock.server.requests.length, 1, 'one request, without stream_options');
		assert.equal((mock.server.requests[0]?.body as {stream_options?: unknown}).stream_options, undefined);

		// Other models on that server still ask for usage.
		mock.server.rejectStreamOptions(false);
		mock.server.requests.length = 0;
		await collect(model('other-model'));
		assert.deepEqual((mock.server.requests[0]?.body as {stream_options?: unknown}).stream_options, {include_usage: true});
	});
});

describe('200 answers that are not a stream say what arrived', () => {
	test('an HTML page (a web UI at the base URL)', async () => {
		mock.server.script({body: '<!doctype html><html><head><title>Open WebUI</title></head><body></body></html>'});
		const result = await collect(model());
		assert.deepEqual(result.end, {
			type: 'failed',
			error: {kind: 'not-a-stream', message: `${mock.host} answered with an HTML page, not an OpenAI stream: check --base-url (it usually ends in /v1).`},
		});
	});

	test('an HTML page sent as text/plain is still recognised', async () => {
		mock.server.script({body: '\n  <html><body>It works!</body></html>', contentType: 'text/plain'});
		const result = await collect(model());
		assert.match(result.end.type === 'failed' ? result.end.error.message : '', /answered with an HTML page/);
	});

	test('a body that is neither a stream nor JSON', async () => {
		mock.server.script({body: 'Ollama is running', contentType: 'text/plain; charset=utf-8'});
		const result = await collect(model());
		assert.deepEqual(result.end, {
			type: 'failed',
			error: {kind: 'not-a-stream', message: `${mock.host} answered with something that is not an OpenAI stream: check --base-url (it usually ends in /v1).`},
		});
	});

	test('a {"choices": null} chunk: what arrived, not "closed before the reply started"', async () => {
		mock.server.script({body: 'data: {"id":"x","choices":null}\n\ndata: [DONE]\n\n', contentType: 'text/event-stream'});
		const result = await collect(model());
		assert.deepEqual(result.end, {
			type: 'failed',
			error: {kind: 'not-a-stream', message: `${mock.host} sent stream chunks without any choices in them, not an OpenAI chat stream: check --base-url and --model.`},
		});
	});

	test('a stray chunk without choices among good ones is skipped', async () => {
		mock.server.script({body: 'data: {"choices":null}\n\ndata: {"choices":[{"index":0,"delta":{"content":"fine"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n', contentType: 'text/event-stream'});
		const result = await collect(model());
		assert.equal(result.text, 'fine');
		assert.deepEqual(result.end, {type: 'finished', reason: 'stop'});
	});

	test('a whole chat.completion from a server that does not stream: delivered as one reply', async () => {
		const completion = {
			id: 'c', object: 'chat.completion', choices: [{index: 0, message: {role: 'assistant', content: 'All at once.', reasoning_content: 'Quick.'}, finish_reason: 'stop'}],
			usage: {prompt_tokens: 3, completion_tokens: 3, total_tokens: 6},
		};
		mock.server.script({body: JSON.stringify(completion), contentType: 'application/json'});
		const result = await collect(model());
		assert.deepEqual(result.events, [
			{type: 'reasoning', text: 'Quick.'},
			{type: 'delta', text: 'All at once.'},
			{type: 'usage', usage: {promptTokens: 3, completionTokens: 3, totalTokens: 6}},
			{type: 'finished', reason: 'stop'},
		]);
	});

	test('a 200 JSON error body: the server\'s own words', async () => {
		mock.server.script({body: JSON.stringify({error: {message: 'model is loading'}}), contentType: 'application/json'});
		const result = await collect(model());
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'unknown', message: `${mock.host} reported an error: model is loading.`}});
	});

	test('an error object in the stream (older vLLM\'s shape): the server\'s own words, text kept', async () => {
		mock.server.script({body: 'data: {"choices":[{"index":0,"delta":{"content":"Par"}}]}\n\ndata: {"object":"error","message":"CUDA out of memory","type":"InternalServerError","code":500}\n\ndata: [DONE]\n\n', contentType: 'text/event-stream'});
		const result = await collect(model());
		assert.equal(result.text, 'Par');
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'unknown', message: `${mock.host} reported an error: CUDA out of memory.`}});
	});

	test('an empty 200 body is still "closed before the reply started"', async () => {
		mock.server.script({body: '', contentType: 'text/event-stream'});
		const result = await collect(model());
		assert.deepEqual(result.end, {type: 'failed', error: {kind: 'interrupted', message: 'The connection closed before the reply started; try again.'}});
	});

	test('only keep-alive comments, then a close: closed before the reply started', async () => {
		mock.server.script({body: ': keep-alive\n\n: keep-alive\n\n', contentType: 'text/event-stream'});
		const result = await collect(model());
		assert.equal(result.end.type === 'failed' && result.end.error.kind, 'interrupted');
	});
});
