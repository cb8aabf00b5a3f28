import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {ReplyBatch} from '../../source/hooks/reply-batch.js';
import {chatReducer, createInitialState, thinkingMs} from '../../source/state/chat-state.js';
import type {ChatState} from '../../source/state/chat-state.js';

const reasoning = (text: string) => ({type: 'reasoning' as const, text});
const delta = (text: string) => ({type: 'delta' as const, text});

describe('ReplyBatch', () => {
	test('what arrived between two takes becomes at most two actions, thinking first, each with its first arrival time', () => {
		const batch = new ReplyBatch();
		batch.add(reasoning('Let me '), 1000);
		batch.add(reasoning('think.'), 1040);
		batch.add(delta('Answer'), 1090);
		assert.deepEqual(batch.take(), [
			{type: 'streamReasoning', text: 'Let me think.', at: 1000},
			{type: 'streamDelta', text: 'Answer', at: 1090},
		]);
		assert.deepEqual(batch.take(), [], 'nothing new, nothing to dispatch');
		batch.add(delta(' goes on.'), 1200);
		assert.deepEqual(batch.take(), [{type: 'streamDelta', text: ' goes on.', at: 1200}]);
	});

	test('the stored reply: the whole answer, the whole thinking, and how long it took until the answer began', () => {
		const batch = new ReplyBatch();
		batch.add(reasoning('Hmm.'), 1000);
		batch.take();
		batch.add(delta('Yes.'), 13_400);
		batch.add(reasoning(' (a late thought)'), 13_500);
		assert.deepEqual(batch.reply(20_000), {content: 'Yes.', thinking: 'Hmm. (a late thought)', thinkingMs: 12_400});
	});

	test('no thinking: null, not an empty string; a stop while still thinking counts until the end', () => {
		const plain = new ReplyBatch();
		plain.add(delta('Hi'), 5);
		assert.deepEqual(plain.reply(10), {content: 'Hi', thinking: null, thinkingMs: null});
		const stopped = new ReplyBatch();
		stopped.add(reasoning('Still…'), 100);
		assert.deepEqual(stopped.reply(2100), {content: '', thinking: 'Still…', thinkingMs: 2000});
	});

	test('its actions give the reducer the same thinking and duration as the stored reply', () => {
		const batch = new ReplyBatch();
		let state: ChatState = chatReducer(createInitialState(), {type: 'streamStarted', at: 0});
		const apply = () => {
			for (const action of batch.take()) state = chatReducer(state, action);
		};
		batch.add(reasoning('a'), 100);
		apply();
		batch.add(reasoning('b'), 250);
		batch.add(delta('x'), 3100);
		apply();
		batch.add(delta('y'), 3200);
		apply();
		assert.equal(state.streaming?.thinking, 'ab');
		assert.equal(state.streaming?.text, 'xy');
		assert.equal(thinkingMs(state.streaming!, 9999), batch.reply(9999).thinkingMs);
		assert.equal(thinkingMs(state.streaming!, 9999), 3000);
	});
});
