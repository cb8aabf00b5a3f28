// The loopback server is shared by the LLM, UI, E2E tests and the benchmark: check the parts they rely on.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import {generatedChunk, startMockServer, wireFamilies} from '../support/mock-server.js';
import type {MockServer} from '../support/mock-server.js';
import {waitFor} from '../support/wait-for.js';

let server: MockServer;
let client: OpenAI;

before(async () => {
	server = await startMockServer();
	client = new OpenAI({baseURL: server.url, apiKey: 'sk-test', maxRetries: 0});
});

after(async () => {
	await server.close();
});

test('lists its one model at GET /v1/models', async () => {
	const models = await client.models.list();
	assert.deepEqual(models.data.map(model => model.id), ['mock']);
});

test('answers a non-streaming request with a whole chat.completion and usage', async () => {
	server.script({chunks: ['Hello', ' there'], usage: {prompt_tokens: 3, completion_tokens: 2}});
	const completion = await client.chat.completions.create({model: 'm', messages: [{role: 'user', content: 'Hi'}]});
	assert.equal(completion.object, 'chat.completion');
	assert.equal(completion.choices[0]?.message.content, 'Hello there');
	assert.equal(completion.choices[0]?.finish_reason, 'stop');
	assert.deepEqual(completion.usage, {prompt_tokens: 3, completion_tokens: 2, total_tokens: 5});
});

test('echoes the last user message by default', async () => {
	const completion = await client.chat.completions.create({model: 'm', messages: [{role: 'user', content: 'first'}, {role: 'user', content: 'second'}]});
	assert.equal(completion.choices[0]?.message.content, 'You said: second');
});

test('streams chunks in OpenAI\'s shape, with a usage chunk only when asked', async () => {
	server.script({chunks: 3}, {chunks: 3});
	const chunks = [];
	for await (const chunk of await client.chat.completions.create({model: 'm', messages: [], stream: true, stream_options: {include_usage: true}})) chunks.push(chunk);
	assert.equal(chunks.length, 1 + 3 + 1 + 1); // role, text, finish, usage
	assert.equal(chunks[0]?.object, 'chat.completion.chunk');
	assert.deepEqual(chunks[0]?.choices[0]?.delta, {role: 'assistant', content: '', refusal: null});
	assert.equal(chunks[1]?.choices[0]?.delta.content, generatedChunk(0));
	assert.equal(chunks[4]?.choices[0]?.finish_reason, 'stop');
	assert.deepEqual(chunks[5]?.choices, []);
	assert.ok((chunks[5]?.usage?.completion_tokens ?? 0) === 3);

	const plain = [];
	for await (const chunk of await client.chat.completions.create({model: 'm', messages: [], stream: true})) plain.push(chunk);
	assert.equal(plain.length, 1 + 3 + 1);
	assert.ok(plain.every(chunk => chunk.usage === undefined));
});

test('paced mode sends N chunks per second; burst mode sends 5,000 at once', async () => {
	server.script({chunks: 20, chunksPerSecond: 100}, {chunks: 5000});
	const time = async () => {
		const started = Date.now();
		let count = 0;
		for await (const chunk of await client.chat.completions.create({model: 'm', messages: [], stream: true})) if (chunk.choices[0]?.delta.content) count++;
		return {count, elapsed: Date.now() - started};
	};
	const paced = await time();
	assert.equal(paced.count, 20);
	assert.ok(paced.elapsed >= 180, `20 chunks at 100/s took ${paced.elapsed} ms`);
	const burst = await time();
	assert.equal(burst.count, 5000);
});

test('requires the bearer key when told to', async () => {
	server.requireKey('sk-right');
	try {
		await assert.rejects(client.chat.completions.create({model: 'm', messages: []}), {status: 401, code: 'invalid_api_key'});
		const allowed = new OpenAI({baseURL: server.url, apiKey: 'sk-right', maxRetries: 0});
		await allowed.chat.completions.create({model: 'm', messages: []});
	} finally {
		server.requireKey(undefined);
	}
});

test('records every request with its parsed body and headers', async () => {
	server.requests.length = 0;
	await client.chat.completions.create({model: 'recorded', messages: [{role: 'user', content: 'x'}]});
	assert.equal(server.requests.length, 1);
	assert.equal((server.requests[0]?.body as {model: string}).model, 'recorded');
	assert.equal(server.requests[0]?.headers['content-type'], 'application/json');
});

test('records the raw body too, so a test can look for anything in what was sent', async () => {
	server.requests.length = 0;
	await client.chat.completions.create({model: 'm', messages: [{role: 'user', content: 'needle'}]});
	assert.ok(server.requests[0]?.raw.includes('"needle"'));
});

test('lists the models it is given, or answers 404 like a server that does not list them', async () => {
	server.setModels(['a', 'b']);
	try {
		assert.deepEqual((await client.models.list()).data.map(model => model.id), ['a', 'b']);
		server.setModels(null);
		await assert.rejects(client.models.list(), {status: 404});
	} finally {
		server.setModels(['mock']);
	}
});

test('can refuse stream_options with a 400, as older servers do', async () => {
	server.rejectStreamOptions(true);
	try {
		await assert.rejects(client.chat.completions.create({model: 'm', messages: [], stream: true, stream_options: {include_usage: true}}), {status: 400});
		const stream = await client.chat.completions.create({model: 'm', messages: [], stream: true});
		for await (const chunk of stream) void chunk;
	} finally {
		server.rejectStreamOptions(false);
	}
});

test('every family\'s stream parses with the bare SDK, and ends with [DONE]', async () => {
	for (const family of wireFamilies) {
		server.script({family, chunks: ['one ', 'two'], ...(family === 'openai' ? {} : {reasoning: ['hm']})});
		const chunks = [];
		for await (const chunk of await client.chat.completions.create({model: 'm', messages: [], stream: true, stream_options: {include_usage: true}})) chunks.push(chunk);
		const text = chunks.map(chunk => chunk.choices[0]?.delta.content ?? '').join('');
		assert.equal(text, 'one two', family);
		assert.ok(chunks.some(chunk => chunk.usage?.total_tokens), `${family} sends usage`);
	}
});

test('answers with a fixed body when told to (an HTML page where a stream was expected)', async () => {
	server.script({body: '<html>hello</html>'});
	const response = await fetch(`${server.url}/chat/completions`, {method: 'POST', body: JSON.stringify({model: 'm', messages: [], stream: true})});
	assert.equal(response.status, 200);
	assert.match(response.headers.get('content-type') ?? '', /text\/html/);
	assert.equal(await response.text(), '<html>hello</html>');
});

test('close() ends a stalled stream and destroys its socket', async () => {
	const other = await startMockServer();
	other.script({chunks: 5, stallAfter: 2});
	const stream = await new OpenAI({baseURL: other.url, apiKey: 'k', maxRetries: 0}).chat.completions.create({model: 'm', messages: [], stream: true});
	const reading = (async () => {
		try {
			for await (const chunk of stream) void chunk;
		} catch {
			// The cut is the point.
		}
	})();
	await waitFor(() => other.openSockets === 1);
	await other.close();
	assert.equal(other.openSockets, 0);
	await reading;
});
