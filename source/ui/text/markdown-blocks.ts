/**
 * Block markdown tokens (from marked's lexer) → terminal lines no wider than `width`.
 * Containers (lists, quotes, code) render their content narrower and prefix each line, so every
 * line opens and closes its own styles.
 */
import type {MarkedToken, Token, Tokens} from 'marked';
import {renderCode} from './markdown-code.js';
import {isFootnoteDefinition} from './markdown-footnotes.js';
import {htmlBlockRuns} from './markdown-html.js';
import {inlineRuns} from './markdown-inline.js';
import {renderTable} from './markdown-table.js';
import {sanitize} from './sanitize.js';
import {trimRuns} from './styled-runs.js';
import {theme} from './theme.js';
import {textWidth} from './text-width.js';
import {wrapStyled, wrapText, type Style, type StyledRun} from './wrap.js';

/** Content narrower than this is not indented further: the indent would leave no room to read. */
export const minimumContentWidth = 10;

const bullets = ['•', '◦', '▪'];

/** Joins the lines of blocks, with a blank line between blocks when `spaced`; empty blocks vanish. */
export function joinBlocks(blocks: readonly (readonly string[])[], spaced: boolean, into: string[] = []): string[] {
	for (const lines of blocks) {
		if (lines.length === 0) {
			continue;
		}

		if (spaced && into.length > 0) {
			into.push('');
		}

		into.push(...lines);
	}

	return into;
}

/** Renders block tokens (space tokens skipped) and joins them, a blank line apart when `spaced`. */
export function renderBlocks(tokens: readonly Token[], width: number, spaced: boolean, depth = 0): string[] {
	const blocks: string[][] = [];
	for (const token of tokens) {
		blocks.push(renderBlock(token, width, depth));
	}

	return joinBlocks(blocks, spaced);
}

/** Trimmed runs wrapped to `width`; no lines at all when nothing is left to show (markup alone). */
function wrapRuns(runs: StyledRun[], width: number): string[] {
	const trimmed = trimRuns(runs);
	return trimmed.length === 0 ? [] : wrapStyled(trimmed, width);
}

function headingStyle(depth: number): Style {
	switch (depth) {
		case 1: {
			return theme.heading1;
		}

		case 2: {
			return theme.heading2;
		}

		case 3: {
			return theme.heading3;
		}

		default: {
			return theme.heading;
		}
	}
}

/** The lines of one block token; `depth` is the list nesting level (for bullet shapes). */
export function renderBlock(token: Token, width: number, depth = 0): string[] {
	if (isFootnoteDefinition(token)) {
		return []; // Listed after the message (markdown-notes.ts).
	}

	const block = token as MarkedToken;
	switch (block.type) {
		case 'space':
		case 'def': {
			return [];
		}

		case 'paragraph': {
			return wrapRuns(inlineRuns(block.tokens, undefined), width);
		}

		case 'text': {
			return wrapRuns(block.tokens ? inlineRuns(block.tokens, undefined) : [{text: sanitize(block.text)}], width);
		}

		case 'heading': {
			return wrapRuns(inlineRuns(block.tokens, headingStyle(block.depth)), width);
		}

		case 'code': {
			return renderCode(block, width);
		}

		case 'blockquote': {
			const gutter = theme.quoteGutter('┃') + ' ';
			return prefixLines(inner => renderBlocks(block.tokens, inner, true, depth), gutter, gutter, 2, width);
		}

		case 'list': {
			return renderList(block, width, depth);
		}

		case 'hr': {
			return [theme.rule('─'.repeat(Math.max(1, width)))];
		}

		case 'html': {
			return wrapRuns(htmlBlockRuns(block.text), width);
		}

		case 'table': {
			return renderTable(block, width);
		}

		case 'list_item': {
			return renderBlocks(block.tokens, width, block.loose, depth);
		}

		case 'br':
		case 'codespan':
		case 'del':
		case 'em':
		case 'escape':
		case 'image':
		case 'link':
		case 'strong': {
			// Inline tokens only appear inside blocks; treat a stray one as a paragraph.
			return wrapRuns(inlineRuns([block], undefined), width);
		}

		default: {
			// Tokens from extensions (none are installed): show their text.
			return wrapText(sanitize((block as Tokens.Generic).raw), width);
		}
	}
}

/**
 * Renders content narrower and prefixes its lines (first line `first`, the others `rest`, both
 * `prefixWidth` wide). When that would leave too little room, the content gets the full width and
 * no prefix instead: every line must stay within `width`.
 */
export function prefixLines(
	render: (width: number) => string[],
	first: string,
	rest: string,
	prefixWidth: number,
	width: number,
): string[] {
	if (width - prefixWidth < minimumContentWidth) {
		return render(width);
	}

	return render(width - prefixWidth).map((line, index) => {
		const prefix = index === 0 ? first : rest;
		return line === '' ? prefix.trimEnd() : prefix + line;
	});
}

function renderList(list: Tokens.List, width: number, depth: number): string[] {
	const start = list.start === '' ? 1 : list.start;
	const bullet = bullets[depth % bullets.length]!;
	const markers = list.items.map((_item, index) => (list.ordered ? `${start + index}.` : bullet));
	const markerWidth = Math.max(...markers.map(marker => textWidth(marker))) + 1;
	const items = list.items.map((item, index) => {
		const marker = markers[index]!;
		const padded = theme.listMarker(marker) + ' '.repeat(markerWidth - textWidth(marker));
		const content = (inner: number): string[] => renderBlocks(item.tokens, inner, list.loose, depth + 1);
		// A task's checkbox hangs like a second marker, so only task items indent further.
		const box = `[${item.checked ? 'x' : ' '}] `;
		const render = item.task
			? (inner: number): string[] => prefixLines(content, theme.listMarker(box), '    ', 4, inner)
			: content;
		if (width - markerWidth < minimumContentWidth) {
			// Too narrow to indent: the marker on its own line, then the content at full width.
			return [theme.listMarker(marker), ...render(width)];
		}

		const lines = prefixLines(render, padded, ' '.repeat(markerWidth), markerWidth, width);
		return lines.length === 0 ? [theme.listMarker(marker)] : lines;
	});
	return joinBlocks(items, list.loose);
}
