/**
 * Colours and emphasis of the rendered text, in one place. chalk decides the colour level
 * (none when not a TTY or NO_COLOR is set), so with colour off everything renders as plain text.
 */
import chalk from 'chalk';
import type {Style} from './wrap.js';

export const theme = {
	heading1: chalk.bold.underline.magenta,
	heading2: chalk.bold.cyan,
	heading3: chalk.bold.yellow,
	heading: chalk.bold,
	strong: chalk.bold,
	emphasis: chalk.italic,
	strike: chalk.strikethrough,
	inlineCode: chalk.yellow,
	codeGutter: chalk.dim,
	codeLabel: chalk.dim.italic,
	quoteGutter: chalk.gray,
	listMarker: chalk.cyan,
	link: chalk.blue.underline,
	url: chalk.dim,
	rule: chalk.dim,
	tableBorder: chalk.dim,
	tableHeader: chalk.bold,
	jsonKey: chalk.cyan,
	jsonString: chalk.green,
	jsonMark: chalk.yellow,
} satisfies Record<string, Style>;

/** The style of `inner` inside `outer` (e.g. code inside a heading). */
export function nest(outer: Style | undefined, inner: Style): Style {
	return outer === undefined ? inner : (text: string) => outer(inner(text));
}
