// The benchmark's rows: how each is judged, printed as a table and written as JSON.

export interface Row {
	id: string;
	scenario: string;
	/** The measured figure, as printed (e.g. "412 ms"), and its value in `unit`. */
	figure: string;
	value: number;
	unit: string;
	/** The same-run baseline, as printed and as a value; '—' / null when the row has none. */
	baseline: string;
	baselineValue: number | null;
	/** figure / baseline, when there is a baseline. */
	ratio: number | null;
	target: string;
	/** null: reported, not judged. */
	pass: boolean | null;
	/** Every sample and side figure, for results.json. */
	details: Record<string, unknown>;
}

const headers = ['#', 'scenario', 'figure', 'baseline', 'ratio', 'target', 'result'];

function cells(row: Row): string[] {
	return [
		row.id,
		row.scenario,
		row.figure,
		row.baseline,
		row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`,
		row.target,
		row.pass === null ? 'report' : row.pass ? 'pass' : 'FAIL',
	];
}

/** A plain-text table (also valid markdown), one row per scenario. */
export function formatTable(rows: readonly Row[]): string {
	const table = [headers, ...rows.map(row => cells(row))];
	const widths = headers.map((_, column) => Math.max(...table.map(line => [...line[column]!].length)));
	const line = (values: string[]): string => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
	return [line(table[0]!), `| ${widths.map(width => '-'.repeat(width)).join(' | ')} |`, ...table.slice(1).map(values => line(values))].join('\n');
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
