// The built CLI in a pseudo-terminal, driven like a user: open a chat, send a message, wait for the reply to be
// streamed, painted and saved, and measure the app process around it.
import {Pty, keys, now} from './pty.js';
import type {BenchServer} from './model-server.js';
import {cpuTimeMs} from './proc.js';
import {until} from './stats.js';
import {FileReplacements, RssSampler, waitForQuiet} from './watch.js';

export interface BenchContext {
	/** The project folder (where package.json is). */
	root: string;
	/** dist/cli.js. */
	cli: string;
	/** A temp folder for this run; removed at the end. */
	dir: string;
	server: BenchServer;
	quick: boolean;
	log: (line: string) => void;
	/** Extra node flags for the app (e.g. --cpu-prof). */
	nodeArgs: readonly string[];
}

/** The status bar's state when nothing streams. */
const idle = '● idle';

export function spawnApp(context: BenchContext, args: readonly string[], env: Readonly<Record<string, string>> = {}): Pty {
	return Pty.spawn({argv: [process.execPath, ...context.nodeArgs, context.cli, ...args], cwd: context.dir, env});
}

/** The app's flags for a database and the bench model. */
export function appArgs(context: BenchContext, db: string, ...more: string[]): string[] {
	return ['--db', db, '--base-url', context.server.url, '--model', 'mock', ...more];
}

export interface Reply {
	/** CPU time of the app from just before Enter until it was quiet again after the reply was saved, ms. */
	cpuMs: number;
	/** When Enter was typed. */
	sentAt: number;
	/** When the request reached the server (the user's message was saved before it was sent). */
	requestAt: number;
	/** When the reply's save replaced the database file. */
	savedAt: number;
	/** App CPU time from the request's arrival to the reply's save, ms. */
	streamCpuMs: number;
	/** RSS just before Enter and the highest while the reply streamed and was saved, bytes. */
	rssBefore: number;
	rssPeak: number;
	/** Terminal bytes the app wrote from the request's arrival to the reply's save. */
	streamBytes: number;
}

export interface SendProgress {
	/** The request has reached the server: the user's message is saved and the composer is empty again. */
	requested: () => boolean;
	/** The reply is saved. */
	saved: () => boolean;
}

export class Chat {
	private constructor(readonly pty: Pty, readonly pid: number, private readonly context: BenchContext, private readonly db: string) {}

	/** Starts the app straight into a chat (`--new`, `--continue` or `--session ID`), ready and quiet. */
	static async open(context: BenchContext, db: string, start: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Chat> {
		const pty = spawnApp(context, appArgs(context, db, ...start), env);
		try {
			await pty.waitForScreen(screen => /(Started|Continuing) Session:/.test(screen) && screen.includes(idle), 'the chat view', 60_000);
			const pid = await pty.pid();
			await waitForQuiet(pid, {timeoutMs: 60_000});
			return new Chat(pty, pid, context, db);
		} catch (error) {
			pty.kill();
			throw error;
		}
	}

	/**
	 * Types `text` and Enter, then waits until the reply is streamed, saved, painted (idle) and the app is quiet.
	 * `whileSaving` runs from Enter until it resolves (it is awaited after the reply's save), e.g. to type keys meanwhile.
	 */
	async send(text: string, whileSaving?: (progress: SendProgress) => Promise<void>): Promise<Reply> {
		const {server} = this.context;
		let replyCpu = Number.NaN;
		const saves = new FileReplacements(this.db, count => {
			if (count === 2) replyCpu = cpuTimeMs(this.pid);
		});
		const rss = new RssSampler(this.pid);
		let requestAt = Number.NaN;
		let requestCpu = Number.NaN;
		const requestsBefore = server.requests;
		server.onRequest = at => {
			requestAt = at;
			requestCpu = cpuTimeMs(this.pid);
		};
		try {
			const cpuBefore = cpuTimeMs(this.pid);
			const shown = occurrences(this.pty.screen(), text);
			this.pty.type(text);
			// The text must be in the composer before Enter, or both may arrive in one read and be taken as a paste.
			await this.pty.waitForScreen(screen => occurrences(screen, text) > shown, `"${text}" in the composer`, 10_000);
			const sentAt = now();
			this.pty.type(keys.enter);
			// Two saves: the user's message (before the request is sent), then the reply.
			const saved = (): boolean => saves.count >= 2;
			const requested = (): boolean => server.requests > requestsBefore;
			const probe = whileSaving?.({requested, saved});
			await until(requested, 'the request to reach the server', 30_000);
			await until(saved, 'the reply to be saved', 120_000);
			const savedAt = saves.times[1]!;
			const streamCpuMs = replyCpu - requestCpu;
			await probe;
			await this.pty.waitForText(idle, 30_000);
			await waitForQuiet(this.pid);
			const cpuMs = cpuTimeMs(this.pid) - cpuBefore;
			const rssPeak = rss.stop();
			const streamBytes = this.pty.outputBetween(requestAt, savedAt).reduce((sum, chunk) => sum + chunk.bytes, 0);
			return {cpuMs, sentAt, requestAt, savedAt, streamCpuMs, rssBefore: rss.before, rssPeak, streamBytes};
		} finally {
			server.onRequest = undefined;
			saves.close();
			rss.stop();
		}
	}

	/** Quits like a user (Ctrl+C: the app saves and leaves) and waits for the process to end. */
	async quit(): Promise<void> {
		this.pty.type(keys.ctrlC);
		await this.pty.waitForExit(30_000);
	}
}

function occurrences(text: string, part: string): number {
	return text.split(part).length - 1;
}
