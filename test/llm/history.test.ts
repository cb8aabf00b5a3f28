import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {buildRegenerateRequest, buildRequest, windowIds} from '../../source/llm/history.js';
import type {HistoryMessage} from '../../source/llm/history.js';
import type {ChatMessage} from '../../source/llm/types.js';

const system = 'You are a helpful assistant. Use markdown to format your answers.';

function user(id: number, content = `q${id}`, status: HistoryMessage['status'] = 'complete'): HistoryMessage {
	return {id, role: 'user', content, status};
}

function reply(id: number, content = `a${id}`, status: HistoryMessage['status'] = 'complete'): HistoryMessage {
	return {id, role: 'assistant', content, status};
}

/** A regenerated reply kept as an alternative. */
function superseded(message: HistoryMessage): HistoryMessage {
	return {...message, superseded: true};
}

/** n complete exchanges: ids 1/2 (q1/a2), 3/4 (q3/a4), … */
function exchanges(n: number): HistoryMessage[] {
	return Array.from({length: n}, (_, index) => [user(index * 2 + 1), reply(index * 2 + 2)]).flat();
}

/** The request messages for exchanges given as [user id, reply id] pairs of the `exchanges()` naming. */
function pairs(...ids: Array<[number, number]>): ChatMessage[] {
	return ids.flatMap(([q, a]) => [{role: 'user', content: `q${q}`}, {role: 'assistant', content: `a${a}`}] as ChatMessage[]);
}

interface Case {
	name: string;
	stored: HistoryMessage[];
	exchanges: number;
	systemPrompt?: string;
	/** The messages between the system message and the new one. */
	window: ChatMessage[];
	ids: number[];
}

const cases: Case[] = [
	{name: 'empty session', stored: [], exchanges: 3, window: [], ids: []},
	{name: 'N = 0 sends no history', stored: exchanges(5), exchanges: 0, window: [], ids: []},
	{name: 'N = 1: the last exchange', stored: exchanges(5), exchanges: 1, window: pairs([9, 10]), ids: [9, 10]},
	{name: 'N = 3: the last three, oldest first', stored: exchanges(5), exchanges: 3, window: pairs([5, 6], [7, 8], [9, 10]), ids: [5, 6, 7, 8, 9, 10]},
	{name: 'N = 3 with exactly three', stored: exchanges(3), exchanges: 3, window: pairs([1, 2], [3, 4], [5, 6]), ids: [1, 2, 3, 4, 5, 6]},
	{name: 'N larger than the session: everything', stored: exchanges(2), exchanges: 10, window: pairs([1, 2], [3, 4]), ids: [1, 2, 3, 4]},
	{
		name: 'an errored reply is left out with its question, and does not count towards N',
		stored: [...exchanges(2), user(5), reply(6, 'half an ans', 'error'), user(7), reply(8)],
		exchanges: 3,
		window: pairs([1, 2], [3, 4], [7, 8]),
		ids: [1, 2, 3, 4, 7, 8],
	},
	{
		name: 'an errored last exchange',
		stored: [...exchanges(2), user(5), reply(6, '', 'error')],
		exchanges: 1,
		window: pairs([3, 4]),
		ids: [3, 4],
	},
	{
		name: 'a stopped reply is sent as it is',
		stored: [user(1), reply(2, 'The answer is', 'stopped')],
		exchanges: 3,
		window: [{role: 'user', content: 'q1'}, {role: 'assistant', content: 'The answer is'}],
		ids: [1, 2],
	},
	{
		name: 'a stopped reply with no text yet is still an exchange',
		stored: [user(1), reply(2, '', 'stopped')],
		exchanges: 3,
		window: [{role: 'user', content: 'q1'}, {role: 'assistant', content: ''}],
		ids: [1, 2],
	},
	{
		name: 'a question that never got a reply (the app quit) is left out',
		stored: [user(1), reply(2), user(3), user(5), reply(6)],
		exchanges: 3,
		window: pairs([1, 2], [5, 6]),
		ids: [1, 2, 5, 6],
	},
	{
		name: 'the new message already stored (no reply yet) is not part of the window',
		stored: [...exchanges(2), user(5, 'the new one')],
		exchanges: 3,
		window: pairs([1, 2], [3, 4]),
		ids: [1, 2, 3, 4],
	},
	{
		name: 'a retried reply replaces the failed one',
		stored: [user(1), reply(2, 'oops', 'error'), reply(3, 'a3')],
		exchanges: 3,
		window: [{role: 'user', content: 'q1'}, {role: 'assistant', content: 'a3'}],
		ids: [1, 3],
	},
	{
		name: 'a reply with no question before it is ignored',
		stored: [reply(1, 'orphan'), user(2, 'q2'), reply(3, 'a3')],
		exchanges: 3,
		window: [{role: 'user', content: 'q2'}, {role: 'assistant', content: 'a3'}],
		ids: [2, 3],
	},
	{
		name: 'stored system messages are not resent (the current prompt is)',
		stored: [{id: 1, role: 'system', content: 'old prompt', status: 'complete'}, user(2, 'q2'), reply(3, 'a3')],
		exchanges: 3,
		window: [{role: 'user', content: 'q2'}, {role: 'assistant', content: 'a3'}],
		ids: [2, 3],
	},
	{
		name: 'a question marked as errored is left out with its reply',
		stored: [user(1, 'q1', 'error'), reply(2), user(3), reply(4)],
		exchanges: 3,
		window: pairs([3, 4]),
		ids: [3, 4],
	},
	{name: 'an empty system prompt is omitted', stored: exchanges(1), exchanges: 3, systemPrompt: '', window: pairs([1, 2]), ids: [1, 2]},
	{
		name: 'a superseded reply is never sent: the current alternative is',
		stored: [user(1), superseded(reply(2)), reply(3)],
		exchanges: 3,
		window: pairs([1, 3]),
		ids: [1, 3],
	},
	{
		name: 'flipped back: the first reply is current, the later one superseded',
		stored: [user(1), reply(2), superseded(reply(3)), superseded(reply(4))],
		exchanges: 3,
		window: pairs([1, 2]),
		ids: [1, 2],
	},
	{
		name: 'a failed reply superseded by a retry: the exchange is sent with the retry',
		stored: [user(1), superseded(reply(2, '', 'error')), reply(3)],
		exchanges: 3,
		window: pairs([1, 3]),
		ids: [1, 3],
	},
	{
		name: 'a successful reply superseded by a failed retry: the exchange is left out, the old reply not sent',
		stored: [...exchanges(1), user(3), superseded(reply(4)), reply(5, '', 'error')],
		exchanges: 3,
		window: pairs([1, 2]),
		ids: [1, 2],
	},
	{
		name: 'alternatives in earlier turns count once each towards N',
		stored: [user(1), superseded(reply(2)), reply(3), user(4), reply(5), superseded(reply(6)), user(7), reply(8)],
		exchanges: 2,
		window: pairs([4, 5], [7, 8]),
		ids: [4, 5, 7, 8],
	},
	{name: 'every reply superseded (never left so by the store): no exchange', stored: [user(1), superseded(reply(2))], exchanges: 3, window: [], ids: []},
];

