/**
 * Block markdown tokens (from marked's lexer) → terminal lines no wider than `width`.
 * Containers (lists, quotes, code) render their content narrower and prefix each line, so every
 * line opens and closes its own styles.
 */
import type {MarkedToken, Token, Tokens} from 'marked';
import {inlineRuns, trimRuns} from './markdown-inline.js';
import {renderTable} from './markdown-table.js';
import {sanitize} from './sanitize.js';
import {theme} from './theme.js';
import {textWidth} from './text-width.js';
import {wrapStyled, wrapText, type Style} from './wrap.js';

/** Content narrower than this is not indented further: the indent would leave no room to read. */
const minimumContentWidth = 10;

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
	const block = token as MarkedToken;
	switch (block.type) {
		case 'space':
		case 'def': {
			return [];
		}

		case 'paragraph': {
			return wrapStyled(trimRuns(inlineRuns(block.tokens, undefined)), width);
		}

		case 'text': {
			const runs = block.tokens ? inlineRuns(block.tokens, undefined) : [{text: sanitize(block.text)}];
			return wrapStyled(trimRuns(runs), width);
		}

		case 'heading': {
			return wrapStyled(trimRuns(inlineRuns(block.tokens, headingStyle(block.depth))), width);
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
			return wrapText(sanitize(block.text).replace(/\n+$/, ''), width);
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
			return wrapStyled(trimRuns(inlineRuns([block], undefined)), width);
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
function prefixLines(
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

function renderCode(block: Tokens.Code, width: number): string[] {
	const gutter = width - 2 >= minimumContentWidth ? theme.codeGutter('│') + ' ' : '';
	const inner = gutter === '' ? width : width - 2;
	const lines: string[] = [];
	const language = sanitize(block.lang ?? '').trim();
	if (language !== '') {
		lines.push(...wrapText(language, inner, 'hard').map(line => gutter + theme.codeLabel(line)));
	}

	for (const line of wrapText(sanitize(block.text), inner, 'hard')) {
		lines.push(line === '' ? gutter.trimEnd() : gutter + line);
	}

	return lines;
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
