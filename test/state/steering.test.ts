import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {chatReducer, createInitialState} from '../../source/state/chat-state.js';
import type {ChatState} from '../../source/state/chat-state.js';
import {alternativePosition, neighbourAlternative, shownMessages} from '../../source/state/conversation.js';
import type {SessionSummary, StoredMessage} from '../../source/store/types.js';

const session: SessionSummary = {id: 's-1', userId: 'ada', title: 'Trip', createdAt: 1, updatedAt: 1, model: 'gpt-4o', messageCount: 0, origin: 'agent-session', systemPrompt: null, forkedFrom: null};

function message(id: number, role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
	return {id, sessionId: 's-1', position: id, role, content, status: 'complete', error: null, createdAt: 100 + id, usage: null, thinking: null, thinkingMs: null, model: null, superseded: false, ...extra};
}

const conversation = [message(1, 'user', 'one'), message(2, 'assistant', 'A1'), message(3, 'user', 'two'), message(4, 'assistant', 'B1', {status: 'error', error: 'It broke.'})];

function opened(messages: readonly StoredMessage[] = conversation): ChatState {
	return chatReducer(createInitialState(), {type: 'sessionOpened', session, messages, resumed: true});
}

describe('regenerate', () => {
	test('while the new reply streams, the replaced one is superseded (hidden), the error cleared', () => {
		let state: ChatState = {...opened(), lastError: 'It broke.'};
		state = chatReducer(state, {type: 'regenerateStarted', at: 5});
		assert.notEqual(state.streaming, null);
		assert.equal(state.lastError, null);
		assert.deepEqual(state.messages.map(m => m.superseded), [false, false, false, true]);
		assert.deepEqual(shownMessages(state.messages, 0).map(m => m.content), ['one', 'A1', 'two']);
	});

	test('alternativeAdded takes the session as the store gives it and ends the stream; a failure shows its error', () => {
		const messages = [...conversation.slice(0, 3), {...conversation[3]!, superseded: true}, message(5, 'assistant', 'B2')];
		let state = chatReducer(opened(), {type: 'regenerateStarted', at: 5});
		state = chatReducer(state, {type: 'alternativeAdded', message: messages[4]!, session: {...session, messageCount: 4}, messages});
		assert.equal(state.streaming, null);
		assert.equal(state.messages, messages);
		assert.equal(state.session?.messageCount, 4);
		assert.equal(state.lastError, null);
		const failed = {...messages[4]!, status: 'error' as const, error: 'Again.'};
		state = chatReducer(state, {type: 'alternativeAdded', message: failed, session, messages: [...messages.slice(0, 4), failed]});
		assert.equal(state.lastError, 'Again.');
	});

	test('alternatives: position "2 of 3" and the neighbours, without wrapping', () => {
		const messages = [message(1, 'user', 'q'), message(2, 'assistant', 'a', {superseded: true}), message(3, 'assistant', 'b', {superseded: true}), message(4, 'assistant', 'c')];
		assert.deepEqual(alternativePosition(messages, 3), {index: 2, count: 3});
		assert.equal(alternativePosition(conversation, 2), undefined, 'one reply: no marker');
		assert.equal(neighbourAlternative(messages, 4, -1)?.id, 3);
		assert.equal(neighbourAlternative(messages, 4, 1), undefined);
		assert.equal(neighbourAlternative(messages, 2, -1), undefined);
	});

	test('alternativeChosen replaces the messages; a cursor on the flipped reply follows it', () => {
		const messages = [message(1, 'user', 'q'), message(2, 'assistant', 'a'), message(3, 'assistant', 'b', {superseded: true})];
		let state = chatReducer(opened([message(1, 'user', 'q'), message(2, 'assistant', 'a', {superseded: true}), message(3, 'assistant', 'b')]), {type: 'cursorStarted'});
		state = chatReducer(state, {type: 'cursorMoved', by: 1});
		assert.equal(state.cursor, 3);
		state = chatReducer(state, {type: 'alternativeChosen', chosen: 2, session, messages});
		assert.equal(state.cursor, 2);
		assert.deepEqual(shownMessages(state.messages, 0).map(m => m.content), ['q', 'a']);
	});
});