describe('buildRequest', () => {
	for (const testCase of cases) {
		test(testCase.name, () => {
			const systemPrompt = testCase.systemPrompt ?? system;
			const stored = Object.freeze(testCase.stored.map(message => Object.freeze({...message})));
			const built = buildRequest(stored, 'And now?', {systemPrompt, exchanges: testCase.exchanges});
			const head: ChatMessage[] = systemPrompt === '' ? [] : [{role: 'system', content: systemPrompt}];
			assert.deepEqual(built.messages, [...head, ...testCase.window, {role: 'user', content: 'And now?'}]);
			assert.deepEqual(built.windowIds, testCase.ids);
			// What the UI marks is exactly what the next request sends.
			assert.deepEqual(windowIds(stored, testCase.exchanges), new Set(testCase.ids));
		});
	}

	test('a custom system prompt comes first', () => {
		const built = buildRequest(exchanges(1), 'Hi', {systemPrompt: 'Answer in French.', exchanges: 3});
		assert.deepEqual(built.messages[0], {role: 'system', content: 'Answer in French.'});
	});
});

describe('buildRegenerateRequest', () => {
	const options = {systemPrompt: system, exchanges: 3};
	const request = (...window: ChatMessage[]) => [{role: 'system', content: system}, ...window];

	test('asks again with the history the last message was sent with, whatever its replies were', () => {
		for (const lastTurn of [[reply(8)], [reply(8, 'half', 'error')], [reply(8, 'partial', 'stopped'), reply(9)], [superseded(reply(8)), reply(9)], []]) {
			const built = buildRegenerateRequest([...exchanges(3), user(7), ...lastTurn], options);
			assert.deepEqual(built?.messages, request(...pairs([1, 2], [3, 4], [5, 6]), {role: 'user', content: 'q7'}));
			assert.deepEqual(built?.windowIds, [1, 2, 3, 4, 5, 6]);
		}
	});

	test('the window is as long as asked, from before the last message', () => {
		const built = buildRegenerateRequest([...exchanges(4), user(9), reply(10)], {...options, exchanges: 1});
		assert.deepEqual(built?.messages, request(...pairs([7, 8]), {role: 'user', content: 'q9'}));
	});

	test('nothing to answer: no request', () => {
		assert.equal(buildRegenerateRequest([], options), undefined);
		assert.equal(buildRegenerateRequest([reply(1, 'a greeting')], options), undefined);
	});
});
