/**
 * GFM tables in a border, columns as wide as their content. A table wider than the pane shrinks
 * its widest columns first, down to the longest word of each column, and its cells wrap at spaces;
 * when even the longest words do not fit side by side, each row becomes a small record of
 * "Header: value" lines, so no word is ever cut where it could fit.
 */
import type {Tokens} from 'marked';
import {graphemes} from './graphemes.js';
import {inlineRuns} from './markdown-inline.js';
import {runsText, trimRuns} from './styled-runs.js';
import {theme} from './theme.js';
import {graphemeWidth, isPrintableAscii, textWidth} from './text-width.js';
import {wrapStyled, type StyledRun} from './wrap.js';

type Align = Tokens.TableCell['align'];

/** `│ ` before each cell and ` │` after the last: 3 columns per column, plus 1. */
function borderColumns(columns: number): number {
	return 3 * columns + 1;
}

function cellRuns(cell: Tokens.TableCell, header: boolean): StyledRun[] {
	return trimRuns(inlineRuns(cell.tokens, header ? theme.tableHeader : undefined));
}

/** Columns of the widest line of a cell (a `<br>` breaks its lines). */
function naturalWidth(text: string): number {
	let widest = 0;
	for (const line of text.split('\n')) {
		widest = Math.max(widest, textWidth(line));
	}

	return widest;
}

/**
 * Columns of the widest piece of a cell that a line cannot break: a word, or within a word of wide
 * characters (CJK, emoji), a run of narrow ones (a line may break between two ideographs).
 */
function unbreakableWidth(text: string): number {
	let widest = 0;
	for (const word of text.split(/[ \n]+/)) {
		if (isPrintableAscii(word)) {
			widest = Math.max(widest, word.length);
			continue;
		}

		let run = 0;
		for (const cluster of graphemes(word)) {
			const width = graphemeWidth(cluster);
			if (width >= 2) {
				widest = Math.max(widest, run, width);
				run = 0;
			} else {
				run += width;
			}
		}

		widest = Math.max(widest, run);
	}

	return widest;
}

/** `widths` grown one column at a time, in turn, towards `wanted`, until `spare` columns are used. */
function spread(widths: number[], wanted: readonly number[], spare: number): number[] {
	let left = spare;
	while (left > 0 && widths.some((width, index) => width < wanted[index]!)) {
		for (let index = 0; index < widths.length && left > 0; index++) {
			if (widths[index]! < wanted[index]!) {
				widths[index]!++;
				left--;
			}
		}
	}

	return widths;
}

const sum = (widths: readonly number[]): number => widths.reduce((total, width) => total + width, 0);

/**
 * Column widths that sum to at most `available`, or undefined when even the minimums (each
 * column's longest unbreakable piece) do not fit. Natural widths when they fit; else headers wrap
 * first (a column only as wide as its body and its header's longest word), then the widest columns
 * are capped at one level, never below a column's minimum; columns left over go back in turn.
 */
function fitColumns(natural: readonly number[], body: readonly number[], minimum: readonly number[], available: number): number[] | undefined {
	if (sum(natural) <= available) {
		return [...natural];
	}

	if (sum(minimum) > available) {
		return undefined;
	}

	const content = body.map((width, index) => Math.max(width, minimum[index]!));
	if (sum(content) <= available) {
		return spread(content, natural, available - sum(content));
	}

	const capped = (level: number): number[] => content.map((width, index) => Math.max(minimum[index]!, Math.min(width, level)));
	let low = 0;
	let high = Math.max(...content);
	while (low < high) {
		const level = Math.ceil((low + high) / 2);
		if (sum(capped(level)) <= available) {
			low = level;
		} else {
			high = level - 1;
		}
	}

	const widths = capped(low);
	return spread(widths, content, available - sum(widths));
}

