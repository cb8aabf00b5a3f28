/**
 * Raw HTML in markdown, shown as a browser would show its text, never as tags and never acted on:
 * `<br>` breaks the line, `<kbd>` looks like a key, `<b>`/`<i>`/`<code>`… style their text,
 * `<summary>` is a line of its own (a `<details>` body is plain markdown after it, shown as usual),
 * block tags start new lines, comments, `<script>` and `<style>` show nothing, and every other tag
 * vanishes, leaving its text. Entities are decoded with the full HTML5 table (the `entities` package).
 */
import {decodeHTMLStrict} from 'entities/decode';
import {linkStyle} from './hyperlinks.js';
import {sanitize} from './sanitize.js';
import {runsText, splitRunLines, trimRuns} from './styled-runs.js';
import {nest, theme} from './theme.js';
import type {Style, StyledRun} from './wrap.js';

const entity = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|[a-zA-Z][a-zA-Z\d]{1,31});/g;

function decodeEntity(match: string, decimal?: string, hex?: string): string {
	if (decimal === undefined && hex === undefined) {
		// Named: the HTML5 table, semicolon required (CommonMark); unknown names stay as written.
		return decodeHTMLStrict(match);
	}

	const code = decimal === undefined ? Number.parseInt(hex!, 16) : Number.parseInt(decimal, 10);
	// CommonMark: invalid code points and NUL become U+FFFD; the rest are taken as written (controls
	// among them are removed by the sanitizer afterwards).
	return code === 0 || code > 0x10_ffff || (code >= 0xd8_00 && code <= 0xdf_ff) ? '\uFFFD' : String.fromCodePoint(code);
}

/** Decodes HTML entities (marked leaves them encoded in its tokens). */
export function decodeEntities(text: string): string {
	return text.includes('&') ? text.replace(entity, decodeEntity) : text;
}

/** Text as shown: entities decoded, controls stripped. */
export function displayText(text: string): string {
	return sanitize(decodeEntities(text));
}

interface Tag {
	name: string;
	closing: boolean;
	attributes: string;
}

const tagPattern = /^<(\/?)([a-zA-Z][a-zA-Z\d-]*)([^>]*)>$/;

function parseTag(html: string): Tag | undefined {
	const match = tagPattern.exec(html.trim());
	return match ? {closing: match[1] === '/', name: match[2]!.toLowerCase(), attributes: match[3]!} : undefined;
}

/** The value of attribute `name` in a tag's attribute text, decoded and sanitized. */
function attribute(attributes: string, name: string): string | undefined {
	const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i').exec(attributes);
	return match ? displayText(match[1] ?? match[2] ?? match[3] ?? '') : undefined;
}

const inlineStyles: Readonly<Record<string, Style>> = {
	b: theme.strong,
	strong: theme.strong,
	i: theme.emphasis,
	em: theme.emphasis,
	cite: theme.emphasis,
	var: theme.emphasis,
	s: theme.strike,
	del: theme.strike,
	strike: theme.strike,
	code: theme.inlineCode,
	tt: theme.inlineCode,
	samp: theme.inlineCode,
	kbd: theme.keyCap,
	u: theme.underline,
	ins: theme.underline,
};

