import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'openai';
import {describeError, retryAfterMs} from '../../source/llm/openai-errors.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import type {OpenAIModelOptions} from '../../source/llm/openai-model.js';
import type {ScriptedReply} from '../support/mock-server.js';
import {collect, failure} from './stream-helpers.js';
import {startMockServer} from '../support/mock-server.js';
import {mockServerFixture} from '../support/mock-server-fixture.js';

const mock = mockServerFixture(server => {
	server.requireKey(undefined);
});

function model(options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
	return new OpenAIModel({model: 'mock-model', baseURL: mock.server.url, apiKey: 'sk-test', ...options});
}

async function failWith(reply: ScriptedReply, options: Partial<OpenAIModelOptions> = {}) {
	mock.server.script(reply);
	return failure(await collect(model(options)));
}

describe('HTTP errors from a compatible server, one actionable sentence each', () => {
	test('401: names the server and the variable to set; not retried', async () => {
		mock.server.requireKey('sk-right');
		const error = failure(await collect(model({apiKey: 'sk-wrong'})));
		assert.deepEqual(error, {kind: 'auth', status: 401, message: `${mock.host} rejected the API key (401): set OPENAI_API_KEY to a key it accepts.`});
		assert.equal(mock.server.requests.length, 1);
	});

	test('403: says which model the key may not use', async () => {
		const error = await failWith({status: 403});
		assert.deepEqual(error, {kind: 'forbidden', status: 403, message: `${mock.host} denied access (403): check that your API key may use model "mock-model".`});
	});

	test('404 about the model: names the model and the server', async () => {
		const error = await failWith({status: 404, errorMessage: 'The model `mock-model` does not exist.', errorCode: 'model_not_found'});
		assert.deepEqual(error, {kind: 'not-found', status: 404, message: `Model "mock-model" was not found on ${mock.host} (404): choose another with /model in the chat, or pass --model.`});
	});

	test('404 for the endpoint itself (base URL without /v1): points at --base-url', async () => {
		const error = failure(await collect(model({baseURL: `http://${mock.host}`})));
		assert.deepEqual(error, {
			kind: 'not-found',
			status: 404,
			message: `${mock.host} has no chat endpoint at http://${mock.host} (404): check --base-url (it usually ends in /v1).`,
		});
	});

	test('429 with retry-after: shows the wait at once instead of waiting it out silently', async () => {
		const started = Date.now();
		const error = await failWith({status: 429, retryAfter: 20});
		assert.deepEqual(error, {kind: 'rate-limit', status: 429, message: `${mock.host} is rate limiting requests (429): try again in 20 s.`});
		assert.equal(mock.server.requests.length, 1);
		assert.ok(Date.now() - started < 5000);
	});

	test('429 with a short retry-after is retried by the SDK first', async () => {
		const limited = {status: 429, headers: {'retry-after-ms': '1'}};
		mock.server.script(limited, limited, limited);
		const error = failure(await collect(model()));
		assert.equal(error.kind, 'rate-limit');
		assert.equal(mock.server.requests.length, 3);
	});

	test('429 without retry-after', async () => {
		const error = await failWith({status: 429}, {maxRetries: 0});
		assert.equal(error.message, `${mock.host} is rate limiting requests (429): wait a moment and try again.`);
	});

	test('429 for an exhausted quota: retrying will not help, so say what will', async () => {
		const error = await failWith({status: 429, errorCode: 'insufficient_quota', errorMessage: 'You exceeded your current quota.'}, {maxRetries: 0});
		assert.equal(error.message, `${mock.host} says the account has no quota left (429): check your plan and billing.`);
	});

	for (const status of [500, 502, 503]) {
		test(`${status}: a server error with its status`, async () => {
			const error = await failWith({status}, {maxRetries: 0});
			assert.deepEqual(error, {kind: 'server', status, message: `${mock.host} had a server error (${status}); try again in a moment.`});
		});
	}

	test('400 and other statuses: the server\'s own explanation, on one line', async () => {
		const tooLong = {status: 400, errorMessage: 'This model\'s maximum context length is 8192 tokens.\nPlease reduce the length.'};
		// A 400 is asked once more without stream_options (some servers reject that field); a real server says the same again.
		mock.server.script(tooLong);
		const error = await failWith(tooLong);
		assert.equal(mock.server.requests.length, 2);
		assert.deepEqual(error, {
			kind: 'unknown',
			status: 400,
			message: `${mock.host} rejected the request (400): This model's maximum context length is 8192 tokens. Please reduce the length.`,
		});
	});
});

