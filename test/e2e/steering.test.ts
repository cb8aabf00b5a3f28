import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {startMockServer, lastUserText} from '../support/mock-server.js';
import type {MockServer} from '../support/mock-server.js';
import {shellQuote, TmuxTerminal} from '../support/tmux.js';

// Steering the conversation in the built CLI, in a real terminal (tmux), against the loopback server: the queue while
// a reply streams, retry, edit and fork, /model from the server's list, and the picker you type into.
const cli = resolve(import.meta.dirname, '../../dist/cli.js');
let dir: string;
let server: MockServer;
const terminals: TmuxTerminal[] = [];

before(async () => {
	dir = mkdtempSync(join(tmpdir(), 'agent-session-steering-'));
	server = await startMockServer({
		handler: request => ({chunks: ['You ', 'said: ', lastUserText(request.body)], chunkDelayMs: 20}),
		models: ['mock', 'qwen3:8b', 'llama3.2'],
	});
});

after(async () => {
	for (const terminal of terminals) terminal.kill();
	await server.close();
	rmSync(dir, {recursive: true, force: true});
});

function launch(args: string): TmuxTerminal {
	const terminal = TmuxTerminal.start({
		command: `${shellQuote(process.execPath)} ${shellQuote(cli)} --db ${shellQuote(join(dir, 'agents.db'))} --base-url ${server.url} --model mock ${args}`,
		cwd: dir,
		columns: 160,
		rows: 48,
	});
	terminals.push(terminal);
	return terminal;
}

/**
 * Waits until the app reads keys itself. It turns the terminal's raw mode on in an effect that runs just after its
 * first frame; keys typed before that go through the terminal's line editing (Enter arrives as a line feed: a new line
 * in the input line, not a send). Under load that gap is long enough for tmux to type into.
 */
async function readyForKeys(app: TmuxTerminal): Promise<void> {
	app.type('x');
	await app.waitForScreen(screen => /user › x\b/.test(screen), 'the probe key in the input line');
	app.keys('BSpace');
	await app.waitForScreen(screen => /user › +Message —/.test(screen), 'the probe key erased');
}

type Body = {model: string; messages: Array<{role: string; content: string}>};
const chats = (): Body[] => server.requests.filter(request => request.path.endsWith('/chat/completions')).map(request => request.body as Body);

test('queue, retry, fork, /model and the typing picker, end to end', async () => {
	const app = launch('--new');
	await app.waitForText('Started Session:');
	await readyForKeys(app);

	// The queue: Enter while a reply streams queues the message; it is sent when the reply ends.
	server.script({chunks: 60, chunksPerSecond: 30});
	app.type('a slow one');
	app.keys('Enter');
	await app.waitForText('streaming…');
	app.type('the queued one');
	app.keys('Enter');
	await app.waitForText('queued 1/1: the queued one');
	await app.waitForText('You said: the queued one', 20_000);
	await app.waitForText('● idle');
	assert.deepEqual(chats().map(body => lastUserText(body)), ['a slow one', 'the queued one']);

	// Retry: Ctrl+R asks again for the last reply; the old one stays as an alternative.
	server.script({chunks: ['A second answer.']});
	app.keys('C-r');
	await app.waitForScreen(screen => screen.includes('A second answer.') && screen.includes('‹ 2/2 ›'), 'the regenerated reply');
	assert.deepEqual(chats().at(-1)?.messages, chats().at(-2)?.messages, 'the same request again');
	app.keys('Left');
	await app.waitForText('‹ 1/2 ›');

	// /model: the server's list; the chosen one is used for the next request and shown in the status bar.
	app.type('/model');
	app.keys('Enter');
	await app.waitForText('The server lists 3 models.');
	app.keys('Down');
	await app.waitForText('› qwen3:8b');
	app.keys('Enter');
	await app.waitForText('Model for this session: qwen3:8b');
	await app.waitForText('qwen3:8b @ 127.0.0.1');

	// Edit and fork: Alt+E selects the last message of yours, Enter edits it, Enter sends it in a new session.
	app.keys('M-e');
	await app.waitForText('edit (new session)');
	app.keys('Enter');
	await app.waitForText('Editing an earlier message');
	app.type(' (edited)');
	app.keys('Enter');
	await app.waitForScreen(screen => screen.includes('Forked Session:') && screen.includes('You said: the queued one (edited)'), 'the fork and its reply');
	assert.equal(chats().at(-1)?.model, 'qwen3:8b', 'a fork keeps the session\'s model');
	await app.waitForText('● idle');

	// The typing picker: letters filter (never run commands), Enter opens the match.
	app.keys('C-o');
	await app.waitForText('Type to filter');
	app.type('second answer');
	await app.waitForScreen(screen => screen.includes('/ second answer') && screen.includes('1 match'), 'the search');
	assert.doesNotMatch(app.screen(), /\(fork\)/, 'the fork has the messages before the edited one only');
	app.keys('Enter');
	await app.waitForText('Continuing Session:');
	await app.waitForText('You said: the queued one');

	app.keys('C-c');
	await app.waitForExit();
	assert.equal(app.exitStatus, 0);
});
