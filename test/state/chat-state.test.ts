import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {chatReducer, createInitialState, sessionUsage, thinkingMs} from '../../source/state/chat-state.js';
import type {ChatState} from '../../source/state/chat-state.js';
import type {SessionSummary, StoredMessage} from '../../source/store/types.js';

const session: SessionSummary = {id: 's-1', userId: 'ada', title: '', createdAt: 1, updatedAt: 1, model: 'gpt-4o', messageCount: 0, origin: 'agent-session', systemPrompt: null, forkedFrom: null};

function message(id: number, role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
	return {id, sessionId: 's-1', position: id, role, content, status: 'complete', error: null, createdAt: 100 + id, usage: null, thinking: null, thinkingMs: null, model: null, superseded: false, ...extra};
}

/** A write as the store reports it: the message, and the session's summary after it (here: made up, as given). */
function written(stored: StoredMessage, summary: Partial<SessionSummary> = {}): {message: StoredMessage; session: SessionSummary} {
	return {message: stored, session: {...session, id: stored.sessionId, updatedAt: stored.createdAt, messageCount: stored.id, ...summary}};
}

function opened(messages: StoredMessage[] = [], resumed = false): ChatState {
	return chatReducer(createInitialState(), {type: 'sessionOpened', session, messages, resumed});
}

