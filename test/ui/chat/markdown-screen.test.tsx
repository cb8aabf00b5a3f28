/**
 * A markdown reply streamed into the real chat screen (ink-testing-library) at 80×24 and 200×60:
 * every frame keeps its rows within the terminal and the transcript's border in its column, and
 * the finished reply shows highlighted, numbered code, a bordered table with CJK and emoji,
 * hyperlinks and its footnote. Then through a VT emulator: a terminal parses our OSC 8 links as
 * links, taking no columns, and shows no part of their sequence.
 */
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import chalk from 'chalk';
import type {Instance} from 'ink';
import {cleanup} from 'ink-testing-library';
import stringWidth from 'string-width';
import {openSessionStore} from '../../../source/store/index.js';
import {chatLayout} from '../../../source/ui/chat/layout.js';
import {loadHighlighter} from '../../../source/ui/text/code-highlight.js';
import {codeTheme} from '../../../source/ui/text/theme.js';
import {hyperlinks, stripAnsi} from '../text/ansi.js';
import {renderInEmulator, screenShows} from '../../support/emulated-app.js';
import {EmulatedTerminal} from '../../support/emulator.js';
import {startMockServer} from '../../support/mock-server.js';
import {keys, mountChat} from './chat-fixtures.js';

// As on a colour terminal that shows links (tests write to a pipe, where chalk would style nothing).
chalk.level = 3;
process.env['FORCE_HYPERLINK'] = '1';

before(async () => {
	await loadHighlighter();
});

after(() => {
	cleanup();
});

const reply = `## Comparing the options

See [the guide](https://example.com/guide "Guide") for details[^1].

| Option | 说明 | Status |
|:--|:--|:-:|
| \`cache\` | 缓存结果，避免重复计算 | ✅ |
| \`retry\` | Retries a failed request with exponential backoff | 🔁 |

\`\`\`ts
export async function fetchWithRetry(url: string, attempts = 3): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		const response = await fetch(url);
		if (response.ok || attempt >= attempts) return response;
	}
}
\`\`\`

Done: press <kbd>Enter</kbd>.

[^1]: Tested with Node 24.
`;

