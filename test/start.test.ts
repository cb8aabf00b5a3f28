import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {spawnSync} from 'node:child_process';
import {openSessionStore} from '../source/store/index.js';
import type {SessionStore} from '../source/store/types.js';
import {resolveStart, StartError} from '../source/start.js';
import {TmuxTerminal} from './support/tmux.js';

let dir: string;
let store: SessionStore;

before(async () => {
	dir = mkdtempSync(join(tmpdir(), 'agent-session-start-'));
	store = await openSessionStore(join(dir, 'agents.db'));
});

after(async () => {
	await store.close();
	rmSync(dir, {recursive: true, force: true});
});

describe('where the app opens', () => {
	test('no flag: the picker', () => {
		assert.deepEqual(resolveStart(store, {start: {kind: 'picker'}, user: 'ada'}, 'gpt-4o'), {kind: 'picker'});
	});

	test('--continue with nothing saved starts a new session with the model in use', () => {
		const start = resolveStart(store, {start: {kind: 'continue'}, user: 'nobody'}, 'offline');
		assert.equal(start.kind, 'session');
		assert.ok(start.kind === 'session' && !start.resumed);
		assert.equal(start.kind === 'session' && start.opened.session.model, 'offline');
	});

	test('--continue resumes the most recent session of that user only', () => {
		const older = store.createSession('ada', 'gpt-4o');
		store.appendMessage(older.id, {role: 'user', content: 'older'});
		const newer = store.createSession('ada', 'gpt-4o');
		store.appendMessage(newer.id, {role: 'user', content: 'newer'});
		const other = store.createSession('bob', 'gpt-4o');
		store.appendMessage(other.id, {role: 'user', content: 'bob'});
		const start = resolveStart(store, {start: {kind: 'continue'}, user: 'ada'}, 'gpt-4o');
		assert.ok(start.kind === 'session' && start.resumed);
		assert.equal(start.kind === 'session' && start.opened.session.id, newer.id);
		assert.deepEqual(start.kind === 'session' && start.opened.messages.map(m => m.content), ['newer']);
	});

	test('--session ID opens it; an unknown id or another user\'s session is an error naming the flag', () => {
		const mine = store.createSession('ada', 'gpt-4o');
		const start = resolveStart(store, {start: {kind: 'session', id: mine.id}, user: 'ada'}, 'gpt-4o');
		assert.ok(start.kind === 'session' && start.resumed && start.opened.session.id === mine.id);
		assert.throws(() => resolveStart(store, {start: {kind: 'session', id: 'nope'}, user: 'ada'}, 'gpt-4o'), (error: unknown) => error instanceof StartError && /--session nope: no such session for user "ada"/.test(error.message));
		assert.throws(() => resolveStart(store, {start: {kind: 'session', id: mine.id}, user: 'bob'}, 'gpt-4o'), StartError);
	});
});

describe('the CLI on bad sessions and bad database files', () => {
	const cli = resolve(import.meta.dirname, '../dist/cli.js');
	// Through pipes a start asks once (the full-screen app needs a terminal): the same checks of --session and --db apply.
	const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], {cwd: dir, encoding: 'utf8', input: 'hello'});

	test('--session with an unknown id: exit 2, one sentence', () => {
		const result = run(['--db', join(dir, 'agents.db'), '--session', 'no-such-id']);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /^agent-session: --session no-such-id: no such session/);
	});

	test('a file that is not an agent-session database is refused and left byte for byte', () => {
		const junk = join(dir, 'notes.db');
		writeFileSync(junk, 'these are my notes, not a database\n'.repeat(100));
		const before = readFileSync(junk);
		const mtime = statSync(junk).mtimeMs;
		const result = run(['--db', junk]);
		assert.notEqual(result.status, 0);
		assert.match(result.stderr, /is not an agent-session database/);
		assert.equal(result.stderr.trim().split('\n').length, 1);
		assert.deepEqual(readFileSync(junk), before);
		assert.equal(statSync(junk).mtimeMs, mtime);
	});

	test('with piped input it asks once instead of drawing a screen; empty input is bad usage', () => {
		const result = spawnSync(process.execPath, [cli, '--db', join(dir, 'piped', 'agents.db')], {cwd: dir, encoding: 'utf8', input: ''});
		assert.equal(result.status, 2);
		assert.equal(result.stderr, 'agent-session: Nothing to ask: the input was empty; pipe in a question or give it as an argument.\n');
		assert.equal(existsSync(join(dir, 'piped')), false);
	});

	test('with a terminal for input but not for output it says so instead of drawing garbage', async () => {
		const output = join(dir, 'redirected.txt');
		const terminal = TmuxTerminal.start({command: `${process.execPath} ${cli} --db ${join(dir, 'agents.db')} > ${output}`, cwd: dir});
		try {
			await terminal.waitForExit();
			assert.equal(terminal.exitStatus, 2);
			assert.match(terminal.screen().replaceAll('\n', ''), /the chat needs a terminal: to print one reply instead, run agent-session ask/);
			assert.equal(readFileSync(output, 'utf8'), '');
		} finally {
			terminal.kill();
		}
	});
});