describe('chat reducer', () => {
	test('starts on the picker with nothing open', () => {
		const state = createInitialState();
		assert.equal(state.screen, 'picker');
		assert.equal(state.session, null);
		assert.equal(state.focus, 'composer');
	});

	test('sessionOpened shows the seed\'s words for new and resumed sessions', () => {
		assert.equal(opened().notice, 'Started Session: s-1');
		assert.equal(opened([message(1, 'user', 'hi')], true).notice, 'Continuing Session: s-1');
		assert.equal(opened().screen, 'chat');
	});

	test('pickerOpened resets the chat but keeps input history', () => {
		let state = opened();
		state = chatReducer(state, {type: 'userMessageAdded', ...written(message(1, 'user', 'hello'))});
		state = chatReducer(state, {type: 'pickerOpened', notice: 'gone'});
		assert.equal(state.screen, 'picker');
		assert.equal(state.session, null);
		assert.deepEqual(state.messages, []);
		assert.deepEqual(state.inputHistory, ['hello']);
		assert.equal(state.notice, 'gone');
	});

	test('userMessageAdded appends, takes the session summary it is given as it is, records input history once', () => {
		let state = opened();
		state = chatReducer(state, {type: 'userMessageAdded', ...written(message(1, 'user', 'First line\nsecond'), {title: 'As the store says'})});
		const summary = written(message(2, 'user', 'First line\nsecond'), {title: 'As the store says', messageCount: 7});
		state = chatReducer(state, {type: 'userMessageAdded', ...summary});
		assert.equal(state.messages.length, 2);
		assert.equal(state.session, summary.session, 'not re-derived');
		assert.deepEqual(state.inputHistory, ['First line\nsecond']);
	});

	test('messages of another session are ignored', () => {
		const state = opened();
		const other = {...message(1, 'user', 'x'), sessionId: 'other'};
		assert.equal(chatReducer(state, {type: 'userMessageAdded', ...written(other)}), state);
		assert.equal(chatReducer(state, {type: 'streamEnded', ...written(other)}), state);
		assert.equal(chatReducer(state, {type: 'sessionRenamed', session: {...session, id: 'other', title: 'x'}}), state);
	});

	test('a stream grows with deltas, takes usage, and ends as a stored message', () => {
		let state = opened([message(1, 'user', 'q')]);
		state = chatReducer(state, {type: 'streamStarted', at: 5});
		assert.deepEqual(state.streaming, {text: '', thinking: '', thinkingStartedAt: null, thinkingEndedAt: null, startedAt: 5, updatedAt: 5, usage: null});
		state = chatReducer(state, {type: 'streamDelta', text: 'Hel', at: 6});
		state = chatReducer(state, {type: 'streamDelta', text: 'lo', at: 9});
		assert.equal(state.streaming?.text, 'Hello');
		assert.equal(state.streaming?.updatedAt, 9, 'the time of the last text');
		const same = chatReducer(state, {type: 'streamDelta', text: '', at: 10});
		assert.equal(same, state, 'an empty delta changes nothing');
		state = chatReducer(state, {type: 'streamUsage', usage: {promptTokens: 3, completionTokens: 2, totalTokens: 5}});
		assert.equal(state.streaming?.usage?.totalTokens, 5);
		const ended = written(message(2, 'assistant', 'Hello'));
		state = chatReducer(state, {type: 'streamEnded', ...ended});
		assert.equal(state.session, ended.session);
		assert.equal(state.streaming, null);
		assert.equal(state.messages.at(-1)?.content, 'Hello');
		assert.equal(state.lastError, null);
	});

	test('thinking grows apart from the text; the answer\'s first text ends it, and it is kept with the stored reply', () => {
		let state = opened([message(1, 'user', 'q')]);
		state = chatReducer(state, {type: 'streamStarted', at: 1000});
		assert.equal(thinkingMs(state.streaming!, 1500), null, 'no thinking yet');
		state = chatReducer(state, {type: 'streamReasoning', text: 'Let me ', at: 1200});
		state = chatReducer(state, {type: 'streamReasoning', text: 'see.', at: 2000});
		assert.equal(state.streaming?.thinking, 'Let me see.');
		assert.equal(state.streaming?.text, '', 'thinking is never answer text');
		assert.equal(state.streaming?.updatedAt, 2000, 'thinking keeps the spinner moving');
		assert.equal(thinkingMs(state.streaming!, 5200), 4000, 'still thinking: counts up to now');
		state = chatReducer(state, {type: 'streamDelta', text: 'Yes.', at: 13_200});
		state = chatReducer(state, {type: 'streamDelta', text: ' Really.', at: 14_000});
		assert.deepEqual([state.streaming?.thinkingStartedAt, state.streaming?.thinkingEndedAt], [1200, 13_200]);
		assert.equal(thinkingMs(state.streaming!, 99_999), 12_000, '"Thought for 12 s"');
		assert.equal(chatReducer(state, {type: 'streamReasoning', text: '', at: 15_000}), state, 'an empty reasoning delta changes nothing');

		state = chatReducer(state, {type: 'streamEnded', ...written(message(2, 'assistant', 'Yes. Really.', {thinking: 'Let me see.', thinkingMs: 12_000}))});
		assert.equal(state.streaming, null);
		assert.deepEqual([state.messages.at(-1)?.thinking, state.messages.at(-1)?.thinkingMs], ['Let me see.', 12_000]);
	});

	test('one toggle expands every reply\'s thinking; it stays as the user left it in other sessions', () => {
		let state = opened();
		assert.equal(state.thinkingExpanded, false, 'collapsed at first');
		state = chatReducer(state, {type: 'thinkingToggled'});
		assert.equal(state.thinkingExpanded, true);
		state = chatReducer(state, {type: 'pickerOpened'});
		assert.equal(state.thinkingExpanded, true, 'kept on the picker');
		state = chatReducer(state, {type: 'sessionOpened', session, messages: [], resumed: true});
		assert.equal(state.thinkingExpanded, true, 'kept in the next session');
		assert.equal(chatReducer(state, {type: 'thinkingToggled'}).thinkingExpanded, false);
	});

	test('a reply without thinking never gets a thinking time', () => {
		let state = chatReducer(opened(), {type: 'streamStarted', at: 1});
		state = chatReducer(state, {type: 'streamDelta', text: 'Hi', at: 2});
		assert.deepEqual([state.streaming?.thinkingStartedAt, state.streaming?.thinkingEndedAt], [null, null]);
	});

	test('deltas and usage without a stream are ignored', () => {
		const state = opened();
		assert.equal(chatReducer(state, {type: 'streamReasoning', text: 'x', at: 1}), state);
		assert.equal(chatReducer(state, {type: 'streamDelta', text: 'x', at: 1}), state);
		assert.equal(chatReducer(state, {type: 'streamUsage', usage: {promptTokens: 1, completionTokens: 1, totalTokens: 2}}), state);
	});

	test('a failed reply sets the error state until the next message', () => {
		let state = opened([message(1, 'user', 'q')]);
		state = chatReducer(state, {type: 'streamStarted', at: 1});
		state = chatReducer(state, {type: 'streamEnded', ...written(message(2, 'assistant', '', {status: 'error', error: 'Cannot connect.'}))});
		assert.equal(state.lastError, 'Cannot connect.');
		state = chatReducer(state, {type: 'userMessageAdded', ...written(message(3, 'user', 'again'))});
		assert.equal(state.lastError, null);
	});

	test('rename and notices', () => {
		let state = chatReducer(opened(), {type: 'sessionRenamed', session: {...session, title: 'Trip'}});
		assert.equal(state.session?.title, 'Trip');
		assert.equal(state.notice, 'Renamed to "Trip".');
		state = chatReducer(state, {type: 'noticeShown', text: null});
		assert.equal(state.notice, null);
		assert.equal(chatReducer(createInitialState(), {type: 'sessionRenamed', session: {...session, title: 'x'}}).session, null);
	});

	test('focus, narrow pane and help toggle', () => {
		let state = opened();
		state = chatReducer(state, {type: 'focusToggled'});
		assert.equal(state.focus, 'history');
		state = chatReducer(state, {type: 'focusToggled'});
		assert.equal(state.focus, 'composer');
		state = chatReducer(state, {type: 'narrowPaneToggled'});
		assert.deepEqual([state.narrowPane, state.focus], ['history', 'history']);
		state = chatReducer(state, {type: 'narrowPaneToggled'});
		assert.deepEqual([state.narrowPane, state.focus], ['chat', 'composer']);
		state = chatReducer(state, {type: 'helpToggled'});
		assert.equal(state.helpOpen, true);
		state = chatReducer(state, {type: 'helpClosed'});
		assert.equal(state.helpOpen, false);
		assert.equal(chatReducer(state, {type: 'helpClosed'}), state);
	});

	test('scrolling is clamped between following (0) and the given maximum', () => {
		let state = opened();
		state = chatReducer(state, {type: 'historyScrolled', by: 5, max: 3});
		assert.equal(state.historyOffset, 3);
		state = chatReducer(state, {type: 'historyScrolled', by: -10, max: 3});
		assert.equal(state.historyOffset, 0);
		state = chatReducer(state, {type: 'historyScrolled', by: 2, max: 9});
		state = chatReducer(state, {type: 'historyFollowed'});
		assert.equal(state.historyOffset, 0);
		state = chatReducer(state, {type: 'transcriptScrolled', by: 4, max: 10});
		assert.equal(state.transcriptOffset, 4);
		state = chatReducer(state, {type: 'userMessageAdded', ...written(message(1, 'user', 'x'))});
		assert.equal(state.transcriptOffset, 0, 'sending jumps back to the tail');
	});

	test('/clear hides earlier messages from the transcript only', () => {
		let state = opened([message(1, 'user', 'a'), message(2, 'assistant', 'b')]);
		state = chatReducer(state, {type: 'screenCleared'});
		assert.equal(state.clearedBefore, 2);
		assert.equal(state.messages.length, 2);
	});

	test('sessionUsage sums the replies that report usage', () => {
		assert.equal(sessionUsage([message(1, 'user', 'a')]), null);
		const usage = sessionUsage([
			message(1, 'assistant', 'a', {usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}}),
			message(2, 'assistant', 'b', {usage: {promptTokens: 10, completionTokens: 20, totalTokens: 30}}),
		]);
		assert.deepEqual(usage, {promptTokens: 11, completionTokens: 22, totalTokens: 33});
	});
});

