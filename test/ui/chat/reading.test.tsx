/**
 * Reading a conversation on screen: the find bar (Ctrl+F, /find), zoom (Alt+Z, /zoom), /copy's notices, /export,
 * and the JSON pane's system message. The real App on a real store, drawn by ink-testing-library.
 */
import {after, afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import chalk from 'chalk';
import {cleanup} from 'ink-testing-library';
import type {SessionStore} from '../../../source/store/types.js';
import {stripAnsi} from '../text/ansi.js';
import {keys, mountChat} from './chat-fixtures.js';

// As on a colour terminal, so the highlights are in the frames (tests write to a pipe, where chalk would style nothing).
chalk.level = 3;

const ctrlF = '\u0006';
const altZ = '\u001Bz';
const shiftEnter = '\u001B[13;2u';

let folder: string;
before(async () => {
	folder = await mkdtemp(join(tmpdir(), 'reading-'));
	for (const name of ['TMUX', 'TERM_PROGRAM']) Reflect.deleteProperty(process.env, name);
	process.env['TERM'] = 'xterm-256color';
});

after(async () => {
	await rm(folder, {recursive: true, force: true});
});

afterEach(() => {
	cleanup();
});

/** The frame as text: styles dropped. */
const plain = (frame: string): string => stripAnsi(frame);
/** The left pane's rows at 120 columns (66 wide), as text. */
const transcript = (frame: string): string => plain(frame).split('\n').map(line => line.slice(0, 66)).join('\n');
/** Whether `text` is on screen highlighted (Ink writes the inverse and the other styles as codes of their own). */
const highlighted = (frame: string, text: string): boolean => new RegExp(`\u001B\\[7m(?:\u001B\\[[\\d;]*m)*${text}`).test(frame);

/** The find bar's count, e.g. "3/7". */
const count = (frame: string): string | undefined => /Find: .*? {2}(\d+\/\d+|no matches)/.exec(plain(frame))?.[1];

/** Twenty exchanges; the needle is in answers 2, 9 and 17 (twice in 17), and in a CJK answer. */
function seed(store: SessionStore): void {
	const session = store.createSession('ada', 'mock');
	for (let index = 1; index <= 20; index++) {
		store.appendMessage(session.id, {role: 'user', content: `Question ${index}`});
		const extra = index === 2 || index === 9 ? ' It mentions the Needle.' : index === 17 ? ' A NEEDLE, and another needle.' : index === 12 ? ' 干し草の中の針 (needle) を探す。' : '';
		store.appendMessage(session.id, {role: 'assistant', content: `Answer ${index}, first part.${extra}\n\nSecond part.\n\nLast part of answer ${index}.`});
	}
}

describe('the find bar', () => {
	test('Ctrl+F: matches are highlighted as the text is typed, counted, and Enter, n and N move between them; Esc clears', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		try {
			await chat.waitFor(f => plain(f).includes('Last part of answer 20.'), 'the tail');
			chat.ui.stdin.write(ctrlF);
			await chat.waitFor(f => plain(f).includes('Find: '), 'the find bar');
			chat.ui.stdin.write('needle');
			// Matches from the top: 2, 9, 12 (CJK), 17, 17. None is in view at the foot: the search starts at the nearest above.
			let frame = await chat.waitFor(f => count(f) === '5/5', 'the count');
			assert.match(transcript(frame), /A NEEDLE, and another needle\./, 'the view scrolled to it');
			assert.ok(highlighted(frame, 'NEEDLE') && highlighted(frame, 'needle'), 'both matches on screen are highlighted');

			chat.ui.stdin.write(keys.enter);
			frame = await chat.waitFor(f => count(f) === '1/5', 'Enter: the next match, from the top again');
			assert.match(transcript(frame), /Answer 2, first part\. It mentions the Needle\./, 'the view scrolled to it');
			assert.match(plain(frame), /↓ \d+ more/);
			assert.match(plain(frame), /n next · N previous/, 'the typing ended: n and N now jump');
			chat.ui.stdin.write('n');
			frame = await chat.waitFor(f => count(f) === '2/5', 'n: the next');
			assert.match(transcript(frame), /Answer 9, first part\. It mentions the Needle\./);
			chat.ui.stdin.write('N');
			await chat.waitFor(f => count(f) === '1/5', 'N: the one before');
			chat.ui.stdin.write(shiftEnter);
			await chat.waitFor(f => count(f) === '5/5', 'Shift+Enter: the one before, round to the last');

			chat.ui.stdin.write(keys.escape);
			frame = await chat.waitFor(f => !plain(f).includes('Find: '), 'the bar closed');
			assert.ok(!highlighted(frame, 'NEEDLE') && !highlighted(frame, 'needle'), 'no highlight left');
			// The input line has its keys again.
			await chat.type('typed after');
		} finally {
			await chat.cleanup();
		}
	});

	test('/find TEXT finds CJK text, shows the match, and says when nothing matches', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		try {
			await chat.waitFor(f => plain(f).includes('Last part of answer 20.'), 'the tail');
			await chat.type('/find 草の中');
			chat.ui.stdin.write(keys.enter);
			const frame = await chat.waitFor(f => count(f) === '1/1', 'one match');
			assert.match(transcript(frame), /干し草の中の針/, 'scrolled to it');
			assert.ok(highlighted(frame, '草の中'), 'highlighted');
			chat.ui.stdin.write(ctrlF);
			await chat.waitFor(f => /Enter next · Shift\+Enter previous/.test(plain(f)), 'typing again');
			chat.ui.stdin.write('xyz');
			await chat.waitFor(f => count(f) === 'no matches', 'no match');
		} finally {
			await chat.cleanup();
		}
	});
});

