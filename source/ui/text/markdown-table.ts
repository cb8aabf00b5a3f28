/**
 * GFM tables as aligned columns. A table wider than the pane gets narrower columns whose cells
 * wrap; when even that leaves columns too thin to read, each row becomes a small record of
 * "Header: value" lines.
 */
import type {Tokens} from 'marked';
import {inlineRuns, runsText, trimRuns} from './markdown-inline.js';
import {theme} from './theme.js';
import {textWidth} from './text-width.js';
import {wrapStyled, type StyledRun} from './wrap.js';

const separatorWidth = 3;
/** Columns thinner than this make tables unreadable; below it we switch to records. */
const minimumColumnWidth = 6;

type Align = Tokens.TableCell['align'];

function cellRuns(cell: Tokens.TableCell, header: boolean): StyledRun[] {
	return trimRuns(inlineRuns(cell.tokens, header ? theme.tableHeader : undefined));
}

function runsWidth(runs: readonly StyledRun[]): number {
	return textWidth(runsText(runs));
}

/** Column widths: natural widths when they fit, else capped so that they sum to `available`. */
function fitColumns(natural: readonly number[], available: number): number[] {
	const total = natural.reduce((sum, width) => sum + width, 0);
	if (total <= available) {
		return [...natural];
	}

	// Largest cap such that the capped widths still fit; spare columns go to the capped ones.
	let low = minimumColumnWidth;
	let high = Math.max(...natural);
	while (low < high) {
		const cap = Math.ceil((low + high) / 2);
		const sum = natural.reduce((acc, width) => acc + Math.min(width, cap), 0);
		if (sum <= available) {
			low = cap;
		} else {
			high = cap - 1;
		}
	}

	const widths = natural.map(width => Math.min(width, low));
	let spare = available - widths.reduce((sum, width) => sum + width, 0);
	for (let index = 0; index < widths.length && spare > 0; index++) {
		if (natural[index]! > widths[index]!) {
			widths[index]!++;
			spare--;
		}
	}

	return widths;
}

// eslint-disable-next-line no-control-regex -- SGR sequences start with ESC
const sgr = /\u001B\[[\d;]*m/g;

function pad(line: string, width: number, align: Align, last: boolean): string {
	const gap = Math.max(0, width - textWidth(line.replace(sgr, '')));
	switch (align) {
		case 'right': {
			return ' '.repeat(gap) + line;
		}

		case 'center': {
			const left = Math.floor(gap / 2);
			return ' '.repeat(left) + line + (last ? '' : ' '.repeat(gap - left));
		}

		case 'left':
		case null: {
			return last ? line : line + ' '.repeat(gap);
		}
	}
}

function renderRow(cells: readonly StyledRun[][], widths: readonly number[], aligns: readonly Align[]): string[] {
	const wrapped = cells.map((runs, index) => wrapStyled(runs, widths[index]!));
	const height = Math.max(1, ...wrapped.map(lines => lines.length));
	const lines: string[] = [];
	const separator = theme.tableBorder(' │ ');
	for (let row = 0; row < height; row++) {
		const parts = wrapped.map((cellLines, index) =>
			pad(cellLines[row] ?? '', widths[index]!, aligns[index] ?? null, index === wrapped.length - 1),
		);
		lines.push(parts.join(separator).trimEnd());
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
			lines.push(...wrapStyled(runs, width));
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
	const natural = header.map((cell, index) =>
		Math.max(1, runsWidth(cell), ...rows.map(row => (row[index] ? runsWidth(row[index]) : 0))),
	);
	const available = width - separatorWidth * (columns - 1);
	if (columns === 0 || available < Math.min(columns * minimumColumnWidth, natural.reduce((a, b) => a + b, 0))) {
		return renderRecords(header, rows, width);
	}

	const widths = fitColumns(natural, available);
	const lines = renderRow(header, widths, table.align);
	lines.push(theme.tableBorder(widths.map(columnWidth => '─'.repeat(columnWidth)).join('─┼─')));
	for (const row of rows) {
		lines.push(...renderRow(row, widths, table.align));
	}

	return lines;
}
