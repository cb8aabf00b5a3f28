// The torture table, printed like the bench's.
import {passed} from './context.js';
import type {RowResult} from './context.js';

const headers = ['#', 'fault', 'cases', 'lost', 'allowed', 'result'];

function cells(row: RowResult, index: number): string[] {
	const outcome = passed(row);
	return [
		String(index + 1),
		row.row,
		row.skipped === undefined ? String(row.cases) : '—',
		row.skipped === undefined ? String(row.lost) : '—',
		row.skipped === undefined ? String(row.allowed) : '—',
		outcome === null ? row.skipped! : outcome ? 'pass' : 'FAIL',
	];
}

/** A plain-text table (also valid markdown), then the reasons of every failing row. */
export function formatTable(rows: readonly RowResult[]): string {
	const table = [headers, ...rows.map((row, index) => cells(row, index))];
	const widths = headers.map((_, column) => Math.max(...table.map(line => [...line[column]!].length)));
	const line = (values: string[]): string => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
	const reasons = rows.flatMap((row, index) => row.failures.map(failure => `  ${index + 1}. ${failure}`));
	return [
		line(table[0]!),
		`| ${widths.map(width => '-'.repeat(width)).join(' | ')} |`,
		...table.slice(1).map(values => line(values)),
		...(reasons.length > 0 ? ['', 'Failures:', ...reasons] : []),
	].join('\n');
}
