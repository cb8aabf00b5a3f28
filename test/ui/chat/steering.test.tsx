import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {lastUserText} from '../../support/mock-server.js';
import {keys, mountChat} from './chat-fixtures.js';
import type {ChatHarness} from './chat-fixtures.js';

afterEach(() => {
	cleanup();
});

const ctrlR = '\u0012';
const altE = '\u001Be';
const left = '\u001B[D';
const right = '\u001B[C';
const arrowDown = '\u001B[B';
const tab = '\t';

type Body = {model: string; messages: Array<{role: string; content: string}>};

function chatBodies(chat: ChatHarness): Body[] {
	return chat.server.requests.filter(request => request.path.endsWith('/chat/completions')).map(request => request.body as Body);
}

async function send(chat: ChatHarness, text: string, reply = `You said: ${text}`): Promise<string> {
	await chat.type(text);
	chat.ui.stdin.write(keys.enter);
	return chat.waitFor(f => f.includes(reply) && f.includes('● idle'), `the reply to ${text}`);
}

async function command(chat: ChatHarness, line: string, until: (frame: string) => boolean, what: string): Promise<string> {
	await chat.type(line);
	chat.ui.stdin.write(keys.enter);
	return chat.waitFor(until, what);
}

describe('regenerate', () => {
	test('Ctrl+R asks again with the same history; ←/→ on an empty line flip between the replies (‹ 2/2 ›); the JSON pane marks the old one', async () => {
		const chat = await mountChat();
		try {
			chat.server.script({chunks: ['First try.']}, {chunks: ['Second try.']});
			await send(chat, 'tell me', 'First try.');
			chat.ui.stdin.write(ctrlR);
			let frame = await chat.waitFor(f => f.includes('Second try.') && f.includes('● idle'), 'the regenerated reply');
			assert.match(frame, /‹ 2\/2 ›/);
			assert.ok(!frame.includes('First try.') || /"superseded": true/.test(frame), 'the old reply is out of the transcript');
			assert.match(frame, /"superseded": true/, 'the JSON pane keeps the old reply, marked');
			const [first, second] = chatBodies(chat);
			assert.deepEqual(second?.messages, first?.messages, 'the same request');
			chat.ui.stdin.write(left);
			frame = await chat.waitFor(f => f.includes('‹ 1/2 ›'), 'the first alternative');
			const messages = chat.store.getSession(chat.sessionId()!)!.messages;
			assert.deepEqual(messages.map(m => [m.content, m.superseded]), [['tell me', false], ['First try.', false], ['Second try.', true]]);
			chat.ui.stdin.write(right);
			await chat.waitFor(f => f.includes('‹ 2/2 ›'), 'back to the second');
			await chat.type('x');
			chat.ui.stdin.write(left);
			await chat.waitFor(f => f.includes('ada › x'), 'with text, ← moves the cursor in the input line');
			assert.match(chat.frame(), /‹ 2\/2 ›/);
		} finally {
			await chat.cleanup();
		}
	});

	test('/retry after a failure: the error turn is replaced by the new reply, the status back to idle', async () => {
		const chat = await mountChat();
		try {
			chat.server.script({status: 500, errorMessage: 'boom'});
			await chat.type('fragile');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('● error') && f.includes('/retry asks again'), 'the failure');
			const frame = await command(chat, '/retry', f => f.includes('You said: fragile') && f.includes('● idle'), 'the retried reply');
			assert.doesNotMatch(frame, /✗ /, 'the error is no longer in the way');
			assert.match(frame, /‹ 2\/2 ›/);
			assert.deepEqual(chatBodies(chat).map(body => lastUserText(body)), ['fragile', 'fragile']);
		} finally {
			await chat.cleanup();
		}
	});
});

describe('edit and fork', () => {
	test('Alt+E selects a message, Enter edits it, sending forks a new session named "(fork)"; the original stays', async () => {
		const chat = await mountChat();
		try {
			await send(chat, 'first question');
			await send(chat, 'second question');
			const original = chat.sessionId()!;
			chat.ui.stdin.write(altE);
			await chat.waitFor(f => f.includes('edit (new session)'), 'the message cursor');
			chat.ui.stdin.write(keys.arrowUp);
			chat.ui.stdin.write(keys.arrowUp);
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('ada › first question') && f.includes('Editing an earlier message'), 'the message in the input line');
			await chat.type(' (edited)');
			chat.ui.stdin.write(keys.enter);
			const frame = await chat.waitFor(f => f.includes('Forked Session:') && f.includes('You said: first question (edited)') && f.includes('● idle'), 'the fork and its reply');
			assert.match(frame, /first question \(fork\)/);
			const fork = chat.sessionId()!;
			assert.notEqual(fork, original);
			assert.deepEqual(chat.store.getSession(fork)!.messages.map(m => m.content), ['first question (edited)', 'You said: first question (edited)']);
			assert.equal(chat.store.getSession(original)!.messages.length, 4, 'the original is untouched');
			assert.equal(chat.store.getSession(fork)!.session.forkedFrom?.sessionId, original);
		} finally {
			await chat.cleanup();
		}
	});

	test('Esc cancels the edit and empties the input line; a reply cannot be edited', async () => {
		const chat = await mountChat();
		try {
			await send(chat, 'only one');
			await command(chat, '/edit', f => f.includes('edit (new session)'), 'the cursor');
			chat.ui.stdin.write(arrowDown);
			chat.ui.stdin.write('e');
			await chat.waitFor(f => f.includes('Only your own messages can be edited'), 'the refusal');
			chat.ui.stdin.write(keys.arrowUp);
			chat.ui.stdin.write('e');
			await chat.waitFor(f => f.includes('ada › only one'), 'editing');
			chat.ui.stdin.write(keys.escape);
			await chat.waitFor(f => /ada › +Message —/.test(f) && !f.includes('Editing an earlier message'), 'the edit cancelled');
			assert.equal(chat.store.listSessions('ada').length, 1, 'no fork');
		} finally {
			await chat.cleanup();
		}
	});
});

