/**
 * The fenced and indented code blocks of a markdown text, in the order they appear — the order the
 * transcript numbers them on screen, and what `/copy N` takes. Pure: marked's lexer, no rendering.
 */
import type {Token, Tokens} from 'marked';
import {lexMarkdown} from './markdown.js';
import {sanitize} from './sanitize.js';

export interface CodeBlock {
	/** The block's number, from 1. */
	index: number;
	/** The first word of the fence's info string ('' when there is none). */
	language: string;
	/** The code as shown: sanitized (no control sequence, hidden characters as placeholders), no trailing newline. */
	code: string;
}

/** Every code block of `markdown`, nested ones (in lists, quotes) included, numbered in document order. */
export function codeBlocks(markdown: string): CodeBlock[] {
	const found: CodeBlock[] = [];
	const visit = (tokens: readonly Token[]): void => {
		for (const token of tokens) {
			if (token.type === 'code') {
				const code = token as Tokens.Code;
				found.push({index: found.length + 1, language: sanitize(code.lang ?? '').trim().split(/\s/, 1)[0] ?? '', code: code.text});
				continue;
			}

			const {tokens: children, items} = token as {tokens?: Token[]; items?: Tokens.ListItem[]};
			if (children) visit(children);
			if (items) visit(items);
		}
	};

	visit(lexMarkdown(sanitize(markdown)));
	return found;
}
