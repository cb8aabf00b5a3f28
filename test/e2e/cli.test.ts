import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {startMockServer, lastUserText} from '../support/mock-server.js';
import type {MockServer} from '../support/mock-server.js';
import {TmuxTerminal, shellQuote} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

// The built CLI in a real terminal (tmux), against the loopback model server.
const cli = resolve(import.meta.dirname, '../../dist/cli.js');
let dir: string;
let server: MockServer;
const terminals: TmuxTerminal[] = [];

before(async () => {
	dir = mkdtempSync(join(tmpdir(), 'agent-session-e2e-'));
	server = await startMockServer({
		handler: request => ({chunks: ['You ', 'said: ', lastUserText(request.body)], chunkDelayMs: 20}),
	});
});

after(async () => {
	for (const terminal of terminals) terminal.kill();
	await server.close();
	rmSync(dir, {recursive: true, force: true});
});

interface LaunchOptions {
	/** The database, in the test folder (default: agents.db, shared by the tests that resume each other's sessions). */
	db?: string;
	/** Keeps the app busy for a moment after the first frame that shows this text (fixtures/busy-after-frame.mjs). */
	busyAfterFrame?: string;
}

const busyFixture = join(import.meta.dirname, 'fixtures/busy-after-frame.mjs');

function launch(args: string, columns: number, rows: number, {db = 'agents.db', busyAfterFrame}: LaunchOptions = {}): TmuxTerminal {
	const node = busyAfterFrame === undefined ? [process.execPath] : [process.execPath, '--import', busyFixture];
	const terminal = TmuxTerminal.start({
		command: `${[...node, cli].map(word => shellQuote(word)).join(' ')} --db ${shellQuote(join(dir, db))} --base-url ${server.url} --model mock ${args}`,
		cwd: dir,
		columns,
		rows,
		env: busyAfterFrame === undefined ? {} : {BUSY_AFTER_FRAME: busyAfterFrame},
	});
	terminals.push(terminal);
	return terminal;
}

test('new session, reply, JSON pane, exit, restart, resume from the picker with the history window', async () => {
	const first = launch('--new', 200, 60);
	await first.waitForText('Started Session:');
	assert.ok(first.alternateScreen, 'the app runs on the alternate screen');
	first.type('hello there');
	first.keys('Enter');
	const screen = await first.waitForText('"content": "You said: hello there"');
	assert.match(screen, /Chat History for session_id: [0-9a-f-]{36}/);
	assert.match(screen, /"role": "user"/);
	assert.match(screen, /You said: hello there/);
	await first.waitForText('● idle');

	first.type('exit');
	first.keys('Enter');
	await first.waitForExit();
	assert.equal(first.exitStatus, 0);
	assert.equal(first.alternateScreen, false, 'the terminal is back on the normal screen');
	assert.match(first.screen(), /Sessions are saved in/);

	const second = launch('', 200, 60);
	await second.waitForText('hello there');
	second.keys('Down');
	second.keys('Enter');
	await second.waitForText('Continuing Session:');
	const before = server.requests.length;
	second.type('second question');
	second.keys('Enter');
	await second.waitForText('You said: second question');
	const request = server.requests.slice(before).find(r => r.path.endsWith('/chat/completions'));
	assert.ok(request, 'the model got a request');
	const {messages} = request.body as {messages: Array<{role: string; content: string}>};
	assert.deepEqual(messages.map(m => [m.role, m.content]), [
		['system', 'You are a helpful assistant. Use markdown to format your answers.'],
		['user', 'hello there'],
		['assistant', 'You said: hello there'],
		['user', 'second question'],
	]);

	second.keys('C-c');
	await second.waitForExit();
	assert.equal(second.exitStatus, 0);
	assert.equal(second.alternateScreen, false);
});

