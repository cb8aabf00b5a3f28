/**
 * Code blocks: a gutter, a dim header line with the block's number and language (`[1] ts`, the
 * number `/copy N` takes), highlighted code, and long lines wrapped after a space where one fits
 * (never cut silently): each continuation row has `↪` in the gutter instead of `│`.
 */
import chalk from 'chalk';
import {highlightCode, highlighterGeneration} from './code-highlight.js';
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

const plainLines = (code: string): StyledRun[][] => code.split('\n').map(line => [{text: line}]);

/** Gutter marks and the columns left for code, at one width. */
interface Frame {
	gutter: string;
	continuation: string;
	inner: number;
}

/** Code lines as screen rows: the first row of a line after the gutter, the rest after `↪`. */
function rows(lines: readonly StyledRun[][], frame: Frame, into: string[]): string[] {
	for (const runs of lines) {
		for (const [index, row] of wrapStyled(runs, {width: frame.inner, mode: 'keep'}).entries()) {
			into.push(row === '' ? frame.gutter.trimEnd() : (index === 0 ? frame.gutter : frame.continuation) + row);
		}
	}

	return into;
}

/**
 * Rows of the lines highlighted last, by width, language, code and what styles they depend on:
 * the tail of a streaming reply renders its last code block again on every call, and styling
 * each token of each line again costs more than highlighting once.
 */
const rowCache = new Map<string, string[]>();
const rowCacheSize = 16;

function cachedRows(code: string, language: string, block: 'finished' | 'open', frame: Frame): string[] {
	const key = `${frame.inner}\u0000${frame.gutter}\u0000${block}\u0000${language}\u0000${chalk.level}\u0000${highlighterGeneration()}\u0000${code}`;
	let cached = rowCache.get(key);
	if (cached === undefined) {
		cached = rows(highlightCode(code, language, block) ?? plainLines(code), frame, []);
		if (rowCache.size >= rowCacheSize) {
			rowCache.delete(rowCache.keys().next().value!);
		}

		rowCache.set(key, cached);
	}

	return cached;
}

/**
 * The code's rows. While a block is still open (streaming), only its complete lines are
 * highlighted and the line being written stays plain: the block is highlighted again once per new
 * line rather than once per token. renderMarkdown follows the same rule, so a streamed render
 * equals the whole render of the same text.
 */
function codeRows(code: string, language: string, block: NumberedCode, frame: Frame, into: string[]): string[] {
	if (isClosed(block)) {
		into.push(...cachedRows(code, language, 'finished', frame));
		return into;
	}

	const cut = block.raw.endsWith('\n') ? code.length : code.lastIndexOf('\n');
	if (cut <= 0) {
		return rows(plainLines(code), frame, into);
	}

	into.push(...cachedRows(code.slice(0, cut), language, 'open', frame));
	return cut < code.length ? rows(plainLines(code.slice(cut + 1)), frame, into) : into;
}

export function renderCode(block: NumberedCode, width: number): string[] {
	const guttered = width >= minimumGutteredWidth;
	const frame: Frame = {
		gutter: guttered ? theme.codeGutter('│') + ' ' : '',
		continuation: guttered ? theme.codeContinuation('↪') + ' ' : '',
		inner: guttered ? width - 2 : width,
	};
	const language = codeLanguage(block.lang);
	const label = [block.number === undefined ? '' : `[${block.number}]`, language].filter(Boolean).join(' ');
	const lines: string[] = [];
	if (label !== '') {
		lines.push(...wrapText(label, frame.inner, 'hard').map(line => frame.gutter + theme.codeLabel(line)));
	}

	return codeRows(sanitize(block.text), language, block, frame, lines);
}