describe('zoom', () => {
	test('Alt+Z shows the conversation alone, full width; the draft waits; Esc goes back; /zoom too', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		try {
			await chat.waitFor(f => plain(f).includes('Last part of answer 20.'), 'the tail');
			await chat.type('a draft');
			chat.ui.stdin.write(altZ);
			let frame = await chat.waitFor(f => plain(f).includes('Zoom: Esc'), 'zoomed');
			const rows = plain(frame).split('\n');
			assert.ok(!/[│╭╮╰╯]/.test(rows.join('\n')), `no border:\n${rows.join('\n')}`);
			assert.ok(!/"role"|a draft|● idle/.test(rows.join('\n')), 'no JSON pane, input line or status bar');
			assert.ok(rows.some(row => row.startsWith('  Last part of answer 20.')), 'messages from the first column');

			chat.ui.stdin.write(keys.pageUp);
			frame = await chat.waitFor(f => /↓ \d+ more \(End\)/.test(plain(f)), 'PgUp scrolls the zoomed view');
			chat.ui.stdin.write(keys.escape);
			frame = await chat.waitFor(f => plain(f).includes('ada › a draft'), 'the panes and the draft again');
			assert.match(plain(frame), /Chat History for session_id:/);

			chat.ui.stdin.write('\u0015'); // Ctrl+U: clear the draft
			await chat.type('/zoom');
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => plain(f).includes('Zoom: Esc'), '/zoom');
			chat.ui.stdin.write(ctrlF);
			await chat.waitFor(f => plain(f).includes('Find: '), 'the bar');
			chat.ui.stdin.write('part of answer 19');
			frame = await chat.waitFor(f => count(f) === '1/1', 'the find bar at the foot of the zoomed view');
			assert.match(plain(frame).split('\n').filter(Boolean).at(-1)!, /^Find: /);
			chat.ui.stdin.write(keys.escape);
			await chat.waitFor(f => plain(f).includes('Zoom: Esc'), 'Esc closes the bar first');
			chat.ui.stdin.write(altZ);
			await chat.waitFor(f => plain(f).includes('Chat History'), 'Alt+Z leaves');
		} finally {
			await chat.cleanup();
		}
	});
});

