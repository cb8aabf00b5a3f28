/**
 * Markdown → terminal lines. marked's lexer parses (GFM, its pristine defaults, so another
 * module's `marked.use()` cannot change what we show); we render the tokens ourselves.
 * Links show as "text (url)", never as OSC 8 hyperlinks; html shows as its plain text.
 */
import {getDefaults, Lexer, type Links, type TokensList} from 'marked';
import {renderBlocks} from './markdown-blocks.js';
import {sanitize} from './sanitize.js';

/** Lexes markdown into top-level tokens; `links` pre-seeds reference definitions found elsewhere. */
export function lexMarkdown(markdown: string, links?: Links): TokensList {
	const lexer = new Lexer({...getDefaults(), gfm: true, breaks: false, pedantic: false});
	if (links) {
		Object.assign(lexer.tokens.links, links);
	}

	try {
		return lexer.lex(markdown);
	} catch {
		// marked throws only on its own bugs ("Infinite loop on byte"); show the text rather than crash.
		const tokens = [{type: 'html', raw: markdown, text: markdown, block: true, pre: false}] as TokensList;
		tokens.links = lexer.tokens.links;
		return tokens;
	}
}

/**
 * Renders untrusted markdown to lines of at most `width` display columns, each styling itself
 * (no ANSI state carries from one line to the next). Blocks are a blank line apart.
 */
export function renderMarkdown(markdown: string, width: number): string[] {
	return renderBlocks(lexMarkdown(sanitize(markdown)), width, true);
}

