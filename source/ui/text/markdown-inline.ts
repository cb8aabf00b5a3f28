/**
 * Inline markdown tokens (from marked's lexer) → styled runs for `wrapStyled`.
 * Every piece of text passes through `sanitize`, because entities such as `&#27;` decode to
 * controls and the text comes from a model.
 */
import type {MarkedToken, Token} from 'marked';
import {sanitize} from './sanitize.js';
import {nest, theme} from './theme.js';
import type {Style, StyledRun} from './wrap.js';

const namedEntities: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: '\'',
	nbsp: '\u00A0',
	copy: '©',
	reg: '®',
	trade: '™',
	hellip: '…',
	mdash: '—',
	ndash: '–',
	laquo: '«',
	raquo: '»',
	middot: '·',
	times: '×',
	deg: '°',
};

const entity = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

function decodeEntity(match: string, decimal?: string, hex?: string, name?: string): string {
	if (name !== undefined) {
		return Object.hasOwn(namedEntities, name) ? namedEntities[name]! : match;
	}

	const code = decimal === undefined ? Number.parseInt(hex!, 16) : Number.parseInt(decimal, 10);
	// CommonMark: invalid code points and NUL become U+FFFD.
	return code === 0 || code > 0x10_ffff || (code >= 0xd8_00 && code <= 0xdf_ff) ? '\uFFFD' : String.fromCodePoint(code);
}

/** Decodes the HTML entities people actually write (marked leaves them encoded in tokens). */
function decodeEntities(text: string): string {
	return text.includes('&') ? text.replace(entity, decodeEntity) : text;
}

/** Text as shown: entities decoded, controls stripped, soft line breaks as spaces. */
function displayText(text: string): string {
	return sanitize(decodeEntities(text)).replaceAll('\n', ' ');
}

/** The plain text of runs. */
export function runsText(runs: readonly StyledRun[]): string {
	let text = '';
	for (const run of runs) {
		text += run.text;
	}

	return text;
}

/** Appends the runs of inline tokens, styled with `style` (plus their own emphasis), to `out`. */
export function inlineRuns(tokens: readonly Token[], style: Style | undefined, out: StyledRun[] = []): StyledRun[] {
	for (const token of tokens as readonly MarkedToken[]) {
		switch (token.type) {
			case 'text': {
				if (token.tokens) {
					inlineRuns(token.tokens, style, out);
				} else {
					out.push({text: displayText(token.text), style});
				}

				break;
			}

			case 'escape': {
				out.push({text: sanitize(token.text), style});
				break;
			}

			case 'strong': {
				inlineRuns(token.tokens, nest(style, theme.strong), out);
				break;
			}

			case 'em': {
				inlineRuns(token.tokens, nest(style, theme.emphasis), out);
				break;
			}

			case 'del': {
				inlineRuns(token.tokens, nest(style, theme.strike), out);
				break;
			}

			case 'codespan': {
				// Entities inside code spans are literal (CommonMark).
				out.push({text: sanitize(token.text).replaceAll('\n', ' '), style: nest(style, theme.inlineCode)});
				break;
			}

			case 'br': {
				out.push({text: '\n', style});
				break;
			}

			case 'link': {
				const start = out.length;
				inlineRuns(token.tokens, nest(style, theme.link), out);
				const shown = runsText(out.slice(start));
				const href = sanitize(token.href);
				// Autolinks show their address once; other links show it after the text. Never OSC 8.
				if (href !== '' && href !== shown && href !== `mailto:${shown}` && href !== `http://${shown}`) {
					out.push({text: ` (${href})`, style: nest(style, theme.url)});
				}

				break;
			}

			case 'image': {
				out.push({text: `[image: ${displayText(token.text)}]`, style});
				if (token.href !== '') {
					out.push({text: ` (${sanitize(token.href)})`, style: nest(style, theme.url)});
				}

				break;
			}

			case 'html': {
				out.push({text: displayText(token.text), style});
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
				out.push({text: displayText(token.raw), style});
				break;
			}
		}
	}

	return out;
}

/** Removes leading and trailing whitespace (spaces and line breaks) from runs. */
export function trimRuns(runs: StyledRun[]): StyledRun[] {
	while (runs.length > 0) {
		const text = runs[0]!.text.trimStart();
		if (text !== '') {
			runs[0] = {text, style: runs[0]!.style};
			break;
		}

		runs.shift();
	}

	while (runs.length > 0) {
		const last = runs.length - 1;
		const text = runs[last]!.text.trimEnd();
		if (text !== '') {
			runs[last] = {text, style: runs[last]!.style};
			break;
		}

		runs.pop();
	}

	return runs;
}
