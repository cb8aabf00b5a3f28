// The real app in a VT emulator, for the tests that read the screen a person sees: a real store on a temp file, the
// real OpenAIModel against the loopback server, Ink with the app's own render options.
import {after, before} from 'node:test';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Instance} from 'ink';
import type {StartMode} from '../../source/config.js';
import {ChatTurns} from '../../source/hooks/chat-turns.js';
import {OpenAIModel} from '../../source/llm/openai-model.js';
import {resolveStart} from '../../source/start.js';
import {openSessionStore} from '../../source/store/index.js';
import type {SessionStore} from '../../source/store/types.js';
import {App} from '../../source/ui/App.js';
import {renderApp} from '../../source/ui/render-app.js';
import {recordedExit} from './app-exit.js';
import type {EmulatedTerminal} from './emulator.js';
import {startMockServer} from './mock-server.js';
import type {MockServer} from './mock-server.js';
import {waitFor} from './wait-for.js';

export interface AppFixture {
	readonly store: SessionStore;
	readonly server: MockServer;
}

/** A store in a temp folder and a loopback server for a test file: made before its tests, removed after them. */
export function appFixture(prefix: string): AppFixture {
	let dir: string | undefined;
	let store: SessionStore | undefined;
	let server: MockServer | undefined;
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), prefix));
		store = await openSessionStore(join(dir, 'agents.db'));
		server = await startMockServer();
	});
	after(async () => {
		await store?.close().catch(() => undefined);
		await server?.close();
		if (dir !== undefined) await rm(dir, {recursive: true, force: true});
	});
	const ready = <T,>(value: T | undefined): T => {
		if (value === undefined) throw new Error('The app fixture is used before its `before` hook ran.');
		return value;
	};
	return {
		get store() {
			return ready(store);
		},
		get server() {
			return ready(server);
		},
	};
}

/** The model the emulated app asks: the loopback server at `baseURL`, as the app would make it. */
export function loopbackModel(baseURL: string): OpenAIModel {
	return new OpenAIModel({model: 'mock', baseURL, stallTimeoutMs: 10_000, maxRetries: 0});
}

/** Renders the app for ada into `term`, starting as `start` says (a new session by default). */
export function renderInEmulator(term: EmulatedTerminal, store: SessionStore, baseURL: string, start: StartMode = {kind: 'new'}): Instance {
	const model = loopbackModel(baseURL);
	const initial = resolveStart(store, {start, user: 'ada'}, model.name);
	const turns = new ChatTurns({store, model, systemPrompt: 'Be brief.', historyExchanges: 3});
	return renderApp(<App store={store} model={model} turns={turns} exit={recordedExit()} user="ada" historyExchanges={3} initial={initial} />, term.streams);
}

/** Waits (10 s at most) until everything written is parsed and the screen satisfies `predicate`, or holds `text`. */
export async function screenShows(term: EmulatedTerminal, expected: string | ((screen: string) => boolean), what = String(expected)): Promise<void> {
	const predicate = typeof expected === 'string' ? (screen: string) => screen.includes(expected) : expected;
	await waitFor(async () => {
		await term.settled();
		return predicate(term.screen());
	}, {timeout: 10_000, message: () => `waiting for ${what} on:\n${term.screen()}`});
}
