import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {waitFor} from './wait-for.js';

let counter = 0;

/** One word for the pane's shell, whatever it contains. */
export function shellQuote(word: string): string {
	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

const exitMarker = '[app exited with status ';

export interface TmuxOptions {
	/** The command line to run inside the pane (shell syntax). */
	command: string;
	cwd: string;
	columns?: number;
	rows?: number;
	env?: Record<string, string>;
}

/** Environment for the app under tmux: no CI markers (Ink paints nothing "in CI"), a real TERM. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const dropped = new Set(['CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'TMUX_PANE']);
	const kept = Object.entries(process.env).filter(([name]) => !dropped.has(name));
	return {...Object.fromEntries(kept), TERM: 'xterm-256color', ...extra};
}

/** A real terminal: a private tmux server running one pane, driven by send-keys and read by capture-pane. */
export class TmuxTerminal {
	private constructor(private readonly socket: string, private readonly env: NodeJS.ProcessEnv) {}

	static start({command, cwd, columns = 80, rows = 24, env = {}}: TmuxOptions): TmuxTerminal {
		const socket = `agent-session-test-${process.pid}-${++counter}`;
		const fullEnv = cleanEnv(env);
		execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'app', '-x', String(columns), '-y', String(rows), '-c', cwd], {env: fullEnv});
		const terminal = new TmuxTerminal(socket, fullEnv);
		terminal.tmux('set-option', '-g', 'status', 'off');
		terminal.tmux('resize-window', '-t', 'app', '-x', String(columns), '-y', String(rows));
		// Everything the app writes, byte for byte, when asked (`npm run e2e:repeat` keeps it for runs that fail).
		const rawDir = process.env['AGENT_SESSION_E2E_RAW'];
		if (rawDir) terminal.tmux('pipe-pane', '-t', 'app', `cat > ${shellQuote(join(rawDir, `${socket}.raw`))}`);
		// A shell stays in the pane after the app, so everything the app wrote is on screen when
		// its exit is reported (tmux may mark a dead pane before drawing the last bytes).
		terminal.tmux('respawn-pane', '-k', '-t', 'app', '-c', cwd, `${command}; echo "${exitMarker}$?]"; exec sleep 600`);
		return terminal;
	}

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {env: this.env, encoding: 'utf8'});
	}

	/** Named keys as tmux knows them: 'Enter', 'Down', 'C-c', 'Escape', 'Tab'. */
	keys(...keys: string[]): void {
		this.tmux('send-keys', '-t', 'app', ...keys);
	}

	/** Literal text, typed as is. */
	type(text: string): void {
		this.tmux('send-keys', '-t', 'app', '-l', text);
	}

	screen(): string {
		return this.tmux('capture-pane', '-p', '-t', 'app');
	}

	format(variable: string): string {
		return this.tmux('display-message', '-p', '-t', 'app', `#{${variable}}`).trim();
	}

	private exitLine(): RegExpExecArray | null {
		return /\[app exited with status (\d+)\]/.exec(this.screen());
	}

	get exited(): boolean {
		return this.exitLine() !== null;
	}

	get exitStatus(): number {
		return Number(this.exitLine()?.[1] ?? Number.NaN);
	}

	get alternateScreen(): boolean {
		return this.format('alternate_on') === '1';
	}

	async waitForScreen(predicate: (screen: string) => boolean, what: string, timeout = 15_000): Promise<string> {
		let last = '';
		await waitFor(() => predicate((last = this.screen())), {timeout, interval: 50, message: () => `Timed out waiting for ${what}. Screen:\n${last}`});
		return last;
	}

	async waitForText(text: string | RegExp, timeout?: number): Promise<string> {
		return this.waitForScreen(screen => (typeof text === 'string' ? screen.includes(text) : text.test(screen)), String(text), timeout);
	}

	async waitForExit(timeout = 15_000): Promise<void> {
		await waitFor(() => this.exited, {timeout, interval: 50, message: () => `The app did not exit. Screen:\n${this.screen()}`});
	}

	kill(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Already gone.
		}
	}
}
