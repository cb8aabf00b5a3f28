/**
 * Line wrapping by terminal display width (CJK and emoji count 2, combining marks 0), for text
 * that is already sanitized: word wrap for prose, hard cuts for code, and styled runs whose
 * styles are closed on every line.
 */
import {breakLine, trimmedEnd, type BreakOptions, type WrapMode} from './line-break.js';
import {isPrintableAscii, textWidth} from './text-width.js';

/** Tab stops every 4 columns: narrow panes make 8 too wide. */
export const tabWidth = 4;

/** Styles a piece of text; each call must open and close its own ANSI codes (chalk does). */
export type Style = (text: string) => string;

export interface StyledRun {
	text: string;
	style?: Style;
}

/** Replaces tabs with spaces up to the next tab stop; `column` is where the text starts. */
export function expandTabs(line: string, column = 0): string {
	if (!line.includes('\t')) {
		return line;
	}

	let out = '';
	let col = column;
	const parts = line.split('\t');
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index]!;
		out += part;
		col += textWidth(part);
		if (index < parts.length - 1) {
			const pad = tabWidth - (col % tabWidth);
			out += ' '.repeat(pad);
			col += pad;
		}
	}

	return out;
}

/**
 * Word-wraps plain, sanitized text to `width` columns: breaks at spaces, cuts words longer than
 * the width, keeps blank lines, expands tabs.
 */
export function wrapText(text: string, width: number, mode: WrapMode = 'words'): string[] {
	const out: string[] = [];
	for (const raw of text.split('\n')) {
		const line = expandTabs(raw);
		if (line.length <= width && (line.length * 2 <= width || isPrintableAscii(line))) {
			out.push(mode === 'words' ? line.slice(0, trimmedEnd(line, 0, line.length)) : line);
			continue;
		}

		const ranges = breakLine(line, {width, mode});
		for (let index = 0; index < ranges.length; index += 2) {
			out.push(line.slice(ranges[index], ranges[index + 1]));
		}
	}

	return out;
}

/** Expands tabs across runs, counting columns from each line start. */
function expandRunTabs(runs: readonly StyledRun[]): readonly StyledRun[] {
	if (!runs.some(run => run.text.includes('\t'))) {
		return runs;
	}

	let column = 0;
	return runs.map(run => {
		const lines = run.text.split('\n');
		const expanded = lines.map((line, index) => {
			if (index > 0) {
				column = 0;
			}

			const result = expandTabs(line, column);
			column += textWidth(result);
			return result;
		});
		return {text: expanded.join('\n'), style: run.style};
	});
}

/**
 * Wraps styled text: runs are joined, broken like `breakLine` (at \n too), and every output line
 * styles its own pieces, so no style is left open across lines. `width` may be a number or full
 * break options (the first output line gets `width`, later ones `restWidth`).
 */
export function wrapStyled(runs: readonly StyledRun[], options: BreakOptions | number): string[] {
	const breakOptions: BreakOptions = typeof options === 'number' ? {width: options} : options;
	const expanded = expandRunTabs(runs);
	const plain = expanded.map(run => run.text).join('');
	const runEnds: number[] = [];
	let total = 0;
	for (const run of expanded) {
		total += run.text.length;
		runEnds.push(total);
	}

	const out: string[] = [];
	let runIndex = 0;
	let lineStart = 0;
	let firstLine = true;
	while (lineStart <= plain.length) {
		let lineEnd = plain.indexOf('\n', lineStart);
		if (lineEnd < 0) {
			lineEnd = plain.length;
		}

		const line = plain.slice(lineStart, lineEnd);
		const ranges = breakLine(
			line,
			firstLine ? breakOptions : {...breakOptions, width: breakOptions.restWidth ?? breakOptions.width},
		);
		firstLine = false;
		for (let index = 0; index < ranges.length; index += 2) {
			const start = lineStart + ranges[index]!;
			const end = lineStart + ranges[index + 1]!;
			while (runIndex < expanded.length && runEnds[runIndex]! <= start && runEnds[runIndex]! < plain.length) {
				runIndex++;
			}

			out.push(styleSpan(expanded, runEnds, runIndex, start, end));
		}

		lineStart = lineEnd + 1;
	}

	return out;
}

/** Styles plain[start, end) run by run, starting the search at run `from`. */
function styleSpan(runs: readonly StyledRun[], runEnds: readonly number[], from: number, start: number, end: number): string {
	let out = '';
	let position = start;
	for (let index = from; index < runs.length && position < end; index++) {
		const runEnd = runEnds[index]!;
		if (runEnd <= position) {
			continue;
		}

		const runStart = runEnd - runs[index]!.text.length;
		const pieceEnd = Math.min(end, runEnd);
		const piece = runs[index]!.text.slice(position - runStart, pieceEnd - runStart);
		const style = runs[index]!.style;
		out += style ? style(piece) : piece;
		position = pieceEnd;
	}

	return out;
}
