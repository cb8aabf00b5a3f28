// A scenario beyond the built-in rows: it makes its own data in the run's temp folder and returns its rows.
import type {BenchContext} from './app.js';
import type {Row} from './report.js';

export interface Scenario {
	/** The row ids it reports (for --only and the table's order), after the built-in 1–8. */
	ids: readonly string[];
	/** One line for the log, e.g. "search in a 77 MB database". */
	title: string;
	/** Measures the rows of `ids` that `wanted` holds. */
	run: (context: BenchContext, wanted: ReadonlySet<string>) => Promise<Row[]>;
}
