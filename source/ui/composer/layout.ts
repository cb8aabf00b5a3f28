/**
 * Wraps composer text into visual rows for a given width and finds the cursor's row and column.
 *
 * Rows break after a space or tab (the text module's `breakLine`, keep mode); a word wider than
 * the row is broken. One space may hang just past the width at a soft wrap and the cursor may sit
 * there too, so callers give one column less than they have: every rendered row then fits (for
 * widths of at least one tab, 4 columns).
 */

import {clamp} from '../../clamp.js';
import {breakLine, graphemeOffsets, sanitize, tabWidth, textWidth} from '../text/index.js';

export interface VisualRow {
	/** Offset of the row's first character in the text. */
	readonly start: number;
	/** Offset just past the row's last character (a newline is not part of any row). */
	readonly end: number;
	/** True when the logical line continues on the next row (a soft wrap). */
	readonly wraps: boolean;
}

export interface Layout {
	readonly rows: readonly VisualRow[];
	readonly cursorRow: number;
	readonly cursorColumn: number;
}

/**
 * What a piece of the composer's text prints: hidden characters (bidi controls, zero-width
 * spaces…) as placeholders, a tab as `tabWidth` spaces (no tab stops, so wrapping stays simple).
 */
export function displayText(text: string): string {
	return sanitize(text).replaceAll('\t', ' '.repeat(tabWidth));
}

/** Columns one grapheme of the text takes on screen, as `displayText` prints it. */
function graphemeColumns(grapheme: string): number {
	if (grapheme.length === 1) {
		const code = grapheme.charCodeAt(0);
		if (code >= 0x20 && code < 0x7f) {
			return 1;
		}

		if (code === 9) {
			return tabWidth;
		}
	}

	return textWidth(sanitize(grapheme));
}

/** Offsets and columns of the graphemes of `text`, offsets counted from `base`. */
function measured(text: string, base: number): Array<{offset: number; columns: number}> {
	const offsets = graphemeOffsets(text);
	return offsets.slice(0, -1).map((start, index) => ({
		offset: base + start,
		columns: graphemeColumns(text.slice(start, offsets[index + 1])),
	}));
}

/** The visual rows of one logical line (text without newlines) starting at `base`. */
function wrapLine(line: string, base: number, width: number): VisualRow[] {
	const ranges = breakLine(line, {width, mode: 'keep', hangingSpace: true, measure: graphemeColumns});
	const rows: VisualRow[] = [];
	for (let index = 0; index < ranges.length; index += 2) {
		rows.push({start: base + ranges[index]!, end: base + ranges[index + 1]!, wraps: index + 2 < ranges.length});
	}

	return rows;
}

function columnsBetween(text: string, start: number, end: number): number {
	return measured(text.slice(start, end), start).reduce((sum, grapheme) => sum + grapheme.columns, 0);
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
		split.splice(cursorRow, 1, {...row, end: cursor, wraps: true}, {start: cursor, end: cursor, wraps: false});
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
	for (const grapheme of measured(text.slice(row.start, row.end), row.start)) {
		if (at + grapheme.columns > column) {
			return grapheme.offset;
		}
		at += grapheme.columns;
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
	let top = clamp(previousTop, 0, rowCount - rows);
	if (cursorRow < top) {
		top = cursorRow;
	} else if (cursorRow >= top + rows) {
		top = cursorRow - rows + 1;
	}
	return Math.max(0, top);
}
