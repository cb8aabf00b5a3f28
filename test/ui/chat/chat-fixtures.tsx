/** A real store on a temp file, the loopback model server, and the whole App mounted in ink-testing-library. */

import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {openSessionStore} from '../../../source/store/index.js';
import type {SessionStore} from '../../../source/store/types.js';
import {OpenAIModel} from '../../../source/llm/openai-model.js';
import {ChatTurns} from '../../../source/hooks/chat-turns.js';
import {resolveStart} from '../../../source/start.js';
import type {StartMode} from '../../../source/config.js';
import {App} from '../../../source/ui/App.js';
import {startMockServer} from '../../support/mock-server.js';
import type {MockHandler, MockServer} from '../../support/mock-server.js';
import {waitForFrame} from '../../support/wait-for.js';
import {recordedExit} from '../../support/app-exit.js';
import type {RecordedExit} from '../../support/app-exit.js';

export const keys = {
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	ctrlT: '\u0014',
	ctrlO: '\u000F',
	ctrlN: '\u000E',
	pageUp: '\u001B[5~',
	end: '\u001B[F',
	arrowUp: '\u001B[A',
	ctrlX: '\u0018',
} as const;

/**
 * React runs effects (Ink's input subscriptions among them) on the next turn of the event loop
 * after a frame is painted; a key written in between would reach the previous screen's handlers.
 * A person cannot type that fast, so tests let those effects run before the next key.
 */
async function settle(): Promise<void> {
	for (let turn = 0; turn < 3; turn++) await new Promise(resolve => setImmediate(resolve));
}

export interface ChatHarness {
	store: SessionStore;
	server: MockServer;
	/** The app's way out, recorded: a quit never ends the test. */
	exit: RecordedExit;
	ui: ReturnType<typeof render>;
	sessionId: () => string | undefined;
	frame: () => string;
	waitFor: (predicate: (frame: string) => boolean, what?: string, timeout?: number) => Promise<string>;
	type: (text: string) => Promise<void>;
	resize: (columns: number, rows: number) => void;
	cleanup: () => Promise<void>;
}

export interface HarnessOptions {
	columns?: number;
	rows?: number;
	handler?: MockHandler;
	start?: StartMode;
	historyExchanges?: number;
	seed?: (store: SessionStore) => void;
	/** --hide-thinking. */
	hideThinking?: boolean;
}

export async function mountChat(options: HarnessOptions = {}): Promise<ChatHarness> {
	const dir = await mkdtemp(join(tmpdir(), 'chat-screen-'));
	const store = await openSessionStore(join(dir, 'agents.db'));
	options.seed?.(store);
	const server = await startMockServer(options.handler ? {handler: options.handler} : {});
	const model = new OpenAIModel({model: 'mock', baseURL: server.url, stallTimeoutMs: 5000, maxRetries: 0});
	const initial = resolveStart(store, {start: options.start ?? {kind: 'new'}, user: 'ada'}, model.name);
	const turns = new ChatTurns({store, model, systemPrompt: 'Be brief.', historyExchanges: options.historyExchanges ?? 3});
	const exit = recordedExit();
	const ui = render(
		<App store={store} model={model} turns={turns} exit={exit} user="ada" historyExchanges={options.historyExchanges ?? 3} initial={initial} hideThinking={options.hideThinking} />,
	);
	const resize = (columns: number, rows: number) => {
		Object.defineProperty(ui.stdout, 'columns', {value: columns, configurable: true});
		Object.defineProperty(ui.stdout, 'rows', {value: rows, configurable: true});
		ui.stdout.emit('resize');
	};
	resize(options.columns ?? 120, options.rows ?? 40);
	const frame = () => ui.lastFrame() ?? '';
	const harness: ChatHarness = {
		store,
		server,
		exit,
		ui,
		// The history pane always shows the session id (on the title row, or the row under it).
		sessionId: () => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(frame())?.[0],
		frame,
		async waitFor(predicate, what = 'the expected frame', timeout = 5000) {
			const found = await waitForFrame(ui.lastFrame, predicate, {timeout, message: () => `waiting for ${what}`});
			await settle();
			return found;
		},
		async type(text) {
			// Each key as its own event, like a person typing.
			for (const char of text) ui.stdin.write(char);
			await waitForFrame(ui.lastFrame, f => f.includes(text.slice(-8)), {timeout: 3000});
		},
		resize,
		async cleanup() {
			ui.unmount();
			await turns.dispose();
			await store.close().catch(() => undefined);
			await server.close();
			await rm(dir, {recursive: true, force: true});
		},
	};
	await harness.waitFor(f => f.includes('Session:') || f.includes('New session'), 'the first screen');
	return harness;
}
