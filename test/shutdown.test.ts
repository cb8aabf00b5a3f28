import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {openSessionStore} from '../source/store/index.js';
import type {SessionStore} from '../source/store/types.js';
import {OpenAIModel} from '../source/llm/openai-model.js';
import {ChatTurns} from '../source/hooks/chat-turns.js';
import {Shutdown} from '../source/shutdown.js';
import type {ShutdownOptions} from '../source/shutdown.js';
import {startMockServer} from './support/mock-server.js';
import type {MockServer} from './support/mock-server.js';
import {waitFor} from './support/wait-for.js';
import {tempFolder} from './store/temp-folder.js';

let server: MockServer;
before(async () => {
	server = await startMockServer();
});
after(async () => server.close());

class Exited extends Error {
	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}

interface Setup {
	folder: string;
	store: SessionStore;
	turns: ChatTurns;
	shutdown: Shutdown;
	out: string[];
	errors: string[];
	ui: {unmounts: number};
	sessionId: string;
}

async function setup(overrides: Partial<ShutdownOptions> = {}, store?: SessionStore): Promise<Setup> {
	const folder = await tempFolder();
	const opened = store ?? await openSessionStore(join(folder, 'agents.db'));
	const model = new OpenAIModel({model: 'mock', baseURL: server.url, stallTimeoutMs: 5000, maxRetries: 0});
	const turns = new ChatTurns({store: opened, model, systemPrompt: '', historyExchanges: 3});
	const out: string[] = [];
	const errors: string[] = [];
	const shutdown = new Shutdown({
		print: text => out.push(text),
		warn: text => errors.push(text),
		exit(code): never {
			throw new Exited(code);
		},
		...overrides,
	});
	const ui = {unmounts: 0};
	shutdown.attach({
		unmount() {
			ui.unmounts++;
		},
		waitUntilExit: async () => undefined,
	});
	shutdown.opened({store: opened, turns});
	return {folder, store: opened, turns, shutdown, out, errors, ui, sessionId: opened.createSession('ada', 'mock').id};
}

const exitsWith = (code: number) => (error: unknown) => error instanceof Exited && error.code === code;

/** Makes every later save of the store fail: its folder is gone and a file stands in its place. */
async function breakTheDisk(folder: string, store: SessionStore): Promise<void> {
	await store.save();
	await rm(folder, {recursive: true, force: true, maxRetries: 10});
	await writeFile(folder, 'not a folder');
}

test('a signal mid-reply keeps the partial reply as stopped, saves, unmounts and exits 0', async () => {
	const {store, turns, shutdown, out, ui, sessionId} = await setup();
	server.script({chunks: 300, chunksPerSecond: 60});
	const deltas: string[] = [];
	turns.subscribe(action => {
		if (action.type === 'streamDelta') deltas.push(action.text);
	});
	turns.send(sessionId, 'tell me more');
	await waitFor(() => deltas.length > 0, {timeout: 5000});
	await assert.rejects(shutdown.run({kind: 'signal', signal: 'SIGTERM'}), exitsWith(0));
	assert.equal(ui.unmounts, 1);
	assert.match(out.join(''), /Sessions are saved in .*agents\.db/);
	const reopened = await openSessionStore(store.path);
	const messages = reopened.getSession(sessionId)!.messages;
	assert.deepEqual(messages.map(m => [m.role, m.status]), [['user', 'complete'], ['assistant', 'stopped']]);
	assert.ok(messages[1]!.content.startsWith(deltas.join('')), 'what was on screen is what is kept');
	await reopened.close();
});

test('quit runs the UI\'s tidy-up before the save: an empty session is dropped', async () => {
	const {store, shutdown, sessionId} = await setup();
	shutdown.setLeaving(() => {
		store.deleteSession(sessionId);
	});
	await assert.rejects(shutdown.quit(), exitsWith(0));
	const reopened = await openSessionStore(store.path);
	assert.equal(reopened.getSession(sessionId), undefined);
	await reopened.close();
});

test('a quit whose save fails stays and says how much and why; a recovery file then keeps it and exits 1', async () => {
	const {folder, store, shutdown, sessionId, errors, ui} = await setup();
	await breakTheDisk(folder, store);
	store.appendMessage(sessionId, {role: 'user', content: 'unsaved'});
	const unsaved = await shutdown.quit();
	assert.equal(unsaved.messages, 1);
	assert.ok(unsaved.reason.length > 0);
	assert.equal(ui.unmounts, 0, 'the app stays to ask');
	await assert.rejects(shutdown.quitWithRecoveryFile(), exitsWith(1));
	assert.equal(ui.unmounts, 1);
	const said = errors.join('');
	const file = /are in (\S+\.json);/.exec(said)?.[1];
	assert.ok(file, said);
	assert.match(await readFile(file, 'utf8'), /"unsaved"/);
	await rm(file, {force: true});
	await rm(folder, {force: true});
});

test('quitting without saving says what was dropped and exits 1', async () => {
	const {folder, store, shutdown, sessionId, errors} = await setup();
	await breakTheDisk(folder, store);
	store.appendMessage(sessionId, {role: 'user', content: 'gone'});
	const unsaved = await shutdown.quit();
	await assert.rejects(shutdown.quitWithoutSaving(unsaved.reason), exitsWith(1));
	assert.match(errors.join(''), /1 message were not saved|1 message was not saved|not saved .*quit without them/);
	await rm(folder, {force: true});
});

test('a signal while saving fails writes a recovery file, names it and exits 1', async () => {
	const {folder, store, shutdown, sessionId, errors} = await setup({timeoutMs: 2000});
	await breakTheDisk(folder, store);
	store.appendMessage(sessionId, {role: 'user', content: 'kept somewhere'});
	await assert.rejects(shutdown.run({kind: 'signal', signal: 'SIGHUP'}), exitsWith(1));
	const said = errors.join('');
	assert.match(said, /recover/);
	const file = /they are in (\S+\.json),/.exec(said)?.[1];
	assert.ok(file, said);
	await rm(file, {force: true});
	await rm(folder, {force: true});
});

test('a crash unmounts first, says what crashed, and exits 1 even when the save works', async () => {
	const {shutdown, errors, ui} = await setup();
	await assert.rejects(shutdown.run({kind: 'crash', error: new Error('boom')}), exitsWith(1));
	assert.ok(ui.unmounts >= 1);
	assert.match(errors.join(''), /agent-session: boom/);
});

test('a database that cannot be used is refused with its sentence and code', async () => {
	const shutdown = new Shutdown({
		print: () => undefined,
		warn(text) {
			said.push(text);
		},
		exit(code): never {
			throw new Exited(code);
		},
	});
	const said: string[] = [];
	await assert.rejects(shutdown.refuse('Cannot use x: it is a FIFO.', 2), exitsWith(2));
	assert.deepEqual(said, ['agent-session: Cannot use x: it is a FIFO.\n']);
});

test('a second signal while shutting down leaves at once', async () => {
	const {shutdown, errors} = await setup();
	const first = shutdown.run({kind: 'signal', signal: 'SIGTERM'});
	await assert.rejects(shutdown.run({kind: 'signal', signal: 'SIGTERM'}), exitsWith(1));
	assert.match(errors.join(''), /SIGTERM again/);
	await assert.rejects(first, exitsWith(0));
});