describe('reading: zoom and the find bar', () => {
	test('zoom toggles, and a session opened elsewhere starts unzoomed', () => {
		let state = chatReducer(opened(), {type: 'zoomToggled'});
		assert.equal(state.zoomed, true);
		assert.equal(chatReducer(state, {type: 'zoomToggled'}).zoomed, false);
		state = chatReducer(state, {type: 'sessionOpened', session, messages: [], resumed: true});
		assert.equal(state.zoomed, false);
	});

	test('the find bar opens on the transcript, counts from where the view was, and a jump ends the typing', () => {
		let state = chatReducer(opened(), {type: 'narrowPaneToggled'});
		state = chatReducer(state, {type: 'transcriptScrolledTo', offset: 12});
		state = chatReducer(state, {type: 'findOpened', query: '', cursor: 0, editing: true});
		assert.equal(state.narrowPane, 'chat', 'the transcript shows');
		assert.equal(state.focus, 'composer');
		assert.deepEqual(state.find, {query: '', cursor: 0, editing: true, current: null, anchor: 12});
		state = chatReducer(state, {type: 'findTyped', query: 'needle', cursor: 6});
		assert.deepEqual(state.find, {query: 'needle', cursor: 6, editing: true, current: null, anchor: 12});
		state = chatReducer(state, {type: 'findMoved', current: 3, offset: 40});
		assert.deepEqual([state.find?.current, state.find?.editing, state.transcriptOffset], [3, false, 40]);
		state = chatReducer(state, {type: 'findTyped', query: 'needles', cursor: 7});
		assert.equal(state.find?.current, null, 'a new text starts over');
		state = chatReducer(state, {type: 'findClosed'});
		assert.equal(state.find, null);
		assert.equal(chatReducer(state, {type: 'findClosed'}), state, 'closing a closed bar changes nothing');
	});
});