describe('/copy and /export', () => {
	test('/copy says what it copied or why not, and falls back where the terminal cannot', async () => {
		const chat = await mountChat({handler: () => ({chunks: ['Here:\n\n```js\nconsole.log(1);\n```\n']})});
		const submit = async (line: string) => {
			await chat.type(line);
			chat.ui.stdin.write(keys.enter);
		};
		try {
			await submit('/copy');
			await chat.waitFor(f => plain(f).includes('There is no reply to copy yet.'), 'nothing yet');
			await submit('hello');
			await chat.waitFor(f => plain(f).includes('console.log(1);') && plain(f).includes('● idle'), 'the reply');
			await submit('/copy 1');
			await chat.waitFor(f => plain(f).includes('Copied code block 1 (js) of the last reply'), 'copied');
			await submit('/copy 4');
			await chat.waitFor(f => plain(f).includes('The last reply has 1 code block: use /copy 1.'), 'out of range');
			await submit('/copy three');
			await chat.waitFor(f => plain(f).includes('Use /copy (the last reply)'), 'bad argument');
			// A line that was not understood stays in the input line.
			chat.ui.stdin.write('\u0015');
			process.env['TERM_PROGRAM'] = 'Apple_Terminal';
			await submit('/copy');
			await chat.waitFor(f => plain(f).includes('Apple\'s Terminal does not let an app set the clipboard'), 'the fallback');
		} finally {
			Reflect.deleteProperty(process.env, 'TERM_PROGRAM');
			await chat.cleanup();
		}
	});

	test('/export json FILE writes the session (0600) and says where; the database itself is refused', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		const file = join(folder, 'chat export.json');
		try {
			await chat.waitFor(f => plain(f).includes('Last part of answer 20.'), 'the tail');
			await chat.type(`/export json ${file}`);
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => plain(f).includes('Exported this session as JSON to'), 'the notice');
			const exported = JSON.parse(await readFile(file, 'utf8')) as {session: {id: string}; messages: unknown[]};
			assert.equal(exported.session.id, chat.sessionId());
			assert.equal(exported.messages.length, 40);
			assert.equal((await stat(file)).mode & 0o777, 0o600);
			await chat.type(`/export md ${chat.store.path}`);
			chat.ui.stdin.write(keys.enter);
			await chat.waitFor(f => plain(f).replaceAll(/\s*│\s*/g, ' ').includes('that is the session database itself; pick another file.'), 'refused');
		} finally {
			await chat.cleanup();
		}
	});
});

describe('the JSON pane', () => {
	test('shows the system message the next request sends first, marked as sent; the title keeps the session id', async () => {
		const chat = await mountChat();
		try {
			const frame = plain(await chat.waitFor(f => plain(f).includes('"content": "Be brief."'), 'the system message'));
			const pane = frame.split('\n').map(line => line.slice(66));
			assert.match(pane[1]!, /Chat History for session_id:/);
			const role = pane.findIndex(line => line.includes('"role": "system"'));
			assert.ok(role > 0 && pane[role]!.includes('▌'), `marked:\n${pane.join('\n')}`);
			assert.match(frame, /next request: 1/);
		} finally {
			await chat.cleanup();
		}
	});

	test('a system message the session keeps (as Agno\'s do) is the one shown and marked, not repeated', async () => {
		const chat = await mountChat({
			start: {kind: 'continue'},
			seed(store) {
				const session = store.createSession('ada', 'mock');
				store.appendMessage(session.id, {role: 'system', content: 'You are Agno\'s agent.'});
				store.appendMessage(session.id, {role: 'user', content: 'hi'});
				store.appendMessage(session.id, {role: 'assistant', content: 'hello'});
			},
		});
		try {
			const frame = plain(await chat.waitFor(f => plain(f).includes('"content": "hello"'), 'the session'));
			const pane = frame.split('\n').map(line => line.slice(66));
			assert.equal(pane.filter(line => line.includes('"role": "system"')).length, 1, 'once');
			assert.ok(pane.find(line => line.includes('You are Agno'))!.includes('▌'), 'marked: the next request sends it');
			assert.ok(!frame.includes('Be brief.'), 'the app\'s prompt is not what is sent');
			assert.match(frame, /next request: 3/);
		} finally {
			await chat.cleanup();
		}
	});
});
