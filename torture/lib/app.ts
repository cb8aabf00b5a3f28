// The built CLI in a real terminal (a private tmux server), driven like a user and hurt like a hostile environment would.
import {existsSync, readFileSync, readlinkSync, realpathSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {TmuxTerminal} from '../../test/support/tmux.js';
import {waitFor} from '../../test/support/wait-for.js';
import {onCleanup} from '../../bench/lib/cleanup.js';
import type {TortureContext} from './context.js';

export interface LaunchOptions {
	db: string;
	/** More flags, e.g. ['--new'] or ['--continue', '--timeout', '1']. */
	args?: readonly string[];
	columns?: number;
	rows?: number;
	/** Capture every byte the app writes to the terminal (tmux pipe-pane) into this file, from its very first byte. */
	rawOutput?: string;
	/** The model server (default: the run's mock server). */
	baseUrl?: string;
}

function shellQuote(word: string): string {
	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

let launches = 0;
const nodeBinary = realpathSync(process.execPath);

/** Only the app's own child processes are ever signalled: found as the node child of the pane's shell. */
function childPids(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

export class App {
	sessionId = '';
	readonly #cleanup: () => Promise<void>;

	private constructor(readonly terminal: TmuxTerminal) {
		this.#cleanup = onCleanup(() => {
			terminal.kill();
		});
	}

	/** Starts the app in its own tmux server; it runs with HOME and TMPDIR of the run's own (where recovery files may go). */
	static async launch(context: TortureContext, options: LaunchOptions): Promise<App> {
		const gate = join(context.dir, `gate-${++launches}`);
		const argv = [process.execPath, context.cli, '--db', options.db, '--base-url', options.baseUrl ?? context.server.url, '--model', 'mock', ...(options.args ?? [])];
		// With a raw capture the app waits for the gate, so the pipe is in place before its first byte.
		const wait = options.rawOutput === undefined ? '' : `while [ ! -e ${shellQuote(gate)} ]; do sleep 0.02; done; `;
		const terminal = TmuxTerminal.start({
			command: `${wait}${argv.map(word => shellQuote(word)).join(' ')}`,
			cwd: context.dir,
			columns: options.columns ?? 120,
			rows: options.rows ?? 40,
			env: {HOME: context.home, TMPDIR: context.tmp, OPENAI_API_KEY: '', OPENAI_BASE_URL: ''},
		});
		const app = new App(terminal);
		if (options.rawOutput !== undefined) {
			terminal.tmux('pipe-pane', '-o', '-t', 'app', `cat >> ${shellQuote(options.rawOutput)}`);
			await writeFile(gate, '');
		}
		return app;
	}

	/** The app's process id, while it runs: the shell's child running node (the app renames its command line). */
	get pid(): number | undefined {
		const shell = Number(this.terminal.format('pane_pid'));
		return childPids(shell).find(pid => {
			try {
				return readlinkSync(`/proc/${pid}/exe`) === nodeBinary;
			} catch {
				return false;
			}
		});
	}

	/** Waits for the chat view, idle, and notes its session id. */
	async ready(timeout = 60_000): Promise<void> {
		const screen = await this.terminal.waitForScreen(text => /(Started|Continuing) Session: [\da-f-]{36}/.test(text) && text.includes('● idle'), 'the chat view', timeout);
		this.sessionId = /(?:Started|Continuing) Session: ([\da-f-]{36})/.exec(screen)![1]!;
	}

	/** Types `text` (waiting until the composer shows its end, so Enter is not taken as part of a paste), then Enter. */
	async send(text: string): Promise<void> {
		const tail = text.slice(-12);
		const before = this.count(tail);
		this.terminal.type(text);
		await this.terminal.waitForScreen(screen => occurrences(screen, tail) > before, `"${tail}" in the composer`, 15_000);
		this.terminal.keys('Enter');
	}

	count(text: string): number {
		return occurrences(this.terminal.screen(), text);
	}

	/** Sends `signal` to the app process itself (not to tmux or the shell). */
	signal(signal: NodeJS.Signals): boolean {
		const pid = this.pid;
		if (pid === undefined) return false;
		try {
			process.kill(pid, signal);
			return true;
		} catch {
			return false;
		}
	}

	/** Waits for the app to end; resolves to its exit status (128 + n for signal n), or undefined if it is still running. */
	async exit(timeout = 15_000): Promise<number | undefined> {
		try {
			await waitFor(() => this.terminal.exited, {timeout, interval: 25});
		} catch {
			return undefined;
		}
		return this.terminal.exitStatus;
	}

	/** kill -9, then waits until the process has left the process table (reaped, not even a zombie). */
	async killHard(timeout = 15_000): Promise<void> {
		const pid = this.pid;
		if (pid === undefined) return;
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			return; // already gone
		}
		await waitFor(() => !existsSync(`/proc/${pid}`), {timeout, interval: 10});
	}

	async close(): Promise<void> {
		await this.#cleanup();
	}
}

export function occurrences(text: string, part: string): number {
	let count = 0;
	for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
	return count;
}

/** A random wait, for fault injection at random instants (deterministic from the run's seed). */
export async function randomDelay(context: TortureContext, maxMs: number): Promise<number> {
	const wait = Math.floor(context.random() * maxMs);
	await delay(wait);
	return wait;
}
