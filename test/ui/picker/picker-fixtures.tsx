/** Real stores on temp files and a mounted picker, shared by the picker screen tests. */

import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import assert from 'node:assert/strict';
import {openSessionStore} from '../../../source/store/index.js';
import type {ListOptions, SessionStore} from '../../../source/store/types.js';
import {SessionPicker} from '../../../source/ui/picker/index.js';
import {InputProvider} from '../../../source/hooks/input-provider.js';
import {waitForFrame} from '../../support/wait-for.js';

export const keys = {
	arrowDown: '\u001B[B',
	arrowUp: '\u001B[A',
	enter: '\r',
	escape: '\u001B',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	home: '\u001B[H',
	end: '\u001B[F',
	backspace: '\u007F',
	delete: '\u001B[3~',
	ctrlN: '\u000E',
	ctrlR: '\u0012',
	ctrlD: '\u0004',
} as const;

export interface SeedSession {
	/** User messages; the first becomes the title. */
	messages: string[];
	/** A name given with rename. */
	name?: string;
	/** Store an assistant reply after each user message (default true). */
	replies?: boolean;
	user?: string;
	model?: string;
}

export interface TempStore {
	store: SessionStore;
	path: string;
	/** Session ids in the order the picker lists them (most recent first). */
	ids: string[];
	cleanup: () => Promise<void>;
}

/** A real store on a temp file holding `seeds`, created oldest first (so the last seed is listed first). */
export async function tempStore(seeds: readonly SeedSession[]): Promise<TempStore> {
	const dir = await mkdtemp(join(tmpdir(), 'picker-test-'));
	try {
		return await seedStore(dir, seeds);
	} catch (error) {
		await rm(dir, {recursive: true, force: true});
		throw error;
	}
}

async function seedStore(dir: string, seeds: readonly SeedSession[]): Promise<TempStore> {
	const path = join(dir, 'agents.db');
	const store = await openSessionStore(path);
	const created: string[] = [];
	try {
		for (const seed of seeds) {
			const session = store.createSession(seed.user ?? 'alice', seed.model ?? 'gpt-4o');
			for (const content of seed.messages) {
				store.appendMessage(session.id, {role: 'user', content});
				if (seed.replies !== false) {
					store.appendMessage(session.id, {role: 'assistant', content: `Reply to ${content}`});
				}
			}

			if (seed.name !== undefined) {
				store.renameSession(session.id, seed.name);
			}

			created.push(session.id);
		}

		await store.save();
	} catch (error) {
		await store.close().catch(() => undefined);
		throw error;
	}

	return {
		store,
		path,
		ids: created.reverse(),
		async cleanup() {
			await store.close().catch(() => undefined);
			await rm(dir, {recursive: true, force: true});
		},
	};
}

export interface ListCall {
	limit: number | undefined;
	offset: number | undefined;
}

/** The real store, recording every listSessions call (a spy, not a fake: every call goes to the store). */
export function recordingStore(store: SessionStore): {store: SessionStore; listCalls: ListCall[]} {
	const listCalls: ListCall[] = [];
	const proxy = new Proxy(store, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property, target);
			if (property === 'listSessions') {
				return (userId: string, options?: ListOptions) => {
					listCalls.push({limit: options?.limit, offset: options?.offset});
					return target.listSessions(userId, options);
				};
			}

			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	return {store: proxy, listCalls};
}

export interface MountOptions {
	user?: string;
	width?: number;
	height?: number;
	notice?: string;
}

export function mountPicker(store: SessionStore, options: MountOptions = {}) {
	const opened: string[] = [];
	const calls = {news: 0, quits: 0};
	const width = options.width ?? 80;
	const height = options.height ?? 20;
	const element = (notice: string | undefined) => (
		<InputProvider>
			<SessionPicker
			store={store}
			user={options.user ?? 'alice'}
			width={width}
			height={height}
			modelLabel="gpt-4o"
			notice={notice}
			onOpen={id => opened.push(id)}
			onNew={() => {
				calls.news++;
			}}
			onQuit={() => {
				calls.quits++;
			}}
			/>
		</InputProvider>
	);
	const app = render(element(options.notice));
	const frame = () => app.lastFrame() ?? '';
	return {
		...app,
		opened,
		calls,
		frame,
		/** Re-renders with another notice, as the app does when it sends the user back here. */
		setNotice: (notice: string | undefined) => {
			app.rerender(element(notice));
		},
		/** Waits until the frame satisfies `predicate` and returns it. */
		until: async (predicate: (frame: string) => boolean, message?: string) =>
			waitForFrame(app.lastFrame, predicate, message ? {message: () => message} : {}),
		/** Writes a key, then waits for the frame to satisfy `predicate`. */
		press: async (input: string, predicate: (frame: string) => boolean) => {
			app.stdin.write(input);
			return waitForFrame(app.lastFrame, predicate);
		},
		assertFits: () => {
			assertFits(frame(), width, height);
		},
	};
}

/** The line with the selection marker. */
export function selectedLine(frame: string): string {
	return frame.split('\n').find(line => line.startsWith('›')) ?? '';
}

export function assertFits(frame: string, width: number, height: number): void {
	const lines = frame.split('\n');
	assert.ok(lines.length <= height, `frame has ${lines.length} lines, more than ${height}:\n${frame}`);
	for (const line of lines) {
		assert.ok(stringWidth(line) <= width, `line is ${stringWidth(line)} cells, wider than ${width}: ${JSON.stringify(line)}`);
	}
}
