import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {OfflineModel} from '../../source/llm/offline-model.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import {startMockServer} from '../support/mock-server.js';
import {mockServerFixture} from '../support/mock-server-fixture.js';

const mock = mockServerFixture(server => {
	server.setModels(['mock']);
	server.requireKey(undefined);
});

function model(baseURL = mock.server.url): OpenAIModel {
	return new OpenAIModel({model: 'mock-model', baseURL, apiKey: 'sk-test', maxRetries: 0});
}

describe('listModels', () => {
	test('GET /v1/models through the SDK: the ids, in the server\'s order, once each', async () => {
		mock.server.setModels(['llama3.2:3b', 'qwen3:8b', 'deepseek-r1:7b', 'qwen3:8b']);
		assert.deepEqual(await model().listModels(new AbortController().signal), {type: 'listed', models: ['llama3.2:3b', 'qwen3:8b', 'deepseek-r1:7b']});
		assert.deepEqual(mock.server.requests.map(request => [request.method, request.path, request.headers.authorization]), [['GET', '/v1/models', 'Bearer sk-test']]);
	});

	test('a server that does not list its models (404): one sentence that says to type the name', async () => {
		mock.server.setModels(null);
		assert.deepEqual(await model().listModels(new AbortController().signal), {
			type: 'failed',
			error: {kind: 'not-found', status: 404, message: `${mock.host} does not list its models (404); type the model's name instead.`},
		});
	});

	test('other errors read like the chat\'s: a wrong key', async () => {
		mock.server.requireKey('sk-right');
		const result = await model().listModels(new AbortController().signal);
		assert.deepEqual(result, {type: 'failed', error: {kind: 'auth', status: 401, message: `${mock.host} rejected the API key (401): set OPENAI_API_KEY to a key it accepts.`}});
	});

	test('a server that is not there', async () => {
		const gone = await startMockServer();
		await gone.close();
		const result = await model(gone.url).listModels(new AbortController().signal);
		assert.deepEqual(result, {type: 'failed', error: {kind: 'connection', message: `Cannot connect to ${gone.url}: is the server running?`}});
	});

	test('an HTML page where the list should be: says so', async () => {
		const page = createServer((_, response) => {
			response.writeHead(200, {'content-type': 'text/html'});
			response.end('<!doctype html><title>Open WebUI</title>');
		});
		await new Promise<void>(resolve => page.listen(0, '127.0.0.1', resolve));
		const {port} = page.address() as AddressInfo;
		try {
			const result = await model(`http://127.0.0.1:${port}`).listModels(new AbortController().signal);
			assert.deepEqual(result, {
				type: 'failed',
				error: {kind: 'not-a-stream', message: `127.0.0.1:${port} answered with an HTML page that is not a model list: check --base-url (it usually ends in /v1).`},
			});
		} finally {
			await new Promise(resolve => page.close(resolve));
		}
	});

	test('aborted: stopped, before or during the request', async () => {
		const controller = new AbortController();
		controller.abort();
		assert.deepEqual(await model().listModels(controller.signal), {type: 'stopped'});
		const during = new AbortController();
		const pending = model().listModels(during.signal);
		during.abort();
		assert.deepEqual(await pending, {type: 'stopped'});
	});

	test('the offline model lists itself', async () => {
		assert.deepEqual(await new OfflineModel().listModels(new AbortController().signal), {type: 'listed', models: ['offline']});
	});
});
