/** Small operations on styled runs (text pieces with their style), shared by the markdown renderers. */
import type {StyledRun} from './wrap.js';

/** The plain text of runs. */
export function runsText(runs: readonly StyledRun[]): string {
	let text = '';
	for (const run of runs) {
		text += run.text;
	}

	return text;
}

/** Removes leading and trailing whitespace (spaces and line breaks) from runs, in place. */
export function trimRuns(runs: StyledRun[]): StyledRun[] {
	while (runs.length > 0) {
		const text = runs[0]!.text.trimStart();
		if (text !== '') {
			runs[0] = {text, style: runs[0]!.style};
			break;
		}

		runs.shift();
	}

	while (runs.length > 0) {
		const last = runs.length - 1;
		const text = runs[last]!.text.trimEnd();
		if (text !== '') {
			runs[last] = {text, style: runs[last]!.style};
			break;
		}

		runs.pop();
	}

	return runs;
}

/** Runs cut into lines at their `\n` characters (which are left out). */
export function splitRunLines(runs: readonly StyledRun[]): StyledRun[][] {
	const lines: StyledRun[][] = [[]];
	for (const run of runs) {
		const parts = run.text.split('\n');
		for (const [index, part] of parts.entries()) {
			if (index > 0) {
				lines.push([]);
			}

			if (part !== '') {
				lines.at(-1)!.push({text: part, style: run.style});
			}
		}
	}

	return lines;
}
