/**
 * Reading and copying through a VT emulator, with the raw bytes the app writes: the zoomed view holds only message
 * text (no border, no JSON pane, no status bar) and turns mouse reporting off; /copy writes exactly one OSC 52 per
 * copy, and content with an OSC 52 in it never writes one.
 */

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Instance} from 'ink';
import {openSessionStore} from '../../source/store/index.js';
import type {SessionStore} from '../../source/store/types.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import {ChatTurns} from '../../source/hooks/chat-turns.js';
import {resolveStart} from '../../source/start.js';
import {renderApp} from '../../source/ui/render-app.js';
import {App} from '../../source/ui/App.js';
import {messageLines} from '../../source/ui/chat/transcript-lines.js';
import {sanitize} from '../../source/ui/text/sanitize.js';
import {exportText} from '../../source/commands/export.js';
import {startMockServer} from '../support/mock-server.js';
import type {MockServer} from '../support/mock-server.js';
import {EmulatedTerminal} from '../support/emulator.js';
import {recordedExit} from '../support/app-exit.js';
import {waitFor} from '../support/wait-for.js';
import {stripAnsi} from '../ui/text/ansi.js';

const altZ = '\u001Bz';
const mouseOn = '\u001B[?1000h';
const mouseOff = '\u001B[?1000l';
const osc52Start = '\u001B]52;';

let dir: string;
let store: SessionStore;
let server: MockServer;

before(async () => {
	// A terminal that takes OSC 52, whatever the machine running the tests is.
	for (const name of ['TMUX', 'TERM_PROGRAM']) Reflect.deleteProperty(process.env, name);
	process.env['TERM'] = 'xterm-256color';
	dir = await mkdtemp(join(tmpdir(), 'reading-frames-'));
	store = await openSessionStore(join(dir, 'agents.db'));
	server = await startMockServer();
});

after(async () => {
	await store.close().catch(() => undefined);
	await server.close();
	await rm(dir, {recursive: true, force: true});
});

const borders = /[│╭╮╰╯─]/;

/** Long prose, a nested list, CJK and emoji: no code block or table, whose own frames are part of the message. */
function seedLongSession(): string {
	const session = store.createSession('ada', 'mock');
	for (let index = 1; index <= 8; index++) {
		store.appendMessage(session.id, {role: 'user', content: `Question ${index}: tell me about 漢字 and 🎉.`});
		store.appendMessage(session.id, {
			role: 'assistant',
			content: `Answer ${index}. ${'A sentence long enough to wrap at any width, with 日本語のテキスト and emoji 😀 in it. '.repeat(3)}\n\n- first point\n  - a nested point, also long enough to wrap somewhere on a narrow screen\n- second point\n\nThe end of answer ${index}.`,
		});
	}
	return session.id;
}

function chatModel(): OpenAIModel {
	return new OpenAIModel({model: 'mock', baseURL: server.url, stallTimeoutMs: 10_000, maxRetries: 0});
}

async function mount(term: EmulatedTerminal, sessionId: string): Promise<Instance> {
	const model = chatModel();
	const initial = resolveStart(store, {start: {kind: 'session', id: sessionId}, user: 'ada'}, model.name);
	const turns = new ChatTurns({store, model, systemPrompt: 'Be brief.', historyExchanges: 3});
	return renderApp(<App store={store} model={model} turns={turns} exit={recordedExit()} user="ada" historyExchanges={3} initial={initial} />, term.streams);
}

async function showing(term: EmulatedTerminal, predicate: (screen: string) => boolean, what: string): Promise<void> {
	await waitFor(async () => {
		await term.settled();
		return predicate(term.screen());
	}, {timeout: 10_000, message: () => `waiting for ${what} on:\n${term.screen()}`});
}

/** Every line the zoomed transcript can show at `columns`, without styles. */
function messageText(sessionId: string, columns: number): Set<string> {
	const lines = store.getSession(sessionId)!.messages.flatMap(message => messageLines(message, 'ada', chatModel().label, columns));
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
		app = await mount(term, sessionId);
		await showing(term, screen => screen.includes('The end of answer 8.') && screen.includes('Continuing Session'), 'the session');
		assert.ok(term.writes.some(write => write.includes(mouseOn)), 'the wheel is on in the panes');
		const beforeZoom = term.writes.length;
		term.type(altZ);
		await showing(term, screen => screen.includes('Zoom: Esc'), 'the zoomed view');
		assertZoomed(term, sessionId, 'zoomed');
		assert.ok(term.writes.slice(beforeZoom).some(write => write.includes(mouseOff)), 'mouse reporting is off while zoomed');

		term.resize(80, 24);
		await showing(term, screen => screen.split('\n')[22]?.startsWith('Zoom: Esc') === true, 'the zoomed view at 80×24');
		assertZoomed(term, sessionId, 'zoomed after a resize');

		// PgUp scrolls the zoomed view as it does the pane; rows stay message text.
		term.type('\u001B[5~');
		await showing(term, screen => /↓ \d+ more/.test(screen), 'scrolled up');
		for (const row of term.lines().slice(0, 22)) assert.doesNotMatch(row, borders);

		const beforeLeave = term.writes.length;
		term.type('\u001B');
		await showing(term, screen => screen.includes('ada › ') && screen.startsWith('╭'), 'the pane and the input line again');
		assert.ok(term.writes.slice(beforeLeave).some(write => write.includes(mouseOn)), 'the wheel is back on');
	} finally {
		app?.unmount();
		await term.settled();
		term.dispose();
	}
});

test('/copy writes one OSC 52 per copy; a reply with an OSC 52 in it never reaches the terminal as one', async () => {
	const hostile = 'Here you go.\u001B]52;c;cHduZWQ=\u0007\n\n```sh\necho one\n```\n\nAnd:\n\n```python\nprint("two")\n```\n';
	const session = store.createSession('ada', 'mock');
	store.appendMessage(session.id, {role: 'user', content: 'Give me code'});
	store.appendMessage(session.id, {role: 'assistant', content: hostile});
	const term = new EmulatedTerminal(120, 30);
	let app: Instance | undefined;
	// eslint-disable-next-line no-control-regex -- the escape sequence is what is looked for
	const sequences = () => term.writes.flatMap(write => [...write.matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map(match => Buffer.from(match[1]!, 'base64').toString('utf8')));
	const submit = async (line: string, notice: RegExp) => {
		for (const char of line) term.type(char);
		term.type('\r');
		await showing(term, screen => notice.test(screen), `the notice of ${line}`);
	};
	try {
		app = await mount(term, session.id);
		await showing(term, screen => screen.includes('Here you go.'), 'the reply');
		assert.ok(!term.writes.some(write => write.includes(osc52Start)), 'showing the reply wrote no OSC 52');

		await submit('/copy', /Copied the last reply \(\d+ characters\) to the clipboard\./);
		await submit('/copy 2', /Copied code block 2 \(python\) of the last reply \(12 characters/);
		await submit('/copy all', /Copied the whole session as markdown/);
		assert.deepEqual(sequences(), [sanitize(hostile), 'print("two")', sanitize(exportText(store.getSession(session.id)!, 'md'))]);
		assert.ok(!sequences()[0]!.includes('\u001B'), 'the copied reply holds no escape');
		assert.equal(term.writes.filter(write => write.includes(osc52Start)).length, 3, 'one sequence per copy, and no other');
	} finally {
		app?.unmount();
		await term.settled();
		term.dispose();
	}
});