describe('message cursor and editing', () => {
	test('the cursor starts on the last user message, moves over shown messages only, stops at the ends', () => {
		const messages = [...conversation.slice(0, 3), {...conversation[3]!, superseded: true}, message(5, 'assistant', 'B2')];
		let state = chatReducer(opened(messages), {type: 'cursorStarted'});
		assert.equal(state.cursor, 3);
		state = chatReducer(state, {type: 'cursorMoved', by: 1});
		assert.equal(state.cursor, 5, 'the superseded reply is skipped');
		state = chatReducer(state, {type: 'cursorMoved', by: 1});
		assert.equal(state.cursor, 5);
		for (let step = 0; step < 5; step++) state = chatReducer(state, {type: 'cursorMoved', by: -1});
		assert.equal(state.cursor, 1);
		state = chatReducer(state, {type: 'cursorLeft'});
		assert.equal(state.cursor, null);
	});

	test('an empty session has nothing to select: it says so', () => {
		const state = chatReducer(opened([]), {type: 'cursorStarted'});
		assert.equal(state.cursor, null);
		assert.match(state.notice ?? '', /no message to select/);
	});

	test('editStarted leaves the cursor and puts the text in a new draft; editCancelled empties it', () => {
		let state = chatReducer(opened(), {type: 'cursorStarted'});
		state = chatReducer(state, {type: 'editStarted', editing: {kind: 'fork', messageId: 3}, text: 'two'});
		assert.equal(state.cursor, null);
		assert.deepEqual(state.editing, {kind: 'fork', messageId: 3});
		assert.deepEqual(state.draft, {text: 'two', seq: 1});
		state = chatReducer(state, {type: 'editCancelled'});
		assert.equal(state.editing, null);
		assert.deepEqual(state.draft, {text: '', seq: 2});
		assert.equal(chatReducer(state, {type: 'editCancelled'}), state, 'nothing to cancel');
	});

	test('a fork opens with its own notice', () => {
		const state = chatReducer(opened(), {type: 'sessionOpened', session: {...session, id: 's-2'}, messages: [], resumed: false, notice: 'Forked.'});
		assert.equal(state.notice, 'Forked.');
		assert.equal(state.editing, null);
	});
});

describe('undo, settings, dialogs', () => {
	test('exchangeUndone takes the store\'s messages and says what went', () => {
		let state = chatReducer(opened(), {type: 'dialogOpened', dialog: {kind: 'confirmUndo', question: 'Delete?', messageId: 3}});
		state = chatReducer(state, {type: 'dialogClosed'});
		assert.equal(state.dialog, null);
		state = chatReducer({...state, lastError: 'It broke.'}, {type: 'exchangeUndone', session, messages: conversation.slice(0, 2), removed: 2});
		assert.equal(state.messages.length, 2);
		assert.equal(state.lastError, null);
		assert.equal(state.notice, 'Deleted the last exchange (2 messages).');
		assert.match(chatReducer(state, {type: 'exchangeUndone', session, messages: [], removed: 0}).notice ?? '', /no exchange/);
	});

	test('sessionUpdated stores the summary (model, system prompt) and shows the notice; another session\'s is ignored', () => {
		let state = chatReducer(opened(), {type: 'sessionUpdated', session: {...session, model: 'qwen3'}, notice: 'Model: qwen3.'});
		assert.equal(state.session?.model, 'qwen3');
		assert.equal(state.notice, 'Model: qwen3.');
		const before = state;
		state = chatReducer(state, {type: 'sessionUpdated', session: {...session, id: 'other'}, notice: 'x'});
		assert.equal(state, before);
	});

	test('a dialog takes the cursor away', () => {
		let state = chatReducer(opened(), {type: 'cursorStarted'});
		state = chatReducer(state, {type: 'dialogOpened', dialog: {kind: 'model'}});
		assert.equal(state.cursor, null);
		assert.deepEqual(state.dialog, {kind: 'model'});
	});
});
