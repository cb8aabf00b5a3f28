/**
 * NO_COLOR (https://no-color.org): the chat and picker screens, drawn by the real components,
 * write no colour sequence at all; bold, dim and inverse stay. The theme decides once when it is
 * loaded, as in the app, so NO_COLOR is set before any UI module is imported.
 */
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {cleanup} from 'ink-testing-library';
import {colourCodes} from './text/ansi.js';

process.env['NO_COLOR'] = '1';
// As on a colour terminal (tests write to a pipe, where chalk would style nothing at all).
chalk.level = 3;
const {keys, mountChat} = await import('./chat/chat-fixtures.js');
const {mountPicker, tempStore} = await import('./picker/picker-fixtures.js');

after(() => {
	cleanup();
});

// eslint-disable-next-line no-control-regex -- looking for SGR sequences
const bold = /\u001B\[(?:[\d;]*;)?1[;m]/;
// eslint-disable-next-line no-control-regex -- looking for SGR sequences
const inverse = /\u001B\[(?:[\d;]*;)?7[;m]/;

test('the chat screen has no colour: a markdown reply, the JSON pane, the status bar, focus moved', async () => {
	const reply = '# Heading\n\n**bold**, `code`, a [link](https://example.com) and a list:\n\n- one\n- two\n\n> quoted';
	const chat = await mountChat({handler: () => ({chunks: [reply]})});
	try {
		await chat.waitFor(f => f.includes('Started Session:'));
		await chat.type('hello');
		chat.ui.stdin.write(keys.enter);
		await chat.waitFor(f => f.includes('● idle') && f.includes('quoted') && f.includes('"content": "# Heading'), 'the reply');
		chat.ui.stdin.write(keys.tab);
		await chat.waitFor(f => f.includes('Tab input'), 'the history pane focused');
		const frames = chat.ui.frames.join('\n');
		assert.deepEqual(colourCodes(frames), [], 'no colour in any frame');
		assert.match(frames, bold, 'bold stays (headings, pane titles)');
		assert.match(frames, inverse, 'inverse stays (the cursor)');
	} finally {
		await chat.cleanup();
	}
});

test('the picker has no colour: sessions, the filter field, a notice', async () => {
	const temp = await tempStore([{messages: ['Plan a trip to Lisbon']}, {messages: ['Fix the build']}]);
	try {
		const picker = mountPicker(temp.store, {notice: 'Could not open that session.'});
		await picker.until(text => text.includes('Fix the build') && text.includes('Could not open'));
		picker.stdin.write('l');
		await picker.until(text => text.includes('Esc clear filter'));
		picker.stdin.write('is');
		await picker.until(text => text.includes('1 match'));
		const frames = picker.frames.join('\n');
		assert.deepEqual(colourCodes(frames), [], 'no colour in any frame');
		assert.match(frames, inverse, 'inverse stays (the selection, the cursor)');
		picker.unmount();
	} finally {
		await temp.cleanup();
	}
});

test('find highlights are inverse, without colour', async () => {
	const chat = await mountChat({handler: () => ({chunks: ['The needle is **here**.']})});
	try {
		await chat.type('hello');
		chat.ui.stdin.write(keys.enter);
		await chat.waitFor(f => f.includes('● idle') && f.includes('here'), 'the reply');
		chat.ui.stdin.write('\u0006');
		await chat.waitFor(f => f.includes('Find: '), 'the find bar');
		chat.ui.stdin.write('needle');
		const frame = await chat.waitFor(f => f.includes('1/1'), 'the match');
		// eslint-disable-next-line no-control-regex -- looking for SGR sequences
		assert.match(frame, /\u001B\[7m(?:\u001B\[[\d;]*m)*needle/, 'the match is inverse');
		assert.deepEqual(colourCodes(frame), [], 'no colour');
	} finally {
		await chat.cleanup();
	}
});
