/**
 * The frames a person sees, through a VT emulator: the real app rendered with the real options
 * (alternate screen, incremental rendering) while a reply streams and the window is resized.
 * After each step the screen must hold one well-formed frame, and what incremental updates left on
 * screen must equal a full redraw of the same frame.
 */

import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Instance} from 'ink';
import {chatLayout} from '../../source/ui/chat/layout.js';
import {generatedChunk} from '../support/mock-server.js';
import {appFixture, renderInEmulator, screenShows} from '../support/emulated-app.js';
import {EmulatedTerminal} from '../support/emulator.js';
import {waitFor} from '../support/wait-for.js';

const ctrlL = '\u000C';

const app = appFixture('frames-');

const vertical = new Set(['│', '╭', '╮', '╰', '╯']);

/** One well-formed chat frame: pane borders where the layout puts them, one input line, one status bar, nothing below. */
function assertFrame(term: EmulatedTerminal, what: string): void {
	const {columns, rows} = term;
	const layout = chatLayout(columns, rows, 'chat', 1);
	const lines = term.lines();
	const context = `${what} at ${columns}×${rows}:\n${lines.join('\n')}`;
	const paneHeight = layout.transcript.height || layout.history.height;
	const edges = layout.mode === 'wide'
		? [0, layout.transcript.width - 1, layout.transcript.width, columns - 1]
		: [0, columns - 1];
	for (let row = 0; row < paneHeight; row++) {
		for (const column of edges) {
			assert.ok(vertical.has(term.cell(row, column)), `row ${row}, column ${column} is "${term.cell(row, column)}", not a pane border; ${context}`);
		}
	}
	assert.match(lines[0]!, /^╭/, context);
	assert.match(lines[paneHeight - 1]!, /^╰/, context);
	assert.equal(lines.filter(line => line.startsWith('ada › ')).length, 1, `one input line; ${context}`);
	assert.match(lines[paneHeight]!, /^ada › /, `the input line under the panes; ${context}`);
	assert.match(lines[rows - 2]!, /^● (idle|streaming)/, `the status bar on the frame's last row; ${context}`);
	assert.equal(lines.filter(line => /^● (idle|streaming)/.test(line)).length, 1, `one status bar; ${context}`);
	assert.equal(lines[rows - 1], '', `nothing under the frame; ${context}`);
}

/** Waits until the screen holds one well-formed frame (a resize is drawn on the next frame, not at once). */
async function frameSettles(term: EmulatedTerminal, what: string): Promise<void> {
	let failure: unknown;
	try {
		await waitFor(async () => {
			await term.settled();
			try {
				assertFrame(term, what);
				return true;
			} catch (error) {
				failure = error;
				return false;
			}
		}, {timeout: 5000});
	} catch {
		throw failure;
	}
}

async function redrawMatches(term: EmulatedTerminal, what: string): Promise<void> {
	await term.settled();
	const incremental = term.screen();
	const bytes = term.bytes;
	term.type(ctrlL);
	await waitFor(() => term.bytes > bytes);
	await waitFor(async () => {
		await term.settled();
		return term.alternateScreen && term.screen().includes('ada › ');
	});
	assert.equal(term.screen(), incremental, `${what}: a full redraw shows the same frame`);
}

test('frames stay whole while a reply streams through resizes between 200×60 and 80×24', async () => {
	const term = new EmulatedTerminal(200, 60);
	let rendered: Instance | undefined;
	try {
		rendered = renderInEmulator(term, app.store, app.server.url);
		await screenShows(term, 'Started Session');
		assert.ok(term.alternateScreen, 'the app draws on the alternate screen');
		assertFrame(term, 'the first frame');

		app.server.script({chunks: 600, chunksPerSecond: 150});
		for (const char of 'Tell me a long story') term.type(char);
		term.type('\r');
		await screenShows(term, '● streaming');

		let seen = 0;
		for (const [columns, rows] of [[80, 24], [200, 60], [120, 40], [80, 24], [150, 50], [200, 60]] as const) {
			// Let some text arrive at this size, then resize.
			const before = term.bytes;
			await waitFor(() => term.bytes > before + 2000, {timeout: 10_000});
			await term.settled();
			assertFrame(term, `streaming before the resize to ${columns}×${rows}`);
			term.resize(columns, rows);
			await frameSettles(term, `streaming after the resize to ${columns}×${rows}`);
			seen++;
		}
		assert.equal(seen, 6);

		await waitFor(async () => {
			await term.settled();
			return term.screen().includes('● idle');
		}, {timeout: 20_000});
		assertFrame(term, 'after the reply');
		await redrawMatches(term, 'after the reply at 200×60');

		term.resize(80, 24);
		await frameSettles(term, 'idle at 80×24');
		await redrawMatches(term, 'idle at 80×24');
	} finally {
		rendered?.unmount();
		await term.settled();
		term.dispose();
	}
	assert.ok(!term.alternateScreen, 'the terminal is back on the main screen after unmount');
});

test('frames stay whole while a model thinks, and with its thinking collapsed and expanded, at 80×24 and 200×60', async () => {
	const term = new EmulatedTerminal(200, 60);
	let rendered: Instance | undefined;
	let open: () => void = () => undefined;
	const answerHeld = new Promise<void>(resolve => {
		open = resolve;
	});
	const showing = async (text: string) => screenShows(term, text, `"${text}"`);
	try {
		rendered = renderInEmulator(term, app.store, app.server.url);
		await showing('Started Session');

		// More thinking than either screen holds, with wide characters, tabs and a hostile sequence among it.
		const reasoning = Array.from({length: 60}, (_, index) => `Step ${index}: weigh 漢字 and 👍🏽 against\tthe rest \u001B[2J of the question.${index % 5 === 4 ? '\n\n' : ' '}`);
		const answer = ['The answer, at last. ', ...Array.from({length: 300}, (_, index) => generatedChunk(index))];
		app.server.script({family: 'deepseek', chunkDelayMs: 2, reasoning, chunks: answer, holds: [{before: 'The answer, at last.', until: answerHeld}]});
		for (const char of 'Think it through') term.type(char);
		term.type('\r');
		await showing('Step 59');
		await frameSettles(term, 'thinking at 200×60');
		assert.ok(!term.screen().includes('The answer, at last.'), 'still thinking');
		term.resize(80, 24);
		await frameSettles(term, 'thinking at 80×24');
		assert.match(term.screen(), /Step 59/, 'the tail of the thinking is in view');

		open();
		await showing('● idle');
		await frameSettles(term, 'collapsed at 80×24');
		await redrawMatches(term, 'collapsed at 80×24');
		assert.ok(!term.screen().includes('Thought for'), 'the answer fills the view; its thought line is above it');

		// Ctrl+X at the foot of a long answer brings the thinking it expands into view.
		term.type('\u0018');
		await showing('▾ Thought for');
		await frameSettles(term, 'expanded at 80×24');
		await redrawMatches(term, 'expanded at 80×24');
		term.resize(200, 60);
		await frameSettles(term, 'expanded at 200×60');
		await redrawMatches(term, 'expanded at 200×60');

		term.type('\u0018');
		await showing('▸ Thought for');
		await frameSettles(term, 'collapsed at 200×60');
		await redrawMatches(term, 'collapsed at 200×60');
	} finally {
		open();
		rendered?.unmount();
		await term.settled();
		term.dispose();
	}
});
