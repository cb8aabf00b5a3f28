/**
 * Renders the markdown of a reply that is still streaming, without re-rendering all of it per call.
 *
 * The text is split at the last stable block boundary: a blank line (outside any open fence, html
 * block or list continuation — marked's own lexer tells us where blocks end) followed by a block
 * that starts at column 0 and whose first line is complete, and no list on both sides. Nothing
 * appended later can change the blocks before such a boundary, so their tokens are kept and their
 * lines cached per width; each call only lexes and renders the tail after the boundary.
 *
 * The output equals `renderMarkdown(fullText, width)` for every prefix of the text, not only the
 * final one (the tests check this at every cut point). One exception is handled by a slow path:
 * a link reference definition (`[x]: url`) that arrives later can turn text earlier in the reply
 * into a link, so a change in the set of definitions re-lexes the stable part once.
 *
 * Numbers (code blocks, footnotes) continue from the stable part's counters into the tail; the
 * footnotes are listed after the lines on every call. When the highlighter arrives, the cached
 * lines (rendered with plain code) are rendered again.
 *
 * Cost per call ≈ sanitizing the appended characters + lexing and rendering the unstable tail (the
 * last block or two; an open code block is highlighted again only when a line of it completes),
 * plus copying the line array; it does not grow with the length of the reply unless one block
 * (e.g. a single huge code block or list) keeps growing.
 */
import type {Links, Token, TokensList} from 'marked';
import {highlighterGeneration} from './code-highlight.js';
import {joinBlocks, renderBlock} from './markdown-blocks.js';
import type {FootnoteDefinition} from './markdown-footnotes.js';
import {MarkdownCounters, numberTokens, orderNotes} from './markdown-numbers.js';
import {withNotes} from './markdown-notes.js';
import {lexMarkdown} from './markdown.js';
import {Sanitizer} from './sanitize.js';

interface RenderedPrefix {
	lines: string[];
	/** How many stable blocks `lines` holds. */
	blocks: number;
}

/** Widths kept in the cache of stable lines (a resize re-renders the stable part once). */
const cachedWidths = 3;
/** How many of the first and last characters seen must match for a text to count as an extension. */
const seamCheckLength = 64;

function linksKey(links: Links): string {
	let key = '';
	for (const label in links) {
		const link = links[label]!;
		key += `${label}\u0000${link.href}\u0000${link.title ?? ''}\u0001`;
	}

	return key;
}

function isBlankLine(text: string, from: number, to: number): boolean {
	for (let index = from; index < to; index++) {
		const code = text.charCodeAt(index);
		if (code !== 32 && code !== 9) {
			return false;
		}
	}

	return true;
}

export class StreamingMarkdown {
	/** Length of the raw text consumed so far, and its last characters (to notice a different text). */
	private rawLength = 0;
	private rawStart = '';
	private rawEnd = '';
	private sanitizer = new Sanitizer();
	/**
	 * The sanitized text, kept as two strings: the stable part (only re-read in the rare relex) and
	 * the tail. One growing string would be flattened — copied whole — by every slice.
	 */
	private stableText = '';
	private tail = '';
	/** Top-level block tokens of `stableText`, space tokens left out. */
	private stableBlocks: Token[] = [];
	/** Reference definitions in `stableText`. */
	private stableLinks: Links = Object.create(null) as Links;
	/** The definitions `stableBlocks` were lexed with. */
	private stableLinksKey = '';
	/** Code blocks and footnote labels numbered in `stableBlocks`, and its footnote definitions. */
	private stableCounters = new MarkdownCounters();
	private stableDefinitions: FootnoteDefinition[] = [];
	private prefixes = new Map<number, RenderedPrefix>();
	/** The highlighter generation the cached lines were rendered with. */
	private generation = highlighterGeneration();
	private last: {raw: string; width: number; lines: readonly string[]} | undefined;

	/** Characters after the stable boundary, re-lexed on every call (what each call costs). */
	get tailLength(): number {
		return this.tail.length;
	}

	/** Forgets everything; needed only when the text is replaced rather than extended. */
	reset(): void {
		this.rawLength = 0;
		this.rawStart = '';
		this.rawEnd = '';
		this.sanitizer = new Sanitizer();
		this.stableText = '';
		this.tail = '';
		this.stableBlocks = [];
		this.stableLinks = Object.create(null) as Links;
		this.stableLinksKey = '';
		this.stableCounters = new MarkdownCounters();
		this.stableDefinitions = [];
		this.prefixes.clear();
		this.last = undefined;
	}