test('80×24: Ctrl+C while a reply streams leaves the terminal restored and keeps the partial reply', async () => {
	server.script({chunks: 400, chunkDelayMs: 30});
	const terminal = launch('--new', 80, 24);
	await terminal.waitForText('Started Session:');
	const chats = () => server.requests.filter(request => request.path.endsWith('/chat/completions')).length;
	const before = chats();
	terminal.type('long one please');
	terminal.keys('Enter');
	// The reply must be under way (the scripted one taken), not merely about to be requested: a script left queued
	// would answer the next test's request.
	await waitFor(() => chats() > before, {timeout: 15_000});
	await terminal.waitForText('streaming');
	terminal.keys('C-c');
	await terminal.waitForExit();
	assert.equal(terminal.exitStatus, 0);
	assert.equal(terminal.alternateScreen, false);

	const again = launch('--continue', 80, 24);
	await again.waitForText('Continuing Session:');
	await again.waitForText('(stopped)');
	again.keys('C-c');
	await again.waitForExit();
});

test('keys typed while the app starts wait for it: none lands outside the frame, none is lost', async () => {
	// The app is kept busy right after its first frame, as on a loaded machine. Keys that arrived before the app set raw
	// mode used to be echoed by the terminal onto the frame (and an Enter scrolled it a row).
	const terminal = launch('--new', 80, 24, {db: 'type-ahead.db', busyAfterFrame: '╭'});
	const key = '§'; // in no text the app shows
	let typed = 0;
	while (!terminal.screen().includes('Started Session:') && typed < 30) {
		terminal.type(key);
		typed++;
	}
	await terminal.waitForText('Started Session:');
	for (let more = 0; more < 5; more++, typed++) terminal.type(key);
	const screen = await terminal.waitForText(`› ${key.repeat(typed)}`);
	const lines = screen.replace(/\n+$/, '').split('\n');
	assert.match(lines[0]!, /^╭─+╮$/, `the frame starts on the first row:\n${screen}`);
	assert.match(lines.at(-1)!, /^● idle/, `the status bar is the last row:\n${screen}`);
	assert.deepEqual(lines.filter(line => line.includes(key)), [`user › ${key.repeat(typed)}`], `the typed keys are in the composer only:\n${screen}`);
	terminal.keys('C-c');
	await terminal.waitForExit();
	assert.equal(terminal.exitStatus, 0);
});

test('keys typed the moment a session opens from the picker reach its composer', async () => {
	const db = 'picker-keys.db';
	const first = launch('--new', 120, 30, {db});
	await first.waitForText('Started Session:');
	first.type('an earlier question');
	first.keys('Enter');
	await first.waitForText('You said: an earlier question');
	first.keys('C-c');
	await first.waitForExit();

	// Busy right after the chat's first frame: the composer used to start listening for keys only after that, in a
	// React effect, and keys read before then were lost.
	const second = launch('', 120, 30, {db, busyAfterFrame: 'Continuing Session:'});
	await second.waitForText('an earlier question');
	second.keys('Down', 'Enter');
	await second.waitForText('Continuing Session:');
	second.type('typed at once');
	await second.waitForText('› typed at once');
	second.keys('C-c');
	await second.waitForExit();
	assert.equal(second.exitStatus, 0);
});

test('a --db that cannot be used is named on stderr without the control sequences its name holds, and nothing starts', async () => {
	const name = 'bad\u001B]2;owned\u0007\u001B[2Jname';
	mkdirSync(join(dir, name)); // a folder: refused
	const errors = join(dir, 'refused.txt');
	const terminal = TmuxTerminal.start({
		command: `${[process.execPath, cli].map(word => shellQuote(word)).join(' ')} --db "$(printf 'bad\\033]2;owned\\007\\033[2Jname')" 2>${shellQuote(errors)}`,
		cwd: dir,
		columns: 100,
		rows: 24,
	});
	terminals.push(terminal);
	await terminal.waitForExit();
	assert.equal(terminal.exitStatus, 2);
	const line = readFileSync(errors, 'utf8').split('\n').find(text => text.includes('agent-session:'));
	assert.equal(line, `agent-session: Cannot use ${join(dir, 'badname')} as the database: it is a folder, not a regular file; pass --db with a regular file or a path that does not exist yet.`);
});
