import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {openSessionStore} from '../../source/store/index.js';
import type {SessionStore} from '../../source/store/types.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import {ChatTurns} from '../../source/hooks/chat-turns.js';
import type {ChatAction} from '../../source/state/chat-state.js';
import {startMockServer} from '../support/mock-server.js';
import type {MockServer} from '../support/mock-server.js';
import {waitFor} from '../support/wait-for.js';
import {tempFolder} from '../store/temp-folder.js';

let server: MockServer;
before(async () => {
	server = await startMockServer();
});
after(async () => server.close());

async function setup(): Promise<{store: SessionStore; turns: ChatTurns; actions: ChatAction[]; sessionId: string}> {
	const store = await openSessionStore(join(await tempFolder(), 'agents.db'));
	const model = new OpenAIModel({model: 'mock', baseURL: server.url, stallTimeoutMs: 5000, maxRetries: 0});
	const turns = new ChatTurns({store, model, systemPrompt: 'Be brief.', historyExchanges: 1});
	const actions: ChatAction[] = [];
	turns.subscribe(action => actions.push(action));
	return {store, turns, actions, sessionId: store.createSession('ada', 'mock').id};
}

test('a turn stores the user message, streams the reply to listeners and stores it, then saves', async () => {
	const {store, turns, actions, sessionId} = await setup();
	server.script({chunks: ['Hi', ' there']});
	assert.equal(turns.send(sessionId, 'hello'), true);
	assert.equal(turns.busy, true);
	assert.equal(turns.send(sessionId, 'too soon'), false, 'one reply at a time');
	await turns.idle();
	assert.equal(turns.busy, false);
	assert.deepEqual(actions.map(action => action.type).filter(type => type !== 'streamDelta' && type !== 'streamUsage'), ['userMessageAdded', 'streamStarted', 'streamEnded']);
	const text = actions.flatMap(action => action.type === 'streamDelta' ? [action.text] : []).join('');
	assert.equal(text, 'Hi there');
	const reopened = await openSessionStore(store.path);
	assert.deepEqual(reopened.getSession(sessionId)?.messages.map(m => [m.role, m.content, m.status]), [['user', 'hello', 'complete'], ['assistant', 'Hi there', 'complete']]);
	await reopened.close();
	await store.close();
});

test('the request carries the system prompt and the history window', async () => {
	const {store, turns, sessionId} = await setup();
	for (const text of ['one', 'two', 'three']) {
		turns.send(sessionId, text);
		await turns.idle();
	}
	const body = server.requests.at(-1)!.body as {messages: Array<{role: string; content: string}>};
	assert.deepEqual(body.messages.map(m => `${m.role}:${m.content}`), ['system:Be brief.', 'user:two', 'assistant:You said: two', 'user:three']);
	await store.close();
});

test('stop keeps what arrived as a stopped reply; settle waits until it is stored', async () => {
	const {store, turns, actions, sessionId} = await setup();
	server.script({chunks: 200, chunksPerSecond: 50});
	turns.send(sessionId, 'a long one');
	await waitFor(() => actions.some(action => action.type === 'streamDelta'), {timeout: 5000});
	turns.stop();
	await turns.settle();
	const reply = store.getSession(sessionId)!.messages.at(-1)!;
	assert.equal(reply.status, 'stopped');
	assert.ok(reply.content.length > 0, 'the partial text is kept');
	await store.close();
});

test('dispose stops the reply, keeps it, refuses new turns and tells listeners nothing more', async () => {
	const {store, turns, actions, sessionId} = await setup();
	server.script({chunks: 200, chunksPerSecond: 50});
	turns.send(sessionId, 'going away');
	await waitFor(() => actions.some(action => action.type === 'streamDelta'), {timeout: 5000});
	await turns.dispose();
	assert.equal(store.getSession(sessionId)!.messages.at(-1)!.status, 'stopped');
	const seen = actions.length;
	assert.equal(turns.send(sessionId, 'after'), false);
	assert.equal(actions.length, seen);
	await store.close();
});

type Body = {model: string; messages: Array<{role: string; content: string}>};
const bodies = (): Body[] => server.requests.filter(request => request.path.endsWith('/chat/completions')).map(request => request.body as Body);
const sent = (body: Body | undefined) => body?.messages.map(m => `${m.role}:${m.content}`);

