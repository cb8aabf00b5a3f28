/**
 * Wraps composer text into visual rows for a given width and finds the cursor's row and column.
 *
 * Words wrap whole; a word wider than the row is broken. One space may hang just past the
 * width at a soft wrap and the cursor may sit there too, so callers give one column less than
 * they have: every rendered row then fits (for widths of at least one tab, 4 columns).
 */

import {splitGraphemes, isWhitespace} from './graphemes.js';
import type {Grapheme} from './graphemes.js';

export interface VisualRow {
	/** Offset of the row's first character in the text. */
	readonly start: number;
	/** Offset just past the row's last character (a newline is not part of any row). */
	readonly end: number;
	/** Columns the row's characters take. */
	readonly width: number;
	/** True when the logical line continues on the next row (a soft wrap). */
	readonly wraps: boolean;
}

export interface Layout {
	readonly rows: readonly VisualRow[];
	readonly cursorRow: number;
	readonly cursorColumn: number;
}

/** The visual rows of one logical line (text without newlines) starting at `base`. */
function wrapLine(line: string, base: number, width: number): VisualRow[] {
	const graphemes = splitGraphemes(line, base);
	const rows: VisualRow[] = [];
	let start = base;
	let end = base;
	let column = 0;
	const breakAt = (offset: number): void => {
		rows.push({start, end, width: column, wraps: true});
		start = offset;
		end = offset;
		column = 0;
	};
	const place = (grapheme: Grapheme): void => {
		end = grapheme.offset + grapheme.text.length;
		column += grapheme.width;
	};

	// One token at a time: a run of whitespace, or a word.
	let index = 0;
	while (index < graphemes.length) {
		const first = graphemes[index]!;
		const space = isWhitespace(first.text);
		let tokenEnd = index;
		let tokenWidth = 0;
		while (tokenEnd < graphemes.length && isWhitespace(graphemes[tokenEnd]!.text) === space) {
			tokenWidth += graphemes[tokenEnd]!.width;
			tokenEnd++;
		}
		if (space) {
			for (let at = index; at < tokenEnd; at++) {
				const grapheme = graphemes[at]!;
				const hangs = grapheme.width === 1 && column === width;
				if (column + grapheme.width > width && !hangs && column > 0) {
					breakAt(grapheme.offset);
				}
				place(grapheme);
			}
		} else {
			// A word that does not fit starts a new row, even one too wide for any row (a URL
			// reads better broken from its start).
			if (column > 0 && column + tokenWidth > width) {
				breakAt(first.offset);
			}
			for (let at = index; at < tokenEnd; at++) {
				const grapheme = graphemes[at]!;
				// Hard break inside a word too wide for a row; a row always takes at least one grapheme.
				if (column + grapheme.width > width && column > 0) {
					breakAt(grapheme.offset);
				}
				place(grapheme);
			}
		}
		index = tokenEnd;
	}
	rows.push({start, end, width: column, wraps: false});
	return rows;
}

function columnsBetween(text: string, start: number, end: number): number {
	return splitGraphemes(text.slice(start, end)).reduce((sum, grapheme) => sum + grapheme.width, 0);
}

/** Lays `text` out in rows of at most `width` columns (plus one hanging space or the cursor). */
export function layout(text: string, cursor: number, width: number): Layout {
	const safeWidth = Math.max(1, Math.floor(width));
	const rows: VisualRow[] = [];
	let base = 0;
	for (const line of text.split('\n')) {
		rows.push(...wrapLine(line, base, safeWidth));
		base += line.length + 1;
	}

	// The cursor belongs to the last row it touches: at a soft wrap, the start of the next row.
	let cursorRow = 0;
	for (const [index, row] of rows.entries()) {
		if (row.start <= cursor && cursor <= row.end) {
			cursorRow = index;
		}
		if (row.start > cursor) {
			break;
		}
	}
	const row = rows[cursorRow]!;
	const cursorColumn = columnsBetween(text, row.start, cursor);
	if (cursorColumn > safeWidth) {
		// After a hanging space at the end of a line: show the cursor at the start of an empty row.
		const split = [...rows];
		split.splice(cursorRow, 1, {...row, end: cursor, wraps: true}, {start: cursor, end: cursor, width: 0, wraps: false});
		return {rows: split, cursorRow: cursorRow + 1, cursorColumn: 0};
	}
	return {rows, cursorRow, cursorColumn};
}

/**
 * The offset in `row` closest to `column` without passing it. On a soft-wrapped row the
 * offset stays before the row's end, which would show on the next row.
 */
export function offsetAtColumn(text: string, row: VisualRow, column: number): number {
	let at = 0;
	let last = row.start;
	for (const grapheme of splitGraphemes(text.slice(row.start, row.end), row.start)) {
		if (at + grapheme.width > column) {
			return grapheme.offset;
		}
		at += grapheme.width;
		last = grapheme.offset;
	}
	return row.wraps ? last : row.end;
}

/**
 * The first visible row when only `maxRows` of `rowCount` rows fit: moves as little as possible
 * from `previousTop` to keep the cursor's row in view.
 */
export function scrollTop(previousTop: number, cursorRow: number, rowCount: number, maxRows: number): number {
	const rows = Math.max(1, maxRows);
	let top = Math.min(previousTop, Math.max(0, rowCount - rows));
	if (cursorRow < top) {
		top = cursorRow;
	} else if (cursorRow >= top + rows) {
		top = cursorRow - rows + 1;
	}
	return Math.max(0, top);
}
