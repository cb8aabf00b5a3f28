import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {lastUserText} from '../../support/mock-server.js';
import {mountChat, keys} from './chat-fixtures.js';

function assertFits(frame: string, columns: number, rows: number): void {
	const lines = frame.split('\n');
	assert.ok(lines.length < rows, `the frame (${lines.length} rows) stays shorter than the terminal (${rows})`);
	for (const line of lines) assert.ok(stringWidth(line) <= columns, `line wider than ${columns}: ${line}`);
}

describe('chat screen', () => {
	test('send → the reply streams in → complete; the JSON pane equals the stored messages', async () => {
		const chat = await mountChat({
			handler: request => ({chunks: ['Streaming ', 'reply ', 'to: ', lastUserText(request.body)], chunkDelayMs: 80}),
		});
		try {
			await chat.waitFor(f => f.includes('Started Session:'));
			await chat.type('hello model');
			chat.ui.stdin.write(keys.enter);
			const streaming = await chat.waitFor(f => f.includes('streaming…') && f.includes('Streaming '), 'a streaming frame');
			assert.ok(!streaming.includes('to: hello model'), 'the reply grows: the first frames show only part of it');
			assert.match(streaming, /● streaming/);
			const done = await chat.waitFor(f => f.includes('● idle') && f.includes('Streaming reply to: hello model'), 'the finished reply');
			assertFits(done, 120, 40);

			const id = chat.sessionId();
			assert.ok(id);
			const stored = chat.store.getSession(id)!.messages;
			assert.deepEqual(stored.map(m => [m.role, m.content, m.status]), [
				['user', 'hello model', 'complete'],
				['assistant', 'Streaming reply to: hello model', 'complete'],
			]);
			for (const message of stored) {
				assert.ok(done.includes(`"role": "${message.role}"`));
				assert.ok(done.includes(`"content": ${JSON.stringify(message.content)}`), `JSON pane shows ${message.content}`);
			}
			assert.match(done, /Chat History for session_id:/);
			assert.ok(done.includes(id), 'the pane shows the session id');

			const request = chat.server.requests.find(r => r.path.endsWith('/chat/completions'));
			assert.deepEqual((request?.body as {messages: unknown[]}).messages, [
				{role: 'system', content: 'Be brief.'},
				{role: 'user', content: 'hello model'},
			]);
		} finally {
			await chat.cleanup();
		}
	});

	test('Esc stops a streaming reply: the partial text is kept, marked (stopped), and saved', async () => {
		const chat = await mountChat({handler: () => ({chunks: 300, chunkDelayMs: 20})});
		try {
			await chat.type('go on');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('streaming…') && /The stream carries/.test(f), 'streamed text');
			chat.ui.stdin.write(keys.escape);
			const frame = await chat.waitFor(f => f.includes('(stopped)') && f.includes('● idle'), 'the stopped reply');
			assert.match(frame, /The stream carries/);
			const reply = chat.store.getSession(chat.sessionId()!)!.messages.at(-1)!;
			assert.equal(reply.status, 'stopped');
			assert.ok(reply.content.length > 0 && reply.content.length < 2000, 'part of the reply was kept');
		} finally {
			await chat.cleanup();
		}
	});

	test('a failed reply shows one error line with a hint; the message is kept for retry', async () => {
		const chat = await mountChat({handler: () => ({status: 500, errorMessage: 'boom'})});
		try {
			await chat.type('will fail');
			chat.ui.stdin.write(keys.enter);
			const frame = await chat.waitFor(f => f.includes('● error'), 'the error state');
			assert.match(frame, /✗ .*server error/i);
			assert.match(frame, /press ↑ then Enter to send it again/);
			assert.doesNotMatch(frame, /at .*\.js:\d+/, 'no stack trace');
			const messages = chat.store.getSession(chat.sessionId()!)!.messages;
			assert.deepEqual(messages.map(m => [m.role, m.status]), [['user', 'complete'], ['assistant', 'error']]);
		} finally {
			await chat.cleanup();
		}
	});

	test('narrow terminals show one pane; Ctrl+T switches; resize re-lays out', async () => {
		const chat = await mountChat({columns: 80, rows: 24});
		try {
			await chat.type('narrow hi');
			chat.ui.stdin.write(keys.enter);
			let frame = await chat.waitFor(f => f.includes('You said: narrow hi') && f.includes('● idle'), 'the reply');
			assert.doesNotMatch(frame, /Chat History for session_id/);
			assert.match(frame, /chat · Ctrl\+T history/);
			assertFits(frame, 80, 24);
			chat.ui.stdin.write(keys.ctrlT);
			frame = await chat.waitFor(f => f.includes('Chat History for session_id'), 'the history pane');
			assert.match(frame, /"content": "You said: narrow hi"/);
			assert.match(frame, /history · Ctrl\+T chat/);
			assertFits(frame, 80, 24);
			chat.resize(160, 48);
			frame = await chat.waitFor(f => f.includes('Chat History for session_id') && f.includes('❯ ada'), 'both panes');
			assertFits(frame, 160, 48);
			chat.resize(30, 8);
			await chat.waitFor(f => f.includes('Terminal too small'), 'the too-small message');
		} finally {
			await chat.cleanup();
		}
	});

	test('? on an empty line opens the help; Esc closes it; ? types when there is text', async () => {
		const chat = await mountChat();
		try {
			chat.ui.stdin.write('?');
			let frame = await chat.waitFor(f => f.includes('Keys and commands'), 'the help');
			assert.match(frame, /Ctrl\+O/);
			chat.ui.stdin.write(keys.escape);
			await chat.waitFor(f => !f.includes('Keys and commands'), 'help closed');
			chat.ui.stdin.write('?');
			await chat.waitFor(f => f.includes('Keys and commands'), 'the help again');
			chat.ui.stdin.write(keys.escape);
			await chat.waitFor(f => !f.includes('Keys and commands'), 'help closed');
			await chat.type('why?');
			frame = chat.frame();
			assert.ok(!frame.includes('Keys and commands'));
		} finally {
			await chat.cleanup();
		}
	});

	test('the next request carries the history window, and the pane marks it', async () => {
		const chat = await mountChat({historyExchanges: 1});
		try {
			for (const text of ['one', 'two']) {
				await chat.type(text);
				chat.ui.stdin.write(keys.enter);
				await chat.waitFor(f => f.includes(`You said: ${text}`) && f.includes('● idle'), `reply to ${text}`);
			}
			const frame = chat.frame();
			assert.match(frame, /next request: 3/, 'the system prompt and one exchange');
			await chat.type('three');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('You said: three') && f.includes('● idle'), 'reply to three');
			const last = chat.server.requests.filter(r => r.path.endsWith('/chat/completions')).at(-1)!;
			assert.deepEqual((last.body as {messages: Array<{content: string}>}).messages.map(m => m.content), ['Be brief.', 'two', 'You said: two', 'three']);
		} finally {
			await chat.cleanup();
		}
	});

	test('slash commands: /rename, /clear, unknown command', async () => {
		const chat = await mountChat();
		try {
			await chat.type('/rename Trip plans');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('Renamed to "Trip plans"'), 'the rename notice');
			assert.equal(chat.store.getSession(chat.sessionId()!)!.session.title, 'Trip plans');
			await chat.type('/nope');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('Unknown command /nope'), 'the unknown command notice');
		} finally {
			await chat.cleanup();
		}
	});

	test('the picker opens a saved session with "Continuing Session"; Ctrl+O goes back', async () => {
		const chat = await mountChat({
			start: {kind: 'picker'},
			seed(store) {
				const session = store.createSession('ada', 'mock');
				store.appendMessage(session.id, {role: 'user', content: 'remember the milk'});
				store.appendMessage(session.id, {role: 'assistant', content: 'Noted: **milk**.'});
			},
		});
		try {
			await chat.waitFor(f => f.includes('remember the milk'), 'the saved session in the picker');
			chat.ui.stdin.write('\u001B[B');
			chat.ui.stdin.write(keys.enter);
			const frame = await chat.waitFor(f => f.includes('Continuing Session:'), 'the resumed session');
			assert.match(frame, /Noted: milk\./);
			assert.match(frame, /"content": "Noted: \*\*milk\*\*\."/);
			chat.ui.stdin.write(keys.ctrlO);
			await chat.waitFor(f => f.includes('+ New session'), 'back in the picker');
		} finally {
			await chat.cleanup();
		}
	});

	test('hostile stored text never reaches the terminal as control sequences', async () => {
		const attack = 'copy \u001B]52;c;cm0gLXJmIH4=\u0007 clear \u001B[2J\u001B[H title \u001B]0;pwned\u0007 csi \u009B2J bell \u0007 cr\rover';
		const chat = await mountChat({
			start: {kind: 'continue'},
			seed(store) {
				const session = store.createSession('ada', 'mock');
				store.appendMessage(session.id, {role: 'user', content: attack});
				store.appendMessage(session.id, {role: 'assistant', content: `**reply** ${attack}`});
			},
		});
		try {
			const frame = await chat.waitFor(f => f.includes('Continuing Session:') && f.includes('pwned'), 'the session');
			// Tests run without colours, so no escape character at all may appear.
			assert.ok(!frame.includes('\u001B'), 'no ESC in the frame');
			const controls = [...frame].filter(char => {
				const code = char.codePointAt(0)!;
				return (code < 0x20 && char !== '\n') || (code >= 0x7F && code <= 0x9F);
			});
			assert.deepEqual(controls, [], 'no C0/C1 controls in the frame');
			assert.match(frame, /copy {2}clear/, 'the text around the sequences is kept');
			assert.match(frame, /\\u001b\]52;c;cm0gLXJmIH4=\\u0007/, 'the JSON pane shows the escapes as JSON does');
			assert.match(frame, /\\u009b2J/, 'C1 controls are escaped in the JSON pane too');
			const stored = chat.store.getSession(chat.sessionId()!)!.messages[0]!.content;
			assert.equal(stored, attack, 'the store keeps the original text');
		} finally {
			await chat.cleanup();
		}
	});

	test('bidi and other hidden format characters show as placeholders; the store keeps them', async () => {
		// (Lone surrogates are a store matter as well; sanitize.test.ts covers their display.)
		const tricky = 'invoice\u202Etxt.exe zero\u200Bwidth end';
		const chat = await mountChat({
			start: {kind: 'continue'},
			seed(store) {
				const session = store.createSession('ada', 'mock');
				store.appendMessage(session.id, {role: 'user', content: tricky});
				store.appendMessage(session.id, {role: 'assistant', content: `Reply: ${tricky}`});
			},
		});
		try {
			const frame = await chat.waitFor(f => f.includes('Continuing Session:') && f.includes('Reply: invoice'), 'the session');
			assert.ok(!/[\u202E\u200B]/.test(frame), 'no raw bidi override or zero-width space on screen');
			assert.ok(frame.includes('invoice⟨U+202E⟩txt.exe'), 'the transcript shows a placeholder');
			assert.ok(frame.includes('zero⟨U+200B⟩width'));
			assert.ok(frame.includes('invoice\\u202etxt.exe'), 'the JSON pane shows an escape, as for controls');
			const stored = chat.store.getSession(chat.sessionId()!)!.messages[0]!.content;
			assert.equal(stored, tricky, 'the store keeps the original text');
		} finally {
			await chat.cleanup();
		}
	});
});
