/**
 * A terminal in the test process: what the app writes goes through a VT emulator (@xterm/headless),
 * so a test reads the screen a person would see, and can resize it like a window.
 */

import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';
import type {TerminalStreams} from '../../source/ui/render-app.js';

const {Terminal} = xterm;
type XTerm = InstanceType<typeof Terminal>;

/** What Ink needs of stdout: a TTY with a size that can change. */
class EmulatedStdout extends EventEmitter {
	readonly isTTY = true;
	columns: number;
	rows: number;
	bytes = 0;
	/** Everything written, in order (the raw bytes a terminal would get). */
	readonly writes: string[] = [];

	constructor(private readonly terminal: XTerm, private readonly pending: Set<Promise<void>>) {
		super();
		this.columns = terminal.cols;
		this.rows = terminal.rows;
	}

	write(data: string | Uint8Array, ...rest: unknown[]): boolean {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		this.bytes += Buffer.byteLength(text);
		this.writes.push(text);
		const parsed = new Promise<void>(resolve => {
			this.terminal.write(text, resolve);
		});
		this.pending.add(parsed);
		void parsed.then(() => this.pending.delete(parsed));
		const callback = rest.find(argument => typeof argument === 'function') as (() => void) | undefined;
		callback?.();
		return true;
	}
}

/** What Ink needs of stdin: readable data, raw mode. */
class EmulatedStdin extends EventEmitter {
	readonly isTTY = true;
	#queue: string[] = [];
	isRaw = false;

	type(data: string): void {
		this.#queue.push(data);
		this.emit('readable');
	}

	read(): string | null {
		return this.#queue.shift() ?? null;
	}

	setRawMode(raw: boolean): this {
		this.isRaw = raw;
		return this;
	}

	setEncoding(): this {
		return this;
	}

	resume(): this {
		return this;
	}

	pause(): this {
		return this;
	}

	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}
}

export class EmulatedTerminal {
	readonly #terminal: XTerm;
	readonly #pending = new Set<Promise<void>>();
	readonly #stdout: EmulatedStdout;
	readonly #stdin = new EmulatedStdin();
	readonly #stderr: EmulatedStdout;

	constructor(columns: number, rows: number) {
		// convertEol: a terminal's line discipline turns \n into \r\n on output (ONLCR), raw mode or not.
		this.#terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0, convertEol: true});
		this.#stdout = new EmulatedStdout(this.#terminal, this.#pending);
		this.#stderr = new EmulatedStdout(this.#terminal, this.#pending);
	}

	/** The streams to render the app on. */
	get streams(): TerminalStreams {
		// The doubles implement what Ink uses of these streams, not the whole Node interface.
		return {
			stdout: this.#stdout as unknown as NodeJS.WriteStream,
			stdin: this.#stdin as unknown as NodeJS.ReadStream,
			stderr: this.#stderr as unknown as NodeJS.WriteStream,
		};
	}

	get columns(): number {
		return this.#terminal.cols;
	}

	get rows(): number {
		return this.#terminal.rows;
	}

	/** Bytes the app wrote to stdout so far. */
	get bytes(): number {
		return this.#stdout.bytes;
	}

	get writes(): readonly string[] {
		return this.#stdout.writes;
	}

	/** Whether the app is on the alternate screen now. */
	get alternateScreen(): boolean {
		return this.#terminal.buffer.active.type === 'alternate';
	}

	type(data: string): void {
		this.#stdin.type(data);
	}

	/** Resizes the window: the emulator first, then the app hears of it, as with SIGWINCH. */
	resize(columns: number, rows: number): void {
		this.#terminal.resize(columns, rows);
		this.#stdout.columns = columns;
		this.#stdout.rows = rows;
		this.#stdout.emit('resize');
	}

	/** Resolves once everything written so far has been parsed by the emulator. */
	async settled(): Promise<void> {
		while (this.#pending.size > 0) await Promise.all(this.#pending);
	}

	/** The screen, one string per row, trailing blanks trimmed. */
	lines(): string[] {
		const buffer = this.#terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.#terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	}

	/** The character in one cell ('' for the second half of a wide character, ' ' for a blank). */
	cell(row: number, column: number): string {
		const buffer = this.#terminal.buffer.active;
		const chars = buffer.getLine(buffer.viewportY + row)?.getCell(column)?.getChars();
		return chars === undefined ? ' ' : chars || (buffer.getLine(buffer.viewportY + row)?.getCell(column)?.getWidth() === 0 ? '' : ' ');
	}

	screen(): string {
		return this.lines().join('\n');
	}

	dispose(): void {
		this.#terminal.dispose();
	}
}
