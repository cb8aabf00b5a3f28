import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createModel} from '../../source/llm/create-model.js';
import {OfflineModel} from '../../source/llm/offline-model.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import {startMockServer} from '../support/mock-server.js';
import {collect} from './stream-helpers.js';

const base = {model: 'gpt-4o', baseURL: undefined, apiKey: undefined, stallTimeoutMs: 60_000};

test('offline config: the built-in model', () => {
	const model = createModel({...base, offline: true, apiKey: 'sk-set-but-offline-forced'});
	assert.ok(model instanceof OfflineModel);
	assert.equal(model.label, 'offline model');
});

test('a key and no base URL: OpenAI, labelled with the model name only', () => {
	const model = createModel({...base, offline: false, apiKey: 'sk-x'});
	assert.ok(model instanceof OpenAIModel);
	assert.equal(model.name, 'gpt-4o');
	assert.equal(model.label, 'gpt-4o');
	assert.equal(model.offline, false);
});

test('a base URL: labelled with the model and host:port', () => {
	const model = createModel({...base, offline: false, model: 'llama3.2', baseURL: 'http://localhost:11434/v1'});
	assert.equal(model.label, 'llama3.2 @ localhost:11434');
});

test('the model it creates talks to the configured server, and uses the configured stall timeout', async () => {
	const server = await startMockServer();
	try {
		server.script({chunks: 5, stallAfter: 1});
		const model = createModel({...base, offline: false, model: 'mock', baseURL: server.url, stallTimeoutMs: 1000});
		const result = await collect(model);
		assert.equal(result.end.type === 'failed' && result.end.error.message, `No reply from 127.0.0.1:${server.port} for 1 s, so the request was stopped: try again, or raise --timeout.`);
		assert.equal((server.requests[0]?.body as {model: string}).model, 'mock');
	} finally {
		await server.close();
	}
});