/** Tags that start and end a line of their own. */
const blockTags = new Set([
	'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
	'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
	'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

/** Elements whose content is never text to read. */
const hiddenContent = new Set(['script', 'style', 'template', 'title', 'head']);

interface Open {
	name: string;
	style: Style | undefined;
	/** An `<a>`'s address, and where its text starts in the output: the address follows the text. */
	link?: {href: string; title: string; start: number; style: Style | undefined};
}

/**
 * What follows a link's text: its address when the text does not already say it, and its title,
 * as ` (https://example.com “Title”)`.
 */
export function linkSuffix(href: string, title: string, shown: string): string {
	const parts: string[] = [];
	if (href !== '' && href !== shown && href !== `mailto:${shown}` && href !== `http://${shown}`) {
		parts.push(href);
	}

	if (title !== '') {
		parts.push(`“${title}”`);
	}

	return parts.length === 0 ? '' : ` (${parts.join(' ')})`;
}

/**
 * What raw HTML tags have opened so far within one run of inline content (a paragraph, a cell) or
 * one HTML block: marked gives `<kbd>`, its text and `</kbd>` as separate tokens.
 */
export class HtmlContext {
	private readonly open: Open[] = [];

	constructor(private readonly base: Style | undefined) {}

	/** The style for text at this point. */
	get style(): Style | undefined {
		return this.open.at(-1)?.style ?? this.base;
	}

	/** True inside `<script>`, `<style>` and the like, whose text is not shown. */
	get hidden(): boolean {
		return this.open.some(element => hiddenContent.has(element.name));
	}

	/** True inside `<pre>`, whose white space is kept. */
	get preformatted(): boolean {
		return this.open.some(element => element.name === 'pre');
	}

	/** Applies one piece of raw HTML that is not text (a tag, comment, declaration), appending what it shows. */
	apply(html: string, out: StyledRun[], block: boolean): void {
		const tag = parseTag(html);
		if (tag === undefined) {
			return; // A comment, declaration or processing instruction shows nothing.
		}

		if (tag.closing) {
			this.close(tag.name, out, block);
			return;
		}

		this.openTag(tag, out, block);
	}

	private openTag(tag: Tag, out: StyledRun[], block: boolean): void {
		const {name, attributes} = tag;
		if (name === 'br') {
			out.push({text: '\n', style: this.style});
			return;
		}

		if (name === 'img') {
			const alt = attribute(attributes, 'alt');
			out.push({text: `[image${alt ? `: ${alt}` : ''}]`, style: this.style});
			return;
		}

		if (name === 'hr' || name === 'wbr' || /\/\s*$/.test(attributes)) {
			if (name === 'hr') {
				out.push({text: '\n', style: this.style});
			}

			return; // Void or self-closed: nothing opens.
		}

		if (block && blockTags.has(name)) {
			out.push({text: '\n', style: this.style});
		}

		if (name === 'summary') {
			out.push({text: '▸ ', style: nest(this.style, theme.summary)});
			this.open.push({name, style: nest(this.style, theme.summary)});
			return;
		}

		if (name === 'li' && block) {
			out.push({text: '• ', style: nest(this.style, theme.listMarker)});
		}

		if (name === 'td' || name === 'th') {
			out.push({text: ' ', style: this.style});
		}

		if (name === 'a') {
			const href = attribute(attributes, 'href') ?? '';
			const title = attribute(attributes, 'title') ?? '';
			this.open.push({
				name,
				style: linkStyle(href, nest(this.style, theme.link)),
				link: {href, title, start: out.length, style: linkStyle(href, nest(this.style, theme.url))},
			});
			return;
		}

		const style = inlineStyles[name];
		this.open.push({name, style: style === undefined ? this.style : nest(this.style, style)});
	}

	private close(name: string, out: StyledRun[], block: boolean): void {
		const index = this.open.findLastIndex(element => element.name === name);
		if (index >= 0) {
			const [element] = this.open.splice(index);
			if (element!.link) {
				const {href, title, start, style} = element!.link;
				const suffix = linkSuffix(href, title, runsText(out.slice(start)));
				if (suffix !== '') {
					out.push({text: suffix, style});
				}
			}
		}

		if (block && blockTags.has(name)) {
			out.push({text: '\n', style: this.style});
		}
	}
}

const piece = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[\s\S]*?(?:\?>|$)|<\/?[a-zA-Z][a-zA-Z\d-]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * The runs of an HTML block: its text, with line breaks (`\n`) where block tags or `<br>` put them,
 * white space collapsed as a browser would, no blank lines.
 */
export function htmlBlockRuns(html: string): StyledRun[] {
	const context = new HtmlContext(undefined);
	const out: StyledRun[] = [];
	const addText = (text: string): void => {
		if (text === '' || context.hidden) {
			return;
		}

		const shown = context.preformatted ? displayText(text) : displayText(text.replaceAll(/\s+/g, ' '));
		out.push({text: shown, style: context.style});
	};

	let last = 0;
	for (const match of html.matchAll(piece)) {
		addText(html.slice(last, match.index));
		context.apply(match[0], out, true);
		last = match.index + match[0].length;
	}

	addText(html.slice(last));
	return tidyLines(out);
}

/** Trims every line and drops the empty ones: a browser shows no blank line for markup alone. */
function tidyLines(runs: readonly StyledRun[]): StyledRun[] {
	const out: StyledRun[] = [];
	for (const line of splitRunLines(runs)) {
		const trimmed = trimRuns(line);
		if (trimmed.length === 0) {
			continue;
		}

		if (out.length > 0) {
			out.push({text: '\n'});
		}

		out.push(...trimmed);
	}

	return out;
}