// Our own styles (SGR) and links (OSC 8 … ST): zero columns wide.
// eslint-disable-next-line no-control-regex -- the sequences start with ESC
const styling = /\u001B\[[\d;]*m|\u001B\]8;[^\u001B]*\u001B\\/g;

function pad(line: string, width: number, align: Align): string {
	const gap = Math.max(0, width - textWidth(line.replace(styling, '')));
	switch (align) {
		case 'right': {
			return ' '.repeat(gap) + line;
		}

		case 'center': {
			const left = Math.floor(gap / 2);
			return ' '.repeat(left) + line + ' '.repeat(gap - left);
		}

		case 'left':
		case null: {
			return line + ' '.repeat(gap);
		}
	}
}

function rule(widths: readonly number[], left: string, middle: string, right: string): string {
	return theme.tableBorder(left + widths.map(width => '─'.repeat(width + 2)).join(middle) + right);
}

function renderRow(cells: readonly StyledRun[][], widths: readonly number[], aligns: readonly Align[]): string[] {
	const wrapped = widths.map((width, index) => (cells[index] && cells[index].length > 0 ? wrapStyled(cells[index], width) : []));
	const height = Math.max(1, ...wrapped.map(lines => lines.length));
	const bar = theme.tableBorder('│');
	const lines: string[] = [];
	for (let row = 0; row < height; row++) {
		const parts = wrapped.map((cellLines, index) => pad(cellLines[row] ?? '', widths[index]!, aligns[index] ?? null));
		lines.push(`${bar} ${parts.join(` ${bar} `)} ${bar}`);
	}

	return lines;
}

function renderRecords(header: readonly StyledRun[][], rows: readonly StyledRun[][][], width: number): string[] {
	const lines: string[] = [];
	for (const [rowIndex, row] of rows.entries()) {
		if (rowIndex > 0) {
			lines.push(theme.tableBorder('─'.repeat(Math.min(width, 3))));
		}

		for (const [index, cell] of row.entries()) {
			const label = header[index] ?? [];
			const runs = label.length > 0 ? [...label, {text: ': ', style: theme.tableHeader}, ...cell] : cell;
			if (runs.length > 0) {
				lines.push(...wrapStyled(runs, width));
			}
		}
	}

	if (rows.length === 0) {
		lines.push(...wrapStyled(header.flatMap((cell, index) => (index === 0 ? cell : [{text: ' │ '}, ...cell])), width));
	}

	return lines;
}

export function renderTable(table: Tokens.Table, width: number): string[] {
	const header = table.header.map(cell => cellRuns(cell, true));
	const rows = table.rows.map(row => row.map(cell => cellRuns(cell, false)));
	const columns = header.length;
	const texts = [header, ...rows].map(row => row.map(cell => runsText(cell)));
	const natural = header.map((_cell, index) => Math.max(1, ...texts.map(row => naturalWidth(row[index] ?? ''))));
	const bodyNatural = header.map((_cell, index) => Math.max(1, ...texts.slice(1).map(row => naturalWidth(row[index] ?? ''))));
	const minimum = header.map((_cell, index) => Math.max(1, ...texts.map(row => unbreakableWidth(row[index] ?? ''))));
	const widths = columns === 0 ? undefined : fitColumns(natural, bodyNatural, minimum, width - borderColumns(columns));
	if (widths === undefined) {
		return renderRecords(header, rows, width);
	}

	const rendered = rows.map(row => renderRow(row, widths, table.align));
	// Rows of more than one line are told apart by a rule between them.
	const ruled = rendered.some(lines => lines.length > 1);
	const lines = [rule(widths, '┌', '┬', '┐'), ...renderRow(header, widths, table.align)];
	for (const [index, rowLines] of rendered.entries()) {
		if (index === 0 || ruled) {
			lines.push(rule(widths, '├', '┼', '┤'));
		}

		lines.push(...rowLines);
	}

	lines.push(rule(widths, '└', '┴', '┘'));
	return lines;
}
