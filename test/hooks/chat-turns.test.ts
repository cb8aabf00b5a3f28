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
