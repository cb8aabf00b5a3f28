// A program in a real pseudo-terminal, without native modules: util-linux `script` allocates the pty and runs the
// program in it; we talk to it through script's pipes. The output is timed chunk by chunk and fed to a VT emulator
// (@xterm/headless), so waits are on what the screen shows, and a time is the arrival of the chunk that drew it.
import {spawn} from 'node:child_process';
import {realpathSync} from 'node:fs';
import type {ChildProcess} from 'node:child_process';
import xterm from '@xterm/headless';
import {onCleanup} from './cleanup.js';
import {childrenOf, executable, isAlive} from './proc.js';

const {Terminal} = xterm;
type XTerm = InstanceType<typeof Terminal>;

export interface PtyOptions {
	/** The program and its arguments (run with `exec`, so it is script's own child). */
	argv: readonly string[];
	cwd: string;
	columns?: number;
	rows?: number;
	env?: Readonly<Record<string, string>>;
}

/** One read from the terminal: when it arrived (performance.timeOrigin-based ms, like Date.now()) and its size. */
export interface OutputChunk {
	at: number;
	bytes: number;
}

interface Waiter {
	predicate: (screen: string) => boolean;
	resolve: (at: number) => void;
}

export const keys = {enter: '\r', ctrlC: '\u0003', escape: '\u001B'} as const;

/** Now, in ms since the epoch with sub-ms precision: comparable with the app's diagnostics times. */
export const now = (): number => performance.timeOrigin + performance.now();

function shellQuote(word: string): string {
	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

/** An environment for an interactive app: no CI markers (Ink paints nothing "in CI"), not inside tmux, a real TERM. */
function terminalEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
	const dropped = new Set(['CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'TMUX_PANE', 'NODE_OPTIONS']);
	return {...Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name))), TERM: 'xterm-256color', ...extra};
}

export class Pty {
	/** When the program was spawned. */
	readonly spawnedAt: number;
	readonly chunks: OutputChunk[] = [];
	readonly exited: Promise<number | null>;
	bytes = 0;
	readonly #script: ChildProcess;
	readonly #program: string;
	readonly #terminal: XTerm;
	#waiters = new Set<Waiter>();
	#pid: number | undefined;
	#stderr = '';
	#done = false;
	readonly #unregister: () => Promise<void>;

	private constructor(options: PtyOptions) {
		const columns = options.columns ?? 160;
		const rows = options.rows ?? 48;
		this.#terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
		const command = `stty cols ${columns} rows ${rows} && exec ${options.argv.map(shellQuote).join(' ')}`;
		this.#program = options.argv[0]!;
		this.spawnedAt = now();
		this.#script = spawn('script', ['-qfec', command, '/dev/null'], {cwd: options.cwd, env: terminalEnv(options.env ?? {}), stdio: ['pipe', 'pipe', 'pipe']});
		this.#script.stdout!.on('data', (data: Buffer) => {
			const at = now();
			this.chunks.push({at, bytes: data.byteLength});
			this.bytes += data.byteLength;
			this.#terminal.write(data, () => {
				this.#check(at);
			});
		});
		this.#script.stderr!.on('data', (data: Buffer) => {
			this.#stderr += data.toString();
		});
		// Keep the pipe from throwing when the program is gone before a late write.
		this.#script.stdin!.on('error', () => undefined);
		this.exited = new Promise(resolve => {
			this.#script.once('exit', code => {
				this.#done = true;
				resolve(code);
			});
			this.#script.once('error', () => {
				this.#done = true;
				resolve(null);
			});
		});
		this.#unregister = onCleanup(() => {
			this.kill();
		});
		void this.exited.then(() => this.#unregister());
	}

	static spawn(options: PtyOptions): Pty {
		return new Pty(options);
	}

	/** What the terminal shows, one line per row (trailing blanks trimmed). */
	screen(): string {
		const buffer = this.#terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.#terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	get stderr(): string {
		return this.#stderr;
	}

	get running(): boolean {
		return !this.#done;
	}

	/**
	 * Resolves with the arrival time of the output chunk after which the screen satisfies `predicate`
	 * (at once, with the current time, if it already does).
	 */
	async waitForScreen(predicate: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<number> {
		if (predicate(this.screen())) return now();
		let waiter!: Waiter;
		const reached = new Promise<number>(resolve => {
			waiter = {predicate, resolve};
			this.#waiters.add(waiter);
		});
		let timer: NodeJS.Timeout | undefined;
		const failed = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.${this.#describe()}`));
			}, timeoutMs);
			void this.exited.then(code => {
				// Let the last output be parsed before deciding.
				setTimeout(() => {
					reject(new Error(`The program exited (${code}) while waiting for ${what}.${this.#describe()}`));
				}, 200);
			});
		});
		try {
			return await Promise.race([reached, failed]);
		} finally {
			clearTimeout(timer);
			this.#waiters.delete(waiter);
		}
	}

	async waitForText(text: string, timeoutMs?: number): Promise<number> {
		return this.waitForScreen(screen => screen.includes(text), `"${text}" on screen`, timeoutMs);
	}

	/** The program's own pid: script's child, once it runs `argv[0]` (which must be a path). */
	async pid(timeoutMs = 15_000): Promise<number> {
		if (this.#pid !== undefined) return this.#pid;
		const program = realpathSync(this.#program);
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const child = childrenOf(this.#script.pid!).find(pid => executable(pid) === program);
			if (child !== undefined) {
				this.#pid = child;
				return child;
			}
			if (this.#done || performance.now() > deadline) throw new Error(`No ${program} process appeared under script.${this.#describe()}`);
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	}

	/** Sends keys or text to the program, as typed. */
	type(text: string): void {
		this.#script.stdin!.write(text);
	}

	/** Output that arrived in [from, to). */
	outputBetween(from: number, to: number): OutputChunk[] {
		return this.chunks.filter(chunk => chunk.at >= from && chunk.at < to);
	}

	/** Waits for the program to exit; kills it (and script) if it has not within `timeoutMs`. */
	async waitForExit(timeoutMs = 15_000): Promise<number | null> {
		let timer: NodeJS.Timeout | undefined;
		const code = await Promise.race([this.exited, new Promise<'timeout'>(resolve => {
			timer = setTimeout(() => resolve('timeout'), timeoutMs);
		})]);
		clearTimeout(timer);
		if (code !== 'timeout') return code;
		this.kill();
		throw new Error(`The program did not exit within ${timeoutMs} ms.${this.#describe()}`);
	}

	/** Kills the program and script, at once. */
	kill(): void {
		const script = this.#script.pid;
		// Script's child is the program, or the shell that is about to become it.
		const program = this.#pid === undefined ? (script === undefined || this.#done ? [] : childrenOf(script)) : [this.#pid];
		for (const pid of [...program, script]) {
			if (pid === undefined || !isAlive(pid)) continue;
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone already.
			}
		}
	}

	#check(at: number): void {
		if (this.#waiters.size === 0) return;
		const screen = this.screen();
		for (const waiter of this.#waiters) {
			if (!waiter.predicate(screen)) continue;
			this.#waiters.delete(waiter);
			waiter.resolve(at);
		}
	}

	#describe(): string {
		const stderr = this.#stderr.trim();
		return `${stderr ? `\nstderr: ${stderr.slice(-2000)}` : ''}\nscreen:\n${this.screen().replace(/\n+$/, '')}`;
	}
}