describe('/undo', () => {
	test('asks first; n keeps everything; y deletes the last exchange', async () => {
		const chat = await mountChat();
		try {
			await send(chat, 'keep me');
			await send(chat, 'drop me');
			await command(chat, '/undo', f => f.includes('Delete your last message "drop me" and its reply? y/n'), 'the question');
			chat.ui.stdin.write('n');
			await chat.waitFor(f => f.includes('Kept: nothing was deleted.'), 'kept');
			assert.equal(chat.store.getSession(chat.sessionId()!)!.messages.length, 4);
			await command(chat, '/undo', f => f.includes('y/n'), 'asked again');
			chat.ui.stdin.write('y');
			const frame = await chat.waitFor(f => f.includes('Deleted the last exchange (2 messages).'), 'deleted');
			assert.ok(!frame.includes('You said: drop me'));
			assert.deepEqual(chat.store.getSession(chat.sessionId()!)!.messages.map(m => m.content), ['keep me', 'You said: keep me']);
		} finally {
			await chat.cleanup();
		}
	});
});

describe('/model and /system', () => {
	test('/model lists the server\'s models beside the current one; Enter uses one for the next request and the status bar', async () => {
		const chat = await mountChat();
		try {
			chat.server.setModels(['mock', 'qwen3:8b', 'llama3.2']);
			await send(chat, 'first, to mock');
			const frame = await command(chat, '/model', f => f.includes('The server lists 3 models.'), 'the chooser filled from the server');
			assert.match(frame, /mock {2}\(current\)/);
			chat.ui.stdin.write(arrowDown);
			await chat.waitFor(f => /› qwen3:8b/.test(f), 'qwen3 highlighted');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('Model for this session: qwen3:8b') && f.includes('qwen3:8b @ 127.0.0.1'), 'chosen, in the status bar');
			const after = await send(chat, 'which model?');
			assert.equal(chatBodies(chat).at(-1)?.model, 'qwen3:8b');
			assert.equal(chat.store.getSession(chat.sessionId()!)!.session.model, 'qwen3:8b');
			// Each reply keeps the name of the model that wrote it: the first stays mock's after the switch.
			const headers = after.split('\n').map(line => /◆ (\S+ @ [\d.:]+)/.exec(line)?.[1]).filter(Boolean);
			assert.deepEqual(headers.map(header => header!.split(' @ ')[0]), ['mock', 'qwen3:8b']);
			assert.deepEqual(chat.store.getSession(chat.sessionId()!)!.messages.map(message => message.model?.split(' @ ')[0] ?? null), [null, 'mock', null, 'qwen3:8b']);
		} finally {
			await chat.cleanup();
		}
	});

	test('a server that lists none: its sentence shows, Tab types a name, Esc keeps the model', async () => {
		const chat = await mountChat();
		try {
			chat.server.setModels(null);
			await command(chat, '/model', f => f.includes('does not list its models'), 'the failure as one sentence');
			chat.ui.stdin.write(tab);
			await chat.waitFor(f => f.includes('Name:'), 'the name field');
			// As a terminal delivers typed text read at once. ink-text-input keeps its value in React state, so keys
			// written faster than the screen renders would each see the same old value.
			chat.ui.stdin.write('my-model');
			await chat.waitFor(f => f.includes('Name: my-model'), 'typed');
			chat.ui.stdin.write('\u0001');
			chat.ui.stdin.write('\u001B[<64;10;5M');
			await chat.waitFor(f => f.includes('Name: my-model') && !f.includes('[<64'), 'a chord and a wheel report change nothing');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('Model for this session: my-model'), 'the typed name used');
			await command(chat, '/model', f => f.includes('my-model  (current)'), 'the chooser again');
			chat.ui.stdin.write(keys.escape);
			await chat.waitFor(f => !f.includes('Model for this session') || !f.includes('(current)'), 'closed');
			assert.equal(chat.store.getSession(chat.sessionId()!)!.session.model, 'my-model');
			await command(chat, '/model mock', f => f.includes('Model for this session: mock'), '/model NAME');
		} finally {
			await chat.cleanup();
		}
	});

	test('/system TEXT is sent first and shown first in the JSON pane; /system alone edits it; /system default goes back', async () => {
		const chat = await mountChat();
		try {
			let frame = await command(chat, '/system Talk like a pirate.', f => f.includes('System prompt for this session: "Talk like a pirate."'), 'set');
			assert.match(frame, /"role": "system"/);
			assert.match(frame, /"content": "Talk like a pirate\."/);
			await send(chat, 'ahoy');
			assert.deepEqual(chatBodies(chat).at(-1)?.messages.map(m => m.content), ['Talk like a pirate.', 'ahoy']);
			await command(chat, '/system', f => f.includes('ada › Talk like a pirate.') && f.includes('Editing this session\'s system prompt'), 'in the input line');
			await chat.type(' Briefly.');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('Talk like a pirate. Briefly."'), 'kept');
			assert.equal(chat.store.getSession(chat.sessionId()!)!.session.systemPrompt, 'Talk like a pirate. Briefly.');
			frame = await command(chat, '/system default', f => f.includes('back to the app\'s default'), 'default again');
			assert.match(frame, /"content": "Be brief\."/);
			assert.equal(chat.store.getSession(chat.sessionId()!)!.session.systemPrompt, null);
		} finally {
			await chat.cleanup();
		}
	});
});
