/**
 * The frame writer against a real VT emulator (@xterm/headless): a real Ink app is rendered twice,
 * once straight to an emulated terminal and once through the frame writer to another, and the two
 * screens must match cell for cell (text, colours, attributes, cursor) while the writer sends far
 * fewer bytes.
 */
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {stripVTControlCharacters} from 'node:util';
import xterm from '@xterm/headless';
import type {Instance} from 'ink';
import {useEffect} from 'react';
import type {ReactNode} from 'react';
import {createFrameWriter} from '../../source/ui/frame-writer.js';
import {waitFor} from '../support/wait-for.js';

// Ink decides at import time that it runs "in CI" and then paints nothing until exit.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
const {Box, Text, render, renderToString, useCursor, useStderr, useStdout} = await import('ink');

const {Terminal} = xterm;
type XTerm = InstanceType<typeof Terminal>;

const esc = '\u001B[';

/** A terminal as Ink sees stdout: a TTY with a size and resize events, feeding an emulator. */
class EmulatedTty extends EventEmitter {
	readonly isTTY = true;
	readonly terminal: XTerm;
	readonly chunks: string[] = [];
	bytes = 0;
	private pending: Promise<void>;

	constructor(public columns: number, public rows: number) {
		super();
		// convertEol: a real TTY's line discipline (ONLCR) turns "\n" into "\r\n".
		this.terminal = new Terminal({cols: columns, rows, allowProposedApi: true, convertEol: true});
		// Like the app: the alternate screen, cursor at home (cli.tsx does this before Ink starts).
		this.pending = new Promise(resolve => {
			this.terminal.write('\u001B[?1049h\u001B[H', resolve);
		});
	}

	write(data: string | Uint8Array, ...rest: unknown[]): boolean {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		this.chunks.push(text);
		this.bytes += Buffer.byteLength(text);
		// The emulator parses writes in order: the last one's callback means all are on screen.
		this.pending = new Promise(resolve => {
			this.terminal.write(text, resolve);
		});
		const done = rest.find(item => typeof item === 'function') as (() => void) | undefined;
		if (done) {
			void this.pending.then(done);
		}

		return true;
	}

	async settled(): Promise<void> {
		await this.pending;
	}

	async resize(columns: number, rows: number): Promise<void> {
		await this.settled();
		this.terminal.resize(columns, rows);
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}

	/** Each row's visible text, right-trimmed (xterm keeps cells beyond a narrowed width, unseen). */
	text(): string[] {
		const buffer = this.terminal.buffer.active;
		return Array.from({length: this.rows}, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true, 0, this.columns) ?? '');
	}

	/** Each row as cells with their attributes, plus the cursor: what a user sees. */
	cells(): string[] {
		const buffer = this.terminal.buffer.active;
		const cell = buffer.getNullCell();
		const rows: string[] = [];
		for (let y = 0; y < this.rows; y++) {
			const line = buffer.getLine(buffer.viewportY + y);
			let row = '';
			for (let x = 0; x < this.columns; x++) {
				line?.getCell(x, cell);
				row += `${cell.getChars() || ' '}${cell.getWidth()}`
					+ `[${cell.getFgColorMode()}:${cell.getFgColor()}/${cell.getBgColorMode()}:${cell.getBgColor()}`
					+ `${cell.isBold()}${cell.isItalic()}${cell.isDim()}${cell.isUnderline()}${cell.isInverse()}]`;
			}

			rows.push(row);
		}

		rows.push(`cursor ${buffer.cursorX},${buffer.cursorY}`);
		return rows;
	}
}

// Test doubles: Ink reads and writes only these members, which is what the cast stands for.
const asStream = (tty: EmulatedTty): NodeJS.WriteStream => tty as unknown as NodeJS.WriteStream;
const fakeStdin = (): NodeJS.ReadStream => Object.assign(new EventEmitter(), {isTTY: false}) as unknown as NodeJS.ReadStream;

const mounted: Instance[] = [];
after(() => {
	for (const instance of mounted) {
		instance.unmount();
	}
});

/** The same app rendered by Ink straight to one emulator and through the frame writer to another. */
class Pair {
	readonly plain: EmulatedTty;
	readonly proxied: EmulatedTty;
	readonly writer: NodeJS.WriteStream;
	private readonly instances: Instance[];

