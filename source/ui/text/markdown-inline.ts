/**
 * Inline markdown tokens (from marked's lexer) → styled runs for `wrapStyled`.
 * Every piece of text passes through `sanitize`, because entities such as `&#27;` decode to
 * controls and the text comes from a model. Links become OSC 8 hyperlinks built here (hyperlinks.ts),
 * with the address still shown when it differs from the text.
 */
import type {MarkedToken, Token} from 'marked';
import {linkStyle} from './hyperlinks.js';
import {isFootnoteReference} from './markdown-footnotes.js';
import {displayText, HtmlContext, linkSuffix} from './markdown-html.js';
import {sanitize} from './sanitize.js';
import {runsText} from './styled-runs.js';
import {nest, theme} from './theme.js';
import type {Style, StyledRun} from './wrap.js';

/** Inline text as shown: entities decoded, controls stripped, soft line breaks as spaces. */
function inlineText(text: string): string {
	return displayText(text).replaceAll('\n', ' ');
}

/** Appends the runs of inline tokens, styled with `style` (plus their own emphasis), to `out`. */
export function inlineRuns(tokens: readonly Token[], style: Style | undefined, out: StyledRun[] = []): StyledRun[] {
	// Raw HTML tags arrive as separate tokens (`<kbd>`, text, `</kbd>`): they style what follows them.
	let html: HtmlContext | undefined;
	for (const token of tokens) {
		const current = html?.style ?? style;
		if (isFootnoteReference(token)) {
			out.push({text: `[${token.number}]`, style: nest(current, theme.footnote)});
			continue;
		}

		if (html?.hidden && token.type !== 'html') {
			continue;
		}

		const inline = token as MarkedToken;
		switch (inline.type) {
			case 'text': {
				if (inline.tokens) {
					inlineRuns(inline.tokens, current, out);
				} else {
					out.push({text: inlineText(inline.text), style: current});
				}

				break;
			}

			case 'escape': {
				out.push({text: sanitize(inline.text), style: current});
				break;
			}

			case 'strong': {
				inlineRuns(inline.tokens, nest(current, theme.strong), out);
				break;
			}

			case 'em': {
				inlineRuns(inline.tokens, nest(current, theme.emphasis), out);
				break;
			}

			case 'del': {
				inlineRuns(inline.tokens, nest(current, theme.strike), out);
				break;
			}

			case 'codespan': {
				// Entities inside code spans are literal (CommonMark).
				out.push({text: sanitize(inline.text).replaceAll('\n', ' '), style: nest(current, theme.inlineCode)});
				break;
			}

			case 'br': {
				out.push({text: '\n', style: current});
				break;
			}

			case 'link': {
				const href = displayText(inline.href);
				const start = out.length;
				inlineRuns(inline.tokens, linkStyle(href, nest(current, theme.link)), out);
				const suffix = linkSuffix(href, displayText(inline.title ?? ''), runsText(out.slice(start)));
				if (suffix !== '') {
					out.push({text: suffix, style: linkStyle(href, nest(current, theme.url))});
				}

				break;
			}

			case 'image': {
				const href = displayText(inline.href);
				out.push({text: `[image: ${inlineText(inline.text)}]`, style: linkStyle(href, current)});
				const suffix = linkSuffix(href, displayText(inline.title ?? ''), '');
				if (suffix !== '') {
					out.push({text: suffix, style: linkStyle(href, nest(current, theme.url))});
				}

				break;
			}

			case 'html': {
				html ??= new HtmlContext(style);
				html.apply(inline.text, out, false);
				break;
			}

			case 'blockquote':
			case 'code':
			case 'def':
			case 'heading':
			case 'hr':
			case 'list':
			case 'list_item':
			case 'paragraph':
			case 'space':
			case 'table': {
				// Block tokens never appear inline; show whatever text they carry rather than lose it.
				out.push({text: inlineText(inline.raw), style: current});
				break;
			}
		}
	}

	return out;
}
