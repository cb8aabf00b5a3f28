/**
 * A stdout for Ink that redraws only the rows that changed. Ink 6's standard renderer erases
 * and rewrites its whole output on every frame (tens of KB for a full screen, at up to 30 fps),
 * and its incremental mode misplaces frames that end in a newline. This proxy keeps a model of
 * the rows on screen and turns each frame into absolutely positioned writes of the changed rows.
 *
 * Precondition: the app is full-screen, drawn from the top-left corner (the alternate screen was
 * entered with the cursor at home before the first frame), so Ink's frame always starts at row 1.
 *
 * Whatever it does not recognise goes to the terminal byte for byte; if that can change the
 * screen, the model is dropped and the next frame is drawn in full.
 */
import {EventEmitter} from 'node:events';
import {assertNever} from '../assert-never.js';
import {parseInkWrite, rowText} from './ink-frame.js';
import type {InkFrame} from './ink-frame.js';
import {textWidth} from './text/text-width.js';

const csi = '\u001B[';
const eraseToEndOfLine = `${csi}K`;
const eraseBelow = `${csi}J`;

type WriteCallback = (error?: Error | null) => void;

/** What is on rows 1..lines.length, as this writer last drew it. Rows below are blank. */
interface Screen {
	lines: string[];
	columns: number;
	rows: number;
	/** Ink's line count for it: rows + 1 for the trailing newline; Ink erases that many next time. */
	inkLineCount: number;
}

const moveTo = (row: number): string => `${csi}${row};1H`;

class FrameWriter extends EventEmitter {
	private screen: Screen | undefined;
	private written = 0;

	constructor(private readonly target: NodeJS.WriteStream) {
		super();
		// Listen on the target rather than forwarding listeners, so the model is dropped before
		// Ink (or the app) hears of the resize and draws.
		target.on('resize', () => {
			this.screen = undefined;
			this.emit('resize');
		});
	}

	get columns(): number {
		return this.target.columns;
	}

	get rows(): number {
		return this.target.rows;
	}

	get isTTY(): boolean {
		return this.target.isTTY;
	}

	// Ink reads these on unmount to decide whether it may still write, and how to wait for the last write.
	get writable(): boolean {
		return this.target.writable;
	}

	get writableEnded(): boolean {
		return this.target.writableEnded;
	}

	get writableLength(): number {
		return this.target.writableLength;
	}

	get destroyed(): boolean {
		return this.target.destroyed;
	}

	/** Bytes written to the terminal so far. */
	get bytesWritten(): number {
		return this.written;
	}

	write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
		if (typeof chunk !== 'string' || (encoding !== undefined && encoding !== 'utf8' && encoding !== 'utf-8')) {
			this.screen = undefined;
			return this.send(chunk, encoding, done);
		}

		return this.send(this.translate(chunk), undefined, done);
	}

	private send(data: string | Uint8Array, encoding: BufferEncoding | undefined, done: WriteCallback | undefined): boolean {
		this.written += typeof data === 'string' ? Buffer.byteLength(data, encoding) : data.byteLength;
		return encoding === undefined ? this.target.write(data, done) : this.target.write(data, encoding, done);
	}

	/** The bytes to send for one string Ink wrote. */
	private translate(text: string): string {
		if (!this.target.isTTY) {
			return text;
		}

		const write = parseInkWrite(text);
		switch (write.kind) {
			case 'inert': {
				return text;
			}

			case 'unknown': {
				this.screen = undefined;
				return text;
			}

			case 'frame': {
				const redraw = this.redraw(write.frame);
				if (redraw === undefined) {
					this.screen = undefined;
					return text;
				}

				return redraw;
			}

			default: {
				return assertNever(write);
			}
		}
	}

	/**
	 * The changed rows of `frame`, written at their absolute positions, then the cursor left where
	 * Ink believes it is (the row after the frame, column 1) so its relative moves stay right.
	 * Undefined when the frame cannot be drawn that way; the caller then writes Ink's own bytes.
	 */
	private redraw(frame: InkFrame): string | undefined {
		const {columns, rows} = this.target;
		if (!(columns > 0 && rows > 0) || frame.lines.length >= rows) {
			return undefined;
		}

		const previous = this.screen;
		const known = previous !== undefined
			&& previous.columns === columns
			&& previous.rows === rows
			&& previous.inkLineCount === frame.erased;
		if (frame.lines.length === 0) {
			// Ink erased its output: before console output (which may go to stderr, past this
			// writer) or on a narrower terminal. The next frame is drawn in full.
			this.screen = undefined;
			return known ? `${frame.lead}${moveTo(1)}${eraseBelow}${frame.tail}` : undefined;
		}

		const out: string[] = [frame.lead];
		for (const [index, line] of frame.lines.entries()) {
			if (known && previous.lines[index] === line) {
				continue;
			}

			const text = rowText(line);
			if (text === undefined) {
				return undefined;
			}

			const width = textWidth(text);
			if (width > columns) {
				// The terminal would wrap it onto the next row.
				return undefined;
			}

			// A full row needs no erase; with a wrap pending, a terminal that keeps the cursor on
			// the last column may erase that cell.
			out.push(moveTo(index + 1), line, width < columns ? eraseToEndOfLine : '');
		}

		const after = frame.lines.length + 1;
		const shrank = !known || previous.lines.length > frame.lines.length;
		out.push(moveTo(after), shrank ? eraseBelow : '', frame.tail);
		this.screen = {lines: frame.lines, columns, rows, inkLineCount: after};
		return out.join('');
	}
}

/**
 * Wraps the terminal's stdout for `render(…, {stdout})`. Ink and the app use write, columns,
 * rows, isTTY and 'resize' events; those and the writable state Ink checks on unmount are
 * forwarded. `bytesWritten` counts what reached the terminal.
 */
export function createFrameWriter(target: NodeJS.WriteStream): NodeJS.WriteStream {
	// The rest of tty.WriteStream (pipe, cork, end, cursorTo…) is unused by Ink and the app.
	return new FrameWriter(target) as unknown as NodeJS.WriteStream;
}