	/**
	 * Lines of `fullText` at `width`. `fullText` should extend the previous call's text; a text that
	 * is shorter, or differs in the first or last characters the previous call saw, starts over (comparing
	 * all of it would cost a pass over the whole reply per call). The returned array is shared with
	 * later calls that have the same input: do not modify it.
	 */
	render(fullText: string, width: number): readonly string[] {
		if (this.generation !== highlighterGeneration()) {
			this.generation = highlighterGeneration();
			this.prefixes.clear();
			this.last = undefined;
		}

		if (this.last && this.last.raw === fullText && this.last.width === width) {
			return this.last.lines;
		}

		if (
			fullText.length < this.rawLength
			|| !fullText.startsWith(this.rawStart)
			|| !fullText.startsWith(this.rawEnd, this.rawLength - this.rawEnd.length)
		) {
			this.reset();
		}

		if (fullText.length > this.rawLength) {
			this.tail += this.sanitizer.push(fullText.slice(this.rawLength));
			this.rawLength = fullText.length;
			this.rawStart = fullText.slice(0, seamCheckLength);
			this.rawEnd = fullText.slice(-seamCheckLength);
		}

		const tail = this.tail;
		const tokens = lexMarkdown(tail, this.stableLinks);
		const key = linksKey(tokens.links);
		if (key !== this.stableLinksKey) {
			this.relexStable(tokens.links, key);
		}

		const counters = this.stableCounters.clone();
		const definitions = [...this.stableDefinitions];
		numberTokens(tokens, counters, definitions);
		const rest = this.commit(tail, tokens);
		const prefix = this.prefixLines(width);
		const tailLines = joinBlocks(
			rest.map(token => renderBlock(token, width)),
			true,
		);
		let lines: string[];
		if (prefix.length === 0) {
			lines = tailLines;
		} else if (tailLines.length === 0) {
			lines = prefix.slice();
		} else {
			lines = prefix.concat('', tailLines);
		}

		lines = withNotes(lines, orderNotes(definitions, counters), width);
		this.last = {raw: fullText, width, lines};
		return lines;
	}

	/** A definition appeared or changed: lex the stable text again so its links resolve the same way. */
	private relexStable(links: Links, key: string): void {
		if (this.stableText !== '') {
			const tokens = lexMarkdown(this.stableText, links);
			this.stableBlocks = tokens.filter(token => token.type !== 'space');
			this.stableCounters = new MarkdownCounters();
			this.stableDefinitions = [];
			numberTokens(this.stableBlocks, this.stableCounters, this.stableDefinitions);
			this.prefixes.clear();
		}

		this.stableLinksKey = key;
	}

	/**
	 * Moves the tail's leading blocks that can no longer change into the stable part and returns
	 * the tokens still unstable.
	 */
	private commit(tail: string, tokens: TokensList): Token[] {
		// Offsets of each token in `tail`. Definitions produce no token, so a token may start later
		// than the previous one ended; a raw text we cannot find stops the walk (no commit past it).
		const starts: number[] = [];
		let cursor = 0;
		for (const token of tokens) {
			const start = tail.startsWith(token.raw, cursor) ? cursor : tail.indexOf(token.raw, cursor);
			if (start < 0) {
				break;
			}

			starts.push(start);
			cursor = start + token.raw.length;
		}

		let boundary = -1;
		let previous = -1;
		for (let index = 0; index < starts.length; index++) {
			const token = tokens[index]!;
			if (token.type === 'space') {
				continue;
			}

			if (previous >= 0 && this.isStableBoundary(tail, starts[index]!, tokens[previous]!, token)) {
				boundary = index;
			}

			previous = index;
		}

		if (boundary < 0) {
			return tokens;
		}

		const cut = starts[boundary]!;
		const chunk = tail.slice(0, cut);
		const committed = tokens.slice(0, boundary).filter(token => token.type !== 'space');
		this.stableBlocks.push(...committed);
		// The same numbers they already carry: the tail was numbered from these counters.
		numberTokens(committed, this.stableCounters, this.stableDefinitions);

		if (linksKey(tokens.links) !== linksKey(this.stableLinks)) {
			// The tail holds definitions: keep those of the committed part (first one wins, as in marked).
			this.stableLinks = Object.assign(Object.create(null) as Links, lexMarkdown(chunk, this.stableLinks).links);
		}

		this.stableText += chunk;
		this.tail = tail.slice(cut);
		return tokens.slice(boundary);
	}

	private isStableBoundary(tail: string, start: number, before: Token, after: Token): boolean {
		// The block after the boundary starts at column 0 with a visible character…
		const first = tail.charCodeAt(start);
		if (first === 32 || first === 9 || first === 10) {
			return false;
		}

		// …its first line is complete, so its kind is settled…
		if (!tail.includes('\n', start)) {
			return false;
		}

		// …a blank line separates it from the block before…
		if (start < 2 || tail.charCodeAt(start - 1) !== 10) {
			return false;
		}

		const lineStart = tail.lastIndexOf('\n', start - 2) + 1;
		if (!isBlankLine(tail, lineStart, start - 1)) {
			return false;
		}

		// …and two lists in a row could still be one loose list.
		return !(before.type === 'list' && after.type === 'list');
	}

	/** Lines of the stable blocks at `width`, extended with blocks committed since the last call. */
	private prefixLines(width: number): readonly string[] {
		let prefix = this.prefixes.get(width);
		if (!prefix) {
			if (this.prefixes.size >= cachedWidths) {
				this.prefixes.delete(this.prefixes.keys().next().value!);
			}

			prefix = {lines: [], blocks: 0};
			this.prefixes.set(width, prefix);
		}

		if (prefix.blocks < this.stableBlocks.length) {
			const blocks = this.stableBlocks.slice(prefix.blocks).map(token => renderBlock(token, width));
			joinBlocks(blocks, true, prefix.lines);
			prefix.blocks = this.stableBlocks.length;
		}

		return prefix.lines;
	}
}
