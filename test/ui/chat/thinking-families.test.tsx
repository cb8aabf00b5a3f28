// Each server family's wire format (test/support/mock-server-families.ts), streamed through the real OpenAIModel into
// the chat screen: the thinking shows live, collapses when the answer starts, is stored, expands on Ctrl+X, is never
// sent back (the server's request log), and a reply cut by the token limit ends with a notice, not a failure.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {wireFamilies} from '../../support/mock-server.js';
import type {ScriptedReply, WireFamily} from '../../support/mock-server.js';
import {chatLayout} from '../../../source/ui/chat/layout.js';
import {keys, mountChat} from './chat-fixtures.js';
import type {ChatHarness} from './chat-fixtures.js';

afterEach(() => {
	cleanup();
});

const columns = 120;
const rows = 40;
const transcriptWidth = chatLayout(columns, rows, 'chat', 1).transcript.width;

/** The left pane's part of each row (the history pane shows the thinking too, in its JSON). */
function transcriptOf(frame: string): string {
	return frame.split('\n').map(line => line.slice(0, transcriptWidth)).join('\n');
}

function historyOf(frame: string): string {
	return frame.split('\n').map(line => line.slice(transcriptWidth)).join('\n');
}

const thinking = 'The user wants the answer. It is 42.';
const usage = {prompt_tokens: 11, completion_tokens: 7};

/** How each family carries thinking, as its docs show: a reasoning field, or <think> in the content (split across chunks too). */
const replies: Record<WireFamily, ScriptedReply> = {
	openai: {chunks: ['<think>', 'The user wants', ' the answer.', ' It is 42.', '</think>\n\n', 'The answer', ' is ', '**42**.']},
	ollama: {reasoning: ['The user wants', ' the answer.', ' It is 42.'], chunks: ['The answer', ' is ', '**42**.']},
	vllm: {reasoning: ['The user wants', ' the answer.', ' It is 42.'], chunks: ['The answer', ' is ', '**42**.']},
	llamacpp: {reasoning: ['The user wants', ' the answer.', ' It is 42.'], chunks: ['The answer', ' is ', '**42**.']},
	lmstudio: {chunks: ['<thi', 'nk>The user wants', ' the answer.', ' It is 42.</th', 'ink>', '\n\nThe answer', ' is ', '**42**.']},
	deepseek: {reasoning: ['The user wants', ' the answer.', ' It is 42.'], chunks: ['The answer', ' is ', '**42**.']},
};

/** A promise the test settles when it has seen what it wanted on screen. */
function gate(): {until: Promise<void>; open: () => void} {
	let open: () => void = () => undefined;
	const until = new Promise<void>(resolve => {
		open = resolve;
	});
	return {until, open};
}

async function ask(chat: ChatHarness, text: string): Promise<void> {
	await chat.type(text);
	chat.ui.stdin.write(keys.enter);
}