describe('connection errors', () => {
	test('connection refused (a port that was just closed): names the URL', async () => {
		const gone = await startMockServer();
		await gone.close();
		const error = failure(await collect(new OpenAIModel({model: 'm', baseURL: gone.url, maxRetries: 0})));
		assert.deepEqual(error, {kind: 'connection', message: `Cannot connect to ${gone.url}: is the server running?`});
	});

	test('connection refused is retried by the SDK before it gives up', async () => {
		const gone = await startMockServer();
		await gone.close();
		const started = Date.now();
		const error = failure(await collect(new OpenAIModel({model: 'm', baseURL: gone.url, maxRetries: 1})));
		assert.equal(error.kind, 'connection');
		assert.ok(Date.now() - started >= 300, 'the SDK waited its backoff (at least 375 ms) and tried again');
	});

	test('unknown host: says the name was not found', async () => {
		const error = failure(await collect(new OpenAIModel({model: 'm', baseURL: 'http://no-such-host.invalid/v1', maxRetries: 0})));
		assert.deepEqual(error, {kind: 'connection', message: 'Cannot connect to http://no-such-host.invalid/v1: the host name was not found; check --base-url.'});
	});
});

describe('describeError wording for OpenAI itself (no base URL)', () => {
	const target = {model: 'gpt-4o', url: 'https://api.openai.com/v1', custom: false, stallTimeoutMs: 60_000};
	const headers = (entries: Record<string, string> = {}) => new Headers(entries);

	const cases: Array<[string, unknown, string]> = [
		['401', new sdk.AuthenticationError(401, {message: 'Incorrect API key'}, undefined, headers()), 'OpenAI rejected the API key (401): set OPENAI_API_KEY to a valid key.'],
		['403', new sdk.PermissionDeniedError(403, {}, undefined, headers()), 'OpenAI denied access (403): check that your API key may use model "gpt-4o".'],
		['404', new sdk.NotFoundError(404, {message: 'not here'}, undefined, headers()), 'Model "gpt-4o" was not found on api.openai.com (404): choose another with /model in the chat, or pass --model.'],
		['429', new sdk.RateLimitError(429, {}, undefined, headers({'retry-after': '1.5'})), 'OpenAI is rate limiting requests (429): try again in 1.5 s.'],
		['500', new sdk.InternalServerError(500, {}, undefined, headers()), 'api.openai.com had a server error (500); try again in a moment.'],
		['connection', new sdk.APIConnectionError({message: 'Connection error.'}), 'Cannot connect to https://api.openai.com/v1: check your network connection.'],
		['timeout', new sdk.APIConnectionTimeoutError(), 'No answer from https://api.openai.com/v1 in time: check that the server is reachable, then try again.'],
		['anything else', new Error('Unexpected end of\nJSON input'), 'The request failed: Unexpected end of JSON input.'],
	];
	for (const [name, error, message] of cases) {
		test(name, () => {
			assert.equal(describeError(error, sdk, target).message, message);
		});
	}
});

describe('retryAfterMs', () => {
	test('reads retry-after-ms, retry-after in seconds, and retry-after as a date', () => {
		assert.equal(retryAfterMs(new Headers({'retry-after-ms': '250'})), 250);
		assert.equal(retryAfterMs(new Headers({'retry-after': '20'})), 20_000);
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const fromDate = retryAfterMs(new Headers({'retry-after': inTenSeconds}));
		assert.ok(fromDate !== undefined && fromDate > 8000 && fromDate <= 10_000);
		assert.equal(retryAfterMs(new Headers()), undefined);
		assert.equal(retryAfterMs(undefined), undefined);
	});
});