/** The reply in pieces of 3–7 characters, as a model streams it. */
function pieces(text: string): string[] {
	const out: string[] = [];
	for (let start = 0, step = 0; start < text.length; step++) {
		const size = 3 + (step % 5);
		out.push(text.slice(start, start + size));
		start += size;
	}

	return out;
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The first `width` display columns of a row. */
function columnsOf(row: string, width: number): string {
	let out = '';
	for (const {segment} of segmenter.segment(row)) {
		if (stringWidth(out + segment) > width) {
			break;
		}

		out += segment;
	}

	return out;
}

/** Checks one frame: no row wider than the terminal, the transcript's right border in its column. */
function assertFrameFits(frame: string, columns: number, rows: number, what: string): void {
	const right = chatLayout(columns, rows, 'chat', 1).transcript.width - 1;
	const lines = frame.split('\n');
	for (const [index, row] of lines.entries()) {
		assert.ok(stringWidth(row) <= columns, `${what}: row ${index} is ${stringWidth(row)} columns wide:\n${stripAnsi(frame)}`);
	}

	const paneRows = lines.slice(1, chatLayout(columns, rows, 'chat', 1).transcript.height - 1).map(row => stripAnsi(row));
	for (const row of paneRows) {
		const before = [...segmenter.segment(row)]
			.reduce<{column: number; border: number}>((state, {segment}) => {
				if (segment === '│' && state.column === right) {
					return {column: state.column + 1, border: state.column};
				}

				return {column: state.column + stringWidth(segment), border: state.border};
			}, {column: 0, border: -1});
		assert.equal(before.border, right, `${what}: the transcript border is not at column ${right} in ${JSON.stringify(row)}`);
	}
}

/** The table's visible rows line up, CJK and emoji included: each is as wide as its bottom rule. */
function assertTableWhole(text: string, minimumRows: number): void {
	const transcript = text.split('\n').map(row => row.replace(/^│ {3}/u, ''));
	const bottom = transcript.findIndex(row => row.startsWith('└'));
	let top = bottom;
	while (top > 0 && /^(?:[┌├]|│.*│.*│)/u.test(transcript[top - 1]!)) {
		top--;
	}

	assert.ok(bottom - top >= minimumRows, text);
	const tableWidth = stringWidth(transcript[bottom]!.slice(0, transcript[bottom]!.indexOf('┘') + 1));
	for (const row of transcript.slice(top, bottom + 1)) {
		assert.match(columnsOf(row, tableWidth), /^[┌├└│].*[┐┤┘│]$/u, `a whole table row: ${row}`);
	}
}

for (const [columns, rows] of [[80, 24], [200, 60]] as const) {
	test(`a streamed markdown reply at ${columns}×${rows}: frames fit, code is highlighted and numbered, table and links whole`, async () => {
		const chat = await mountChat({columns, rows, handler: () => ({chunks: pieces(reply), chunksPerSecond: 300})});
		try {
			await chat.waitFor(f => f.includes('Started Session:'), 'the chat');
			await chat.type('compare');
			const first = chat.ui.frames.length;
			chat.ui.stdin.write(keys.enter);
			const frame = await chat.waitFor(f => f.includes('● idle') && f.includes('Tested with Node 24'), 'the whole reply', 10_000);
			const frames = chat.ui.frames.slice(first);
			assert.ok(frames.length > 3, 'the reply arrived over several frames');
			for (const [index, each] of frames.entries()) {
				assertFrameFits(each, columns, rows, `frame ${index} of the reply`);
			}

			const text = stripAnsi(frame);
			assert.match(text, /│ \[1\] ts/, 'the code block is numbered');
			assert.match(text, /\[1\] Tested with Node 24\./, 'the footnote follows the reply');
			assert.match(text, /Done: press Enter\./);
			const code = frame.split('\n').find(row => stripAnsi(row).includes('attempt >= attempts) return response;'));
			assert.ok(code?.includes(codeTheme['keyword']!('return')), `code is highlighted: ${JSON.stringify(code)}`);

			assertTableWhole(text, 1);
			let top = frame;
			if (!text.includes('Comparing the options')) {
				// 80×24 shows the end of the reply: scroll up to its start.
				chat.ui.stdin.write(keys.pageUp);
				top = await chat.waitFor(f => f.includes('Comparing the options'), 'the start of the reply');
			}

			assertTableWhole(stripAnsi(top), 5);
			assert.ok(stripAnsi(top).includes('缓存结果'));
			const links = top.split('\n').flatMap(row => hyperlinks(row));
			assert.ok(links.some(link => link.url === 'https://example.com/guide' && link.text.includes('the guide')), JSON.stringify(links));
		} finally {
			await chat.cleanup();
		}
	});
}

test('through a terminal emulator at 80×24 the links take no columns and leave no trace on screen', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'markdown-screen-'));
	const store = await openSessionStore(join(dir, 'agents.db'));
	// @xterm/headless measures characters by Unicode 6, where ✅ and 🔁 are one column (string-width,
	// Ink and today's terminals give them two): the emulator sees the table without them.
	const plainReply = reply.replace('✅', 'yes').replace('🔁', 'no');
	const server = await startMockServer({handler: () => ({chunks: pieces(plainReply), chunksPerSecond: 300})});
	const term = new EmulatedTerminal(80, 24);
	let app: Instance | undefined;
	try {
		app = renderInEmulator(term, store, server.url);
		const showing = async (text: string): Promise<void> => screenShows(term, text);
		await showing('Started Session');
		for (const char of 'compare') term.type(char);
		term.type('\r');
		await showing('Tested with Node 24');
		await showing('● idle');
		term.type(keys.pageUp);
		await showing('Comparing the options');
		const lines = term.lines();
		assert.ok(term.writes.join('').includes('\u001B]8;;https://example.com/guide\u001B\\'), 'the app wrote the link');
		assert.ok(lines.some(line => line.includes('See the guide (https://example.com/guide “Guide”) for details[1].')), term.screen());
		for (const [row, line] of lines.slice(0, chatLayout(80, 24, 'chat', 1).transcript.height).entries()) {
			assert.ok(!line.includes('8;;') && !line.includes('\\'), `no sequence shows: ${line}`);
			assert.ok(['│', '╮', '╯'].includes(term.cell(row, 79)), `row ${row} keeps its border at column 79:\n${term.screen()}`);
		}
	} finally {
		app?.unmount();
		await term.settled();
		term.dispose();
		await store.close().catch(() => undefined);
		await server.close();
		await rm(dir, {recursive: true, force: true});
	}
});
