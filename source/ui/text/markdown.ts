/**
 * Markdown → terminal lines. marked's lexer parses (GFM, on a private Marked instance so another
 * module's `marked.use()` cannot change what we show, plus our footnote tokenizers); we render the
 * tokens ourselves. Links are OSC 8 hyperlinks built by the app (hyperlinks.ts), raw HTML shows
 * as text (markdown-html.ts), code is highlighted (code-highlight.ts) and numbered for `/copy N`.
 */
import {Lexer, Marked, type Links, type Token, type Tokens, type TokensList} from 'marked';
import {renderBlocks} from './markdown-blocks.js';
import {codeLanguage} from './markdown-code.js';
import {footnoteExtensions, isFootnoteDefinition, type FootnoteDefinition} from './markdown-footnotes.js';
import {MarkdownCounters, numberTokens, orderNotes, type Note, type NumberedCode} from './markdown-numbers.js';
import {withNotes} from './markdown-notes.js';
import {sanitize} from './sanitize.js';

const lexerOptions = new Marked({gfm: true, breaks: false, pedantic: false}).use({extensions: footnoteExtensions}).defaults;

/** Lexes markdown into top-level tokens; `links` pre-seeds reference definitions found elsewhere. */
export function lexMarkdown(markdown: string, links?: Links): TokensList {
	// A copy per lexer: marked's Lexer stores its tokenizer (which points back at the lexer) in the options.
	const lexer = new Lexer({...lexerOptions});
	if (links) {
		Object.assign(lexer.tokens.links, links);
	}

	try {
		return lexer.lex(markdown);
	} catch {
		// marked throws only on its own bugs ("Infinite loop on byte"); show the text rather than crash.
		const tokens = [{type: 'text', raw: markdown, text: markdown}] as TokensList;
		tokens.links = lexer.tokens.links;
		return tokens;
	}
}

/** Lexes and numbers sanitized markdown: its tokens, and the notes to list after it. */
function prepare(markdown: string): {tokens: Token[]; notes: Note[]} {
	const tokens = lexMarkdown(markdown);
	const counters = new MarkdownCounters();
	const definitions: FootnoteDefinition[] = [];
	numberTokens(tokens, counters, definitions);
	return {tokens, notes: orderNotes(definitions, counters)};
}

/**
 * Renders untrusted markdown to lines of at most `width` display columns, each styling itself
 * (no ANSI state carries from one line to the next). Blocks are a blank line apart; footnotes
 * follow the message.
 */
export function renderMarkdown(markdown: string, width: number): string[] {
	const {tokens, notes} = prepare(sanitize(markdown));
	return withNotes(renderBlocks(tokens, width, true), notes, width);
}

export interface CodeBlock {
	/** The number shown in the block's header line (`[1] ts`), from 1. */
	index: number;
	/** The first word of the fence's info string, as shown ('' when there is none). */
	language: string;
	/** The code as shown: sanitized (no control sequences), tabs kept, no trailing newline. */
	code: string;
}

/** The code blocks of a markdown text, numbered as `renderMarkdown` numbers them on screen. */
export function codeBlocks(markdown: string): CodeBlock[] {
	const found: CodeBlock[] = [];
	const collect = (tokens: readonly Token[]): void => {
		for (const token of tokens) {
			if (isFootnoteDefinition(token)) {
				continue; // Its blocks are numbered with the notes, after the message.
			}

			if (token.type === 'code') {
				const code = token as NumberedCode;
				found.push({index: code.number!, language: codeLanguage(code.lang), code: code.text});
			}

			const {tokens: children, items} = token as {tokens?: Token[]; items?: Tokens.ListItem[]};
			collect([...children ?? [], ...items?.flatMap(item => item.tokens) ?? []]);
		}
	};

	const {tokens, notes} = prepare(sanitize(markdown));
	collect(tokens);
	collect(notes.flatMap(note => note.definition.tokens));
	return found.sort((a, b) => a.index - b.index);
}
