/**
 * Code blocks: a gutter, a dim header line with the block's number and language (`[1] ts`, the
 * number `/copy N` takes), highlighted code, and long lines wrapped after a space where one fits
 * (never cut silently): each continuation row has `↪` in the gutter instead of `│`.
 */
import {highlightCode} from './code-highlight.js';
import {decodeEntities} from './markdown-html.js';
import type {NumberedCode} from './markdown-numbers.js';
import {sanitize} from './sanitize.js';
import {theme} from './theme.js';
import {wrapStyled, wrapText, type StyledRun} from './wrap.js';

/** Below this the gutter is dropped: the code needs the columns more. */
const minimumGutteredWidth = 6;

/** The language of a fence's info string: its first word (`ts {.line-numbers}` → `ts`). */
export function codeLanguage(info: string | undefined): string {
	return sanitize(decodeEntities(info ?? '')).trim().split(/\s/, 1)[0] ?? '';
}

/** True when the block's closing fence has arrived (an indented block is always whole). */
function isClosed(block: NumberedCode): boolean {
	return block.codeBlockStyle === 'indented' || /\n {0,3}(?:`{3,}|~{3,})[ \t]*\n*$/.test(block.raw);
}

export function renderCode(block: NumberedCode, width: number): string[] {
	const guttered = width >= minimumGutteredWidth;
	const gutter = guttered ? theme.codeGutter('│') + ' ' : '';
	const continuation = guttered ? theme.codeContinuation('↪') + ' ' : '';
	const inner = guttered ? width - 2 : width;
	const language = codeLanguage(block.lang);
	const label = [block.number === undefined ? '' : `[${block.number}]`, language].filter(Boolean).join(' ');
	const lines: string[] = [];
	if (label !== '') {
		lines.push(...wrapText(label, inner, 'hard').map(line => gutter + theme.codeLabel(line)));
	}

	const code = sanitize(block.text);
	const styled = highlightCode(code, language, isClosed(block));
	const codeLines: readonly StyledRun[][] = styled ?? code.split('\n').map(line => [{text: line}]);
	for (const runs of codeLines) {
		const rows = wrapStyled(runs, {width: inner, mode: 'keep'});
		for (const [index, row] of rows.entries()) {
			if (row === '') {
				lines.push(gutter.trimEnd());
			} else {
				lines.push((index === 0 ? gutter : continuation) + row);
			}
		}
	}

	return lines;
}
