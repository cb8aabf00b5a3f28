import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {lastUserText} from '../../support/mock-server.js';
import {keys, mountChat} from './chat-fixtures.js';

afterEach(() => {
	cleanup();
});

const slow = {chunks: 150, chunksPerSecond: 60};

function sentTexts(chat: Awaited<ReturnType<typeof mountChat>>): string[] {
	return chat.server.requests.filter(request => request.path.endsWith('/chat/completions')).map(request => lastUserText(request.body));
}

describe('typing while a reply streams', () => {
	test('Enter queues the message, clears the input line, shows it queued, and sends it when the reply ends', async () => {
		const chat = await mountChat();
		try {
			chat.server.script(slow, {chunks: ['Second answer.']});
			await chat.type('first');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('streaming…'), 'the first reply streaming');
			await chat.type('second');
			chat.ui.stdin.write(keys.enter);
			const queued = await chat.waitFor(f => f.includes('queued 1/1: second'), 'the queued message');
			assert.match(queued, /ada › +Message —/, 'the input line is cleared');
			assert.match(queued.split('\n').map(line => line.split('││')[0]).join(' ').replaceAll(/[│\s]+/g, ' '), /sent when the reply ends · ↑ on an empty input line edits the last · Esc drops it/, 'how to take it back');
			await chat.waitFor(f => f.includes('Second answer.'), 'the queued message sent and answered', 15_000);
			assert.deepEqual(sentTexts(chat), ['first', 'second']);
			assert.ok(!chat.frame().includes('queued 1/1'));
			assert.ok(!chat.frame().includes('sent when the reply ends'), 'nothing about the queue stays once it is empty');
			const stored = chat.store.getSession(chat.sessionId()!)!.messages.map(m => `${m.role}:${m.status}`);
			assert.deepEqual(stored, ['user:complete', 'assistant:complete', 'user:complete', 'assistant:complete']);
		} finally {
			await chat.cleanup();
		}
	});

	test('↑ in an empty input line takes the queued message back to edit it', async () => {
		const chat = await mountChat();
		try {
			chat.server.script(slow);
			await chat.type('first');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('streaming…'), 'streaming');
			await chat.type('secnod');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('queued 1/1: secnod'), 'queued');
			chat.ui.stdin.write(keys.arrowUp);
			await chat.waitFor(f => f.includes('ada › secnod') && !f.includes('queued 1/1'), 'back in the input line');
		} finally {
			await chat.cleanup();
		}
	});

	test('Esc stops the reply and asks nothing; the queue waits; Enter on an empty line sends it; Esc drops one', async () => {
		const chat = await mountChat();
		try {
			chat.server.script(slow, {chunks: ['Answer to two.']});
			await chat.type('one');
			chat.ui.stdin.write(keys.enter);
			// The server must have the request before Esc: stopped earlier (a loaded machine), it never arrives, and "two"
			// would get the slow script meant for "one".
			await chat.waitFor(f => f.includes('streaming…') && sentTexts(chat).length === 1, 'streaming, the request at the server');
			await chat.type('two');
			chat.ui.stdin.write(keys.enter);
			await chat.type('three');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('queued 2/2: three'), 'two queued');
			chat.ui.stdin.write(keys.escape);
			await chat.waitFor(f => f.includes('(stopped)') && f.includes('queued 1/2: two') && f.includes('2 messages wait'), 'stopped, the queue held');
			chat.ui.stdin.write(keys.escape);
			await chat.waitFor(f => f.includes('Dropped the queued message "three"') && !f.includes('queued 2/2'), 'the last one dropped');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => f.includes('Answer to two.'), 'two sent and answered', 15_000);
			assert.deepEqual(sentTexts(chat), ['one', 'two']);
		} finally {
			await chat.cleanup();
		}
	});
});