	constructor(node: ReactNode, columns: number, rows: number) {
		this.plain = new EmulatedTty(columns, rows);
		this.proxied = new EmulatedTty(columns, rows);
		this.writer = createFrameWriter(asStream(this.proxied));
		const options = {stdin: fakeStdin(), patchConsole: false, exitOnCtrlC: false, maxFps: 1000};
		// stderr is the same terminal, written past the frame writer.
		this.instances = [
			render(node, {...options, stdout: asStream(this.plain), stderr: asStream(this.plain)}),
			render(node, {...options, stdout: this.writer, stderr: asStream(this.proxied)}),
		];
		mounted.push(...this.instances);
	}

	/** Re-renders both and returns the bytes each terminal received for it. */
	async show(node: ReactNode, marker: string): Promise<{plain: number; proxied: number}> {
		const before = {plain: this.plain.bytes, proxied: this.proxied.bytes};
		for (const instance of this.instances) {
			instance.rerender(node);
		}

		await this.painted(marker);
		return {plain: this.plain.bytes - before.plain, proxied: this.proxied.bytes - before.proxied};
	}

	/** Waits until both screens show `marker` and the emulators have parsed every write. */
	async painted(marker: string): Promise<void> {
		await waitFor(async () => {
			await Promise.all([this.plain.settled(), this.proxied.settled()]);
			return [this.plain, this.proxied].every(tty => tty.text().some(line => line.includes(marker)));
		}, {message: () => `plain:\n${this.plain.text().join('\n')}\nproxied:\n${this.proxied.text().join('\n')}`});
	}

	async resize(columns: number, rows: number): Promise<void> {
		await this.plain.resize(columns, rows);
		await this.proxied.resize(columns, rows);
	}

	assertSame(): void {
		assert.deepEqual(this.proxied.cells(), this.plain.cells());
	}
}

interface Row {
	text: string;
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
}

function Screen({rows, height}: {rows: readonly Row[]; height?: number}) {
	return (
		<Box flexDirection='column' height={height}>
			{rows.map((row, index) => (
				<Text key={index} color={row.color} backgroundColor={row.backgroundColor} bold={row.bold} wrap='truncate'>
					{row.text}
				</Text>
			))}
		</Box>
	);
}

/** What the frame should look like: Ink's own rendering of it, as plain text rows. */
function expectedText(node: ReactNode, columns: number, rows: number): string[] {
	const lines = stripVTControlCharacters(renderToString(node, {columns})).split('\n').map(line => line.trimEnd());
	return Array.from({length: rows}, (_, index) => lines[index] ?? '');
}

const palette = ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray'];

/** A full screen like the chat view: rows − 1 lines of coloured, wrapped-looking text. */
function chatRows(rows: number, streamed: string): Row[] {
	const lines: Row[] = Array.from({length: rows - 2}, (_, index) => ({
		text: `${String(index).padStart(3, '0')} ${'lorem ipsum dolor sit amet '.repeat(7)}`.slice(0, 190),
		color: palette[index % palette.length],
		bold: index % 5 === 0,
	}));
	lines.push({text: streamed, color: 'green'});
	return lines;
}