test('regenerate asks again with the same request; the old reply stays as a superseded alternative, never sent again', async () => {
	const {store, turns, actions, sessionId} = await setup();
	server.script({chunks: ['First answer.']}, {chunks: ['Second answer.']});
	turns.send(sessionId, 'hello');
	await turns.idle();
	actions.length = 0;
	assert.equal(turns.regenerate(sessionId), true);
	assert.equal(turns.regenerate(sessionId), false, 'one reply at a time');
	await turns.idle();
	const [first, second] = bodies().slice(-2);
	assert.deepEqual(sent(second), sent(first), 'the same history and question');
	assert.deepEqual(actions.map(action => action.type).filter(type => type !== 'streamDelta' && type !== 'streamUsage'), ['regenerateStarted', 'alternativeAdded']);
	const added = actions.find(action => action.type === 'alternativeAdded');
	assert.equal(added?.type === 'alternativeAdded' && added.message.content, 'Second answer.');
	const reopened = await openSessionStore(store.path);
	assert.deepEqual(reopened.getSession(sessionId)!.messages.map(m => [m.content, m.superseded]), [['hello', false], ['First answer.', true], ['Second answer.', false]]);
	await reopened.close();
	turns.send(sessionId, 'next');
	await turns.idle();
	assert.deepEqual(sent(bodies().at(-1)), ['system:Be brief.', 'user:hello', 'assistant:Second answer.', 'user:next']);
	await store.close();
});

test('a failed reply is retried the same way: the error is superseded and out of the history window', async () => {
	const {store, turns, actions, sessionId} = await setup();
	server.script({status: 500}, {chunks: ['Recovered.']});
	turns.send(sessionId, 'try me');
	await turns.idle();
	assert.equal(store.getSession(sessionId)!.messages.at(-1)!.status, 'error');
	turns.regenerate(sessionId);
	await turns.idle();
	const ended = actions.findLast(action => action.type === 'alternativeAdded');
	assert.ok(ended?.type === 'alternativeAdded');
	assert.deepEqual(ended.messages.map(m => [m.role, m.status, m.superseded]), [['user', 'complete', false], ['assistant', 'error', true], ['assistant', 'complete', false]]);
	turns.send(sessionId, 'again');
	await turns.idle();
	assert.deepEqual(sent(bodies().at(-1)), ['system:Be brief.', 'user:try me', 'assistant:Recovered.', 'user:again']);
	await store.close();
});

test('regenerate answers a user message left without a reply, and refuses a session with nothing to answer', async () => {
	const {store, turns, sessionId} = await setup();
	assert.equal(turns.regenerate(sessionId), false, 'no user message yet');
	store.appendMessage(sessionId, {role: 'user', content: 'left unanswered'});
	server.script({chunks: ['Late answer.']});
	assert.equal(turns.regenerate(sessionId), true);
	await turns.idle();
	assert.deepEqual(store.getSession(sessionId)!.messages.map(m => m.content), ['left unanswered', 'Late answer.']);
	await store.close();
});

test('requests use the session\'s model and system prompt; a session made offline asks the app\'s model', async () => {
	const {store, turns, sessionId} = await setup();
	store.setModel(sessionId, 'qwen3:8b');
	store.setSystemPrompt(sessionId, 'Talk like a pirate.');
	turns.send(sessionId, 'ahoy');
	await turns.idle();
	assert.equal(bodies().at(-1)!.model, 'qwen3:8b');
	assert.deepEqual(sent(bodies().at(-1)), ['system:Talk like a pirate.', 'user:ahoy']);
	store.setSystemPrompt(sessionId, '');
	turns.regenerate(sessionId);
	await turns.idle();
	assert.deepEqual(sent(bodies().at(-1)), ['user:ahoy'], 'an empty prompt sends none');
	const offline = store.createSession('ada', 'offline');
	assert.equal(turns.modelOf(offline), 'mock');
	turns.send(offline.id, 'hi');
	await turns.idle();
	assert.equal(bodies().at(-1)!.model, 'mock');
	await store.close();
});

test('one function decides the system prompt, for the request and for the JSON pane: the session\'s, an Agno one kept, the app\'s', async () => {
	const {store, turns, sessionId} = await setup();
	const prompt = () => turns.systemPromptOf(store.getSession(sessionId)!);
	assert.equal(prompt(), 'Be brief.', 'the app\'s (--system)');
	store.appendMessage(sessionId, {role: 'system', content: 'Kept by Agno.'});
	assert.equal(prompt(), 'Kept by Agno.', 'a system message the session keeps');
	store.setSystemPrompt(sessionId, 'Its own.');
	assert.equal(prompt(), 'Its own.', 'the session\'s own (/system)');
	server.script({chunks: ['ok']});
	turns.send(sessionId, 'hello');
	await turns.idle();
	const sent = server.requests.filter(request => request.path.endsWith('/chat/completions')).at(-1)!.body as {messages: Array<{role: string; content: string}>};
	assert.deepEqual(sent.messages[0], {role: 'system', content: 'Its own.'}, 'the request sends the same one');
	await store.close();
});