describe('reasoning models on the chat screen, one server family at a time', () => {
	for (const family of wireFamilies) {
		test(`${family}: thinking live, collapsed when the answer starts, stored, expandable, never sent back; "length" is a notice`, async () => {
			const chat = await mountChat({columns, rows});
			const thinkingPhase = gate();
			const answerPhase = gate();
			try {
				chat.server.script({
					family, usage, chunkDelayMs: 5, ...replies[family],
					holds: [{before: 'The answer', until: thinkingPhase.until}, {before: '**42**', until: answerPhase.until}],
				});
				await ask(chat, 'What is the answer?');

				const live = await chat.waitFor(f => transcriptOf(f).includes('It is 42.'), 'the thinking streaming');
				assert.match(transcriptOf(live), /▾ Thinking… \d+ s/);
				assert.match(transcriptOf(live), /┊ The user wants the answer\. It is 42\./, 'the thinking text, in its gutter');
				assert.match(live, /streaming…/);
				assert.match(historyOf(live), /"thinking": "The user wants/, 'the JSON pane shows it in its own field');
				assert.ok(!transcriptOf(live).includes('<think>') && !transcriptOf(live).includes('The answer is'), 'no tags, no answer yet');

				thinkingPhase.open();
				const answering = await chat.waitFor(f => transcriptOf(f).includes('The answer is'), 'the answer streaming');
				assert.match(transcriptOf(answering), /▸ Thought for .+ — Ctrl\+X to expand/, 'collapsed to one line as the answer starts');
				assert.ok(!transcriptOf(answering).includes('The user wants'), 'the thinking text is folded away');
				assert.match(answering, /streaming…/, 'while the answer still streams');

				answerPhase.open();
				const done = await chat.waitFor(f => f.includes('● idle') && transcriptOf(f).includes('The answer is 42.'), 'the reply stored');
				assert.match(transcriptOf(done), /▸ Thought for/);
				const stored = chat.store.getSession(chat.sessionId()!)!.messages[1]!;
				assert.deepEqual([stored.content, stored.thinking, stored.status], ['The answer is **42**.', thinking, 'complete']);
				assert.ok(stored.thinkingMs !== null && stored.thinkingMs > 0, 'how long it thought is kept');

				chat.ui.stdin.write(keys.ctrlX);
				const expanded = await chat.waitFor(f => transcriptOf(f).includes('┊ The user wants'), 'the thinking expanded');
				assert.match(transcriptOf(expanded), /▾ Thought for .+ — Ctrl\+X to collapse/);
				chat.ui.stdin.write(keys.ctrlX);
				await chat.waitFor(f => !transcriptOf(f).includes('The user wants') && transcriptOf(f).includes('▸ Thought for'), 'collapsed again');

				chat.server.script({family, usage, chunks: ['Because it ', 'is cut sh'], finishReason: 'length'});
				await ask(chat, 'And why?');
				const cut = await chat.waitFor(f => f.includes('reached the token limit') && f.includes('● idle'), 'the token-limit notice');
				assert.ok(transcriptOf(cut).includes('is cut sh') && !cut.includes('(failed)'), 'kept as a complete reply, not a failure');
				const messages = chat.store.getSession(chat.sessionId()!)!.messages;
				assert.deepEqual(messages.map(message => `${message.role}:${message.status}`), ['user:complete', 'assistant:complete', 'user:complete', 'assistant:complete']);

				const sent = chat.server.requests.filter(request => request.path.endsWith('/chat/completions')).at(-1)!;
				assert.deepEqual((sent.body as {messages: unknown}).messages, [
					{role: 'system', content: 'Be brief.'},
					{role: 'user', content: 'What is the answer?'},
					{role: 'assistant', content: 'The answer is **42**.'},
					{role: 'user', content: 'And why?'},
				]);
				for (const trace of ['The user wants', 'think', 'reasoning']) assert.ok(!sent.raw.includes(trace), `the request holds "${trace}"`);
			} finally {
				thinkingPhase.open();
				answerPhase.open();
				await chat.cleanup();
			}
		});
	}

	test('the thinking time ticks while the model thinks; --hide-thinking shows only that line, never the text', async () => {
		const chat = await mountChat({columns, rows, hideThinking: true});
		const thinkingPhase = gate();
		try {
			chat.server.script({family: 'deepseek', ...replies.deepseek, holds: [{before: 'The answer', until: thinkingPhase.until}]});
			await ask(chat, 'What is the answer?');
			await chat.waitFor(f => /▸ Thinking… 0 s — Ctrl\+X to expand/.test(transcriptOf(f)), 'the one line while it thinks');
			const later = await chat.waitFor(f => /▸ Thinking… 1 s/.test(transcriptOf(f)), 'a second later', 5000);
			assert.ok(!transcriptOf(later).includes('The user wants'), 'no thinking text with --hide-thinking');

			chat.ui.stdin.write(keys.ctrlX);
			await chat.waitFor(f => transcriptOf(f).includes('┊ The user wants'), 'shown when the user asks for it');
			chat.ui.stdin.write(keys.ctrlX);
			await chat.waitFor(f => !transcriptOf(f).includes('The user wants'), 'and hidden again');

			thinkingPhase.open();
			const done = await chat.waitFor(f => f.includes('● idle') && transcriptOf(f).includes('The answer is 42.'), 'the reply');
			assert.match(transcriptOf(done), /▸ Thought for (1|2) s — Ctrl\+X to expand/);
		} finally {
			thinkingPhase.open();
			await chat.cleanup();
		}
	});

	test('a stored reply\'s thinking shows collapsed when the session opens again', async () => {
		const chat = await mountChat({
			columns, rows, start: {kind: 'continue'},
			seed(store) {
				const session = store.createSession('ada', 'mock');
				store.appendMessage(session.id, {role: 'user', content: 'What is the answer?'});
				store.appendMessage(session.id, {role: 'assistant', content: 'It is **42**.', thinking: 'Recall it.\nSay it.', thinkingMs: 65_000});
			},
		});
		try {
			const frame = await chat.waitFor(f => transcriptOf(f).includes('It is 42.'), 'the stored reply');
			assert.match(transcriptOf(frame), /▸ Thought for 1 min 5 s — Ctrl\+X to expand/);
			assert.ok(!transcriptOf(frame).includes('Recall it.'));
			assert.match(historyOf(frame), /"thinking": "Recall it\.\\nSay it\.",/);
			chat.ui.stdin.write(keys.ctrlX);
			await chat.waitFor(f => transcriptOf(f).includes('┊ Recall it.') && transcriptOf(f).includes('┊ Say it.'), 'expanded');
		} finally {
			await chat.cleanup();
		}
	});
});