describe('frame writer', () => {
	test('a full screen looks the same as Ink\'s own output and a one-line change costs a fraction of the bytes', async () => {
		const columns = 200;
		const rows = 60;
		const node = (streamed: string) => <Screen rows={chatRows(rows, streamed)} height={rows - 1}/>;
		const pair = new Pair(node('reply: step0'), columns, rows);
		await pair.painted('step0');
		pair.assertSame();
		assert.deepEqual(pair.proxied.text(), expectedText(node('reply: step0'), columns, rows));

		let reply = 'reply:';
		for (let step = 1; step <= 5; step++) {
			reply += ` token${step}`;
			const bytes = await pair.show(node(`${reply} step${step}`), `step${step}`);
			pair.assertSame();
			assert.ok(bytes.proxied < bytes.plain / 10, `step ${step}: ${bytes.proxied} bytes through the writer, ${bytes.plain} plain`);
		}

		assert.equal(pair.writer.bytesWritten, pair.proxied.bytes);
	});

	test('colours, backgrounds and wide characters change in place without leftovers', async () => {
		const columns = 40;
		const rows = 12;
		const frames: Row[][] = [
			[{text: 'plain', color: 'red'}, {text: '中文字符和表情 😀😀 end'}, {text: 'back', backgroundColor: 'blue'}, {text: 'marker0'}],
			[{text: 'plain', color: 'green'}, {text: 'ascii now, narrower'}, {text: 'back', backgroundColor: 'yellow', bold: true}, {text: 'marker1'}],
			[{text: 'plain'}, {text: 'a中b文c😀d', color: 'cyan'}, {text: 'b'}, {text: 'marker2'}],
			[{text: '😀'.repeat(20)}, {text: '中'.repeat(20)}, {text: '', backgroundColor: 'red'}, {text: 'marker3'}],
			[{text: 'x'.repeat(40), color: 'magenta'}, {text: 'y'}, {text: 'z'.repeat(39)}, {text: 'marker4'}],
		];
		const node = (frame: Row[]) => <Screen rows={frame} height={rows - 1}/>;
		const pair = new Pair(node(frames[0]!), columns, rows);
		await pair.painted('marker0');
		pair.assertSame();
		for (const [index, frame] of frames.entries()) {
			await pair.show(node(frame), `marker${index}`);
			pair.assertSame();
			assert.deepEqual(pair.proxied.text(), expectedText(node(frame), columns, rows));
		}
	});

	test('a frame that grows and shrinks leaves no stale rows', async () => {
		const columns = 50;
		const rows = 15;
		const node = (count: number, marker: string) => (
			<Screen rows={[...Array.from({length: count}, (_, index) => ({text: `row ${index} of ${count}`, color: palette[index % 8]})), {text: marker}]}/>
		);
		const pair = new Pair(node(3, 'size3'), columns, rows);
		await pair.painted('size3');
		pair.assertSame();
		for (const count of [8, 2, 13, 0, 5]) {
			await pair.show(node(count, `size${count}`), `size${count}`);
			pair.assertSame();
			assert.deepEqual(pair.proxied.text(), expectedText(node(count, `size${count}`), columns, rows));
		}
	});

	test('after a resize the frame is drawn in full at the new size, then only changes again', async () => {
		const node = (columns: number, rows: number, marker: string) => <Screen rows={chatRows(rows, `${marker} ${columns}x${rows}`)} height={rows - 1}/>;
		const pair = new Pair(node(80, 24, 'first'), 80, 24);
		await pair.painted('first');
		for (const [columns, rows, marker] of [[60, 20, 'narrow'], [100, 30, 'wide'], [100, 18, 'short'], [70, 18, 'thin']] as const) {
			await pair.resize(columns, rows);
			// On fewer rows Ink first repaints the old, now too tall frame with a clear screen; the
			// app's next frames fit again. The last of these changes one row.
			let bytes = {plain: 0, proxied: 0};
			for (const suffix of ['', '!', '!!']) {
				bytes = await pair.show(node(columns, rows, `${marker}${suffix}`), `${marker}${suffix} `);
				assert.deepEqual(pair.proxied.text(), expectedText(node(columns, rows, `${marker}${suffix}`), columns, rows), `${columns}x${rows}`);
				pair.assertSame();
			}

			assert.ok(bytes.proxied < bytes.plain / 5, `${columns}x${rows}: ${bytes.proxied} vs ${bytes.plain}`);
		}
	});

	for (const stream of ['stdout', 'stderr'] as const) {
		test(`text the app writes with use${stream === 'stdout' ? 'Stdout' : 'Stderr'}().write leaves the frame whole`, async () => {
			function Logger({text}: {text: string}) {
				const stdout = useStdout();
				const stderr = useStderr();
				const {write} = stream === 'stdout' ? stdout : stderr;
				useEffect(() => {
					write(`a log line that is long enough to wrap on this narrow screen ${text}\n`);
				}, [text, write]);
				return <Screen rows={[{text: 'title', color: 'blue'}, {text}]} height={5}/>;
			}

			const pair = new Pair(<Logger text='first'/>, 30, 10);
			await pair.painted('first');
			await pair.show(<Logger text='second'/>, 'second');
			const logged = (tty: EmulatedTty) => tty.chunks.filter(chunk => chunk.includes('a log line')).length;
			await waitFor(() => logged(pair.proxied) === 2 && logged(pair.plain) === 2);
			await Promise.all([pair.plain.settled(), pair.proxied.settled()]);
			assert.ok(pair.plain.text().some(line => line.includes('a log line')), 'Ink alone shows the line above its frame');
			assert.deepEqual(pair.proxied.text(), expectedText(<Screen rows={[{text: 'title'}, {text: 'second'}]} height={5}/>, 30, 10));
		});
	}

	test('a visible cursor placed by the app ends where Ink puts it', async () => {
		function WithCursor({text}: {text: string}) {
			const {setCursorPosition} = useCursor();
			setCursorPosition({x: text.length, y: 1});
			return <Screen rows={[{text: 'title', color: 'blue'}, {text}, {text: 'footer'}]} height={9}/>;
		}

		const pair = new Pair(<WithCursor text='> a'/>, 30, 10);
		await pair.painted('> a');
		pair.assertSame();
		for (const text of ['> ab', '> abc', '> ab']) {
			await pair.show(<WithCursor text={text}/>, text);
			await waitFor(async () => {
				await Promise.all([pair.plain.settled(), pair.proxied.settled()]);
				return pair.proxied.terminal.buffer.active.cursorX === text.length;
			});
			pair.assertSame();
		}
	});
});

