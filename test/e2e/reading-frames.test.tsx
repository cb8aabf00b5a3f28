/**
 * Reading and copying through a VT emulator, with the raw bytes the app writes: the zoomed view holds only message
 * text (no border, no JSON pane, no status bar) and turns mouse reporting off; /copy writes exactly one OSC 52 per
 * copy, and content with an OSC 52 in it never writes one.
 */

import {before, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Instance} from 'ink';
import {messageLines} from '../../source/ui/chat/transcript-lines.js';
import {sanitize} from '../../source/ui/text/sanitize.js';
import {exportText} from '../../source/commands/export.js';
import {appFixture, loopbackModel, renderInEmulator, screenShows} from '../support/emulated-app.js';
import {EmulatedTerminal} from '../support/emulator.js';
import {stripAnsi} from '../ui/text/ansi.js';

const altZ = '\u001Bz';
const mouseOn = '\u001B[?1000h';
const mouseOff = '\u001B[?1000l';
const osc52Start = '\u001B]52;';

before(() => {
	// A terminal that takes OSC 52, whatever the machine running the tests is.
	for (const name of ['TMUX', 'TERM_PROGRAM']) Reflect.deleteProperty(process.env, name);
	process.env['TERM'] = 'xterm-256color';
});

const fixture = appFixture('reading-frames-');

const borders = /[│╭╮╰╯─]/;

/** Long prose, a nested list, CJK and emoji: no code block or table, whose own frames are part of the message. */
function seedLongSession(): string {
	const session = fixture.store.createSession('ada', 'mock');
	for (let index = 1; index <= 8; index++) {
		fixture.store.appendMessage(session.id, {role: 'user', content: `Question ${index}: tell me about 漢字 and 🎉.`});
		fixture.store.appendMessage(session.id, {
			role: 'assistant',
			content: `Answer ${index}. ${'A sentence long enough to wrap at any width, with 日本語のテキスト and emoji 😀 in it. '.repeat(3)}\n\n- first point\n  - a nested point, also long enough to wrap somewhere on a narrow screen\n- second point\n\nThe end of answer ${index}.`,
		});
	}
	return session.id;
}

function mount(term: EmulatedTerminal, sessionId: string): Instance {
	return renderInEmulator(term, fixture.store, fixture.server.url, {kind: 'session', id: sessionId});
}

/** Every line the zoomed transcript can show at `columns`, without styles. */
function messageText(sessionId: string, columns: number): Set<string> {
	const lines = fixture.store.getSession(sessionId)!.messages.flatMap(message => messageLines(message, 'ada', loopbackModel(fixture.server.url).label, columns));
	return new Set(lines.map(line => stripAnsi(line).trimEnd()));
}

function assertZoomed(term: EmulatedTerminal, sessionId: string, what: string): void {
	const lines = term.lines();
	const context = `${what} at ${term.columns}×${term.rows}:\n${lines.join('\n')}`;
	// The text is wrapped a column short of the edge (see zoomWidth).
	const text = messageText(sessionId, term.columns - 1);
	// The frame is one row shorter than the terminal; its last row is the hint.
	const rows = lines.slice(0, term.rows - 2);
	assert.match(lines[term.rows - 2]!, /^Zoom: Esc/, context);
	assert.equal(lines[term.rows - 1], '', context);
	for (const [index, row] of rows.entries()) {
		assert.doesNotMatch(row, borders, `row ${index} has no border; ${context}`);
		assert.ok(text.has(row), `row ${index} is a line of a message: ${JSON.stringify(row)}; ${context}`);
	}
	assert.ok(rows.some(row => row.includes('The end of answer 8.')), `the newest message shows; ${context}`);
	assert.ok(!lines.some(line => /"role"|ada › |● idle|Chat History/.test(line)), `no JSON pane, input line or status bar; ${context}`);
}

test('zoomed at 200×60 and 80×24, the screen holds only message text, and the mouse is given back meanwhile', async () => {
	const sessionId = seedLongSession();
	const term = new EmulatedTerminal(200, 60);
	let app: Instance | undefined;
	try {
		app = mount(term, sessionId);
		await screenShows(term, screen => screen.includes('The end of answer 8.') && screen.includes('Continuing Session'), 'the session');
		assert.ok(term.writes.some(write => write.includes(mouseOn)), 'the wheel is on in the panes');
		const beforeZoom = term.writes.length;
		term.type(altZ);
		await screenShows(term, screen => screen.includes('Zoom: Esc'), 'the zoomed view');
		assertZoomed(term, sessionId, 'zoomed');
		assert.ok(term.writes.slice(beforeZoom).some(write => write.includes(mouseOff)), 'mouse reporting is off while zoomed');

		term.resize(80, 24);
		await screenShows(term, screen => screen.split('\n')[22]?.startsWith('Zoom: Esc') === true, 'the zoomed view at 80×24');
		assertZoomed(term, sessionId, 'zoomed after a resize');

		// PgUp scrolls the zoomed view as it does the pane; rows stay message text.
		term.type('\u001B[5~');
		await screenShows(term, screen => /↓ \d+ more/.test(screen), 'scrolled up');
		for (const row of term.lines().slice(0, 22)) assert.doesNotMatch(row, borders);

		const beforeLeave = term.writes.length;
		term.type('\u001B');
		await screenShows(term, screen => screen.includes('ada › ') && screen.startsWith('╭'), 'the pane and the input line again');
		assert.ok(term.writes.slice(beforeLeave).some(write => write.includes(mouseOn)), 'the wheel is back on');
	} finally {
		app?.unmount();
		await term.settled();
		term.dispose();
	}
});

test('/copy writes one OSC 52 per copy; a reply with an OSC 52 in it never reaches the terminal as one', async () => {
	const hostile = 'Here you go.\u001B]52;c;cHduZWQ=\u0007\n\n```sh\necho one\n```\n\nAnd:\n\n```python\nprint("two")\n```\n';
	const session = fixture.store.createSession('ada', 'mock');
	fixture.store.appendMessage(session.id, {role: 'user', content: 'Give me code'});
	fixture.store.appendMessage(session.id, {role: 'assistant', content: hostile});
	const term = new EmulatedTerminal(120, 30);
	let app: Instance | undefined;
	// eslint-disable-next-line no-control-regex -- the escape sequence is what is looked for
	const sequences = () => term.writes.flatMap(write => [...write.matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map(match => Buffer.from(match[1]!, 'base64').toString('utf8')));
	const submit = async (line: string, notice: RegExp) => {
		for (const char of line) term.type(char);
		term.type('\r');
		await screenShows(term, screen => notice.test(screen), `the notice of ${line}`);
	};
	try {
		app = mount(term, session.id);
		await screenShows(term, screen => screen.includes('Here you go.'), 'the reply');
		assert.ok(!term.writes.some(write => write.includes(osc52Start)), 'showing the reply wrote no OSC 52');

		await submit('/copy', /Copied the last reply \(\d+ characters\) to the clipboard\./);
		await submit('/copy 2', /Copied code block 2 \(python\) of the last reply \(12 characters/);
		await submit('/copy all', /Copied the whole session as markdown/);
		assert.deepEqual(sequences(), [sanitize(hostile), 'print("two")', sanitize(exportText(fixture.store.getSession(session.id)!, 'md'))]);
		assert.ok(!sequences()[0]!.includes('\u001B'), 'the copied reply holds no escape');
		assert.equal(term.writes.filter(write => write.includes(osc52Start)).length, 3, 'one sequence per copy, and no other');
	} finally {
		app?.unmount();
		await term.settled();
		term.dispose();
	}
});