describe('frame writer passthrough', () => {
	test('writes it does not recognise reach the terminal byte for byte', () => {
		const tty = new EmulatedTty(40, 10);
		const writer = createFrameWriter(asStream(tty));
		const writes = [
			`${esc}?2004h`,
			`${esc}?1049h${esc}H`,
			'console output without newline',
			`${esc}2J${esc}3J${esc}H`,
			`${esc}?25h`,
			'\u001B]0;title\u0007',
			`${esc}5;5Hmoved`,
			'',
		];
		for (const text of writes) {
			writer.write(text);
		}

		assert.deepEqual(tty.chunks, writes);
		assert.equal(writer.bytesWritten, tty.bytes);
	});

	test('after a write that can change the screen, the next frame is drawn in full', async () => {
		const tty = new EmulatedTty(30, 8);
		const writer = createFrameWriter(asStream(tty));
		const eraseLines = (count: number) => Array.from({length: count}, (_, index) => `${esc}2K${index < count - 1 ? `${esc}1A` : ''}`).join('') + (count > 0 ? `${esc}G` : '');
		const frame = ['one', 'two', `${esc}31mthree${esc}39m`];
		writer.write(`${frame.join('\n')}\n`);
		writer.write(`${eraseLines(4)}${['one', 'TWO', frame[2]].join('\n')}\n`);
		assert.equal(tty.chunks.at(-1), `${esc}2;1HTWO${esc}K${esc}4;1H`, 'only the changed row');

		writer.write(`${esc}2J${esc}H`);
		writer.write(`${eraseLines(4)}${['one', 'TWO', frame[2]].join('\n')}\n`);
		await tty.settled();
		assert.deepEqual(tty.text().slice(0, 4), ['one', 'TWO', 'three', '']);
		assert.match(tty.chunks.at(-1)!, /one.*TWO.*three/);

		// Bracketed paste and cursor switches change nothing on screen: the model survives them.
		writer.write(`${esc}?2004h${esc}?25l`);
		writer.write(`${eraseLines(4)}${['one', 'TWO', 'four'].join('\n')}\n`);
		assert.equal(tty.chunks.at(-1), `${esc}3;1Hfour${esc}K${esc}4;1H`);
		await tty.settled();
		assert.deepEqual(tty.text().slice(0, 4), ['one', 'TWO', 'four', '']);
	});

	test('a frame it cannot redraw row by row goes out as Ink wrote it, and the next one in full', async () => {
		const tty = new EmulatedTty(20, 6);
		const writer = createFrameWriter(asStream(tty));
		writer.write('one\ntwo\n');
		const erase3 = `${esc}2K${esc}1A${esc}2K${esc}1A${esc}2K${esc}G`;
		for (const frame of [`${erase3}one\tx\ntwo\n`, `${erase3}${'w'.repeat(21)}\ntwo\n`, `${erase3}${esc}1Cone\ntwo\n`]) {
			writer.write(frame);
			assert.equal(tty.chunks.at(-1), frame);
		}

		writer.write(`${erase3}one\ntwo\n`);
		assert.equal(tty.chunks.at(-1), `${esc}1;1Hone${esc}K${esc}2;1Htwo${esc}K${esc}3;1H${esc}J`);
		await tty.settled();
		assert.deepEqual(tty.text().slice(0, 3), ['one', 'two', '']);
	});

	test('a resize of the terminal reaches listeners on the writer and sizes are read live', async () => {
		const tty = new EmulatedTty(30, 8);
		const writer = createFrameWriter(asStream(tty));
		const seen: string[] = [];
		writer.on('resize', () => {
			seen.push(`${writer.columns}x${writer.rows}`);
		});
		assert.equal(writer.isTTY, true);
		await tty.resize(50, 12);
		assert.deepEqual(seen, ['50x12']);
	});
});
