/**
 * Colours and emphasis of everything the app draws, decided in this one place.
 *
 * NO_COLOR (https://no-color.org: set and not empty) turns every colour off while bold, dim,
 * italic, underline and inverse stay (the cursor and the selection are inverse). chalk cannot do
 * that alone: its level turns off every style at once, and chalk 5 does not read NO_COLOR. Ink 7
 * colours `<Text color>` and `<Box borderColor>` with the same chalk, so components take their
 * colours from `palette`, whose entries are undefined (no colour) under NO_COLOR.
 *
 * chalk still decides whether any style is written at all (none when stdout is not a terminal).
 */
import chalk from 'chalk';
import type {ChalkInstance} from 'chalk';
import type {Style} from './wrap.js';

/** False when NO_COLOR is set: the app writes no colour sequence at all. */
export const colourEnabled = (process.env['NO_COLOR'] ?? '') === '';

type Hue = 'cyan' | 'magenta' | 'yellow' | 'green' | 'red' | 'blue' | 'gray';

/** `base` in `hue`, or just `base` without colour. */
function tint(hue: Hue, base: ChalkInstance = chalk): ChalkInstance {
	return colourEnabled ? base[hue] : base;
}

function hue<Name extends Hue>(name: Name): Name | undefined {
	return colourEnabled ? name : undefined;
}

/** Colours for Ink's `color` and `borderColor` props; undefined means the terminal's own colour. */
export const palette = {
	/** Focused pane border and title, prompt, filter field. */
	accent: hue('cyan'),
	/** Unfocused pane border. */
	frame: hue('gray'),
	/** Things that went well or can be started: idle state, "+ New session". */
	good: hue('green'),
	/** Something to notice: streaming state, notices, questions. */
	warning: hue('yellow'),
	error: hue('red'),
} as const;

export const theme = {
	heading1: tint('magenta', chalk.bold.underline),
	heading2: tint('cyan', chalk.bold),
	heading3: tint('yellow', chalk.bold),
	heading: chalk.bold,
	strong: chalk.bold,
	emphasis: chalk.italic,
	strike: chalk.strikethrough,
	underline: chalk.underline,
	inlineCode: tint('yellow'),
	codeGutter: chalk.dim,
	codeLabel: chalk.dim.italic,
	/** The mark in the gutter of a code line that continues the line above (wrapped, never cut). */
	codeContinuation: tint('cyan', chalk.dim),
	quoteGutter: colourEnabled ? chalk.gray : chalk.dim,
	listMarker: tint('cyan'),
	link: tint('blue', chalk.underline),
	url: chalk.dim,
	rule: chalk.dim,
	tableBorder: chalk.dim,
	tableHeader: chalk.bold,
	footnote: tint('cyan'),
	/** `<kbd>` keys look like key caps. */
	keyCap: chalk.inverse,
	/** The summary line of `<details>`. */
	summary: chalk.bold,
	jsonKey: tint('cyan'),
	jsonString: tint('green'),
	jsonMark: tint('yellow'),
	userHeader: tint('cyan', chalk.bold),
	assistantHeader: tint('magenta', chalk.bold),
	spinner: tint('magenta'),
	warning: tint('yellow'),
	error: tint('red'),
	quiet: chalk.dim,
	title: chalk.bold,
	// Inverse in colour too: a match keeps whatever colour its text has (a fixed background would hide yellow code on yellow).
	findMatch: chalk.inverse,
	findCurrent: chalk.inverse.bold.underline,
} satisfies Record<string, Style>;

/**
 * Syntax colours of highlighted code by highlight.js scope (`title.function` falls back to `title`).
 * Only the six hues every terminal palette keeps readable on both dark and light backgrounds (no
 * white, black or grey, no 256-colour or RGB), so the user's own theme decides the exact shades.
 * Under NO_COLOR code is not highlighted at all (see code-highlight.ts).
 */
export const codeTheme: Readonly<Record<string, Style>> = {
	keyword: tint('magenta'),
	'selector-tag': tint('magenta'),
	name: tint('magenta'),
	doctag: tint('magenta'),
	bullet: tint('magenta'),
	'template-tag': tint('magenta'),
	'template-variable': tint('magenta'),
	built_in: tint('cyan'),
	type: tint('cyan'),
	'title.class': tint('cyan'),
	'title.class.inherited': tint('cyan'),
	attr: tint('cyan'),
	attribute: tint('cyan'),
	property: tint('cyan'),
	'selector-class': tint('cyan'),
	'selector-id': tint('cyan'),
	'selector-attr': tint('cyan'),
	'selector-pseudo': tint('cyan'),
	variable: tint('cyan'),
	title: tint('blue'),
	'title.function': tint('blue'),
	section: tint('blue', chalk.bold),
	meta: tint('blue'),
	link: tint('blue', chalk.underline),
	string: tint('green'),
	char: tint('green'),
	addition: tint('green'),
	number: tint('yellow'),
	literal: tint('yellow'),
	symbol: tint('yellow'),
	regexp: tint('red'),
	deletion: tint('red'),
	comment: chalk.dim.italic,
	quote: chalk.dim.italic,
	emphasis: chalk.italic,
	strong: chalk.bold,
	// Interpolation inside a string (`${x}`) reads as code again.
	subst: (text: string) => text,
};

/** The style of `inner` inside `outer` (e.g. code inside a heading). */
export function nest(outer: Style | undefined, inner: Style): Style {
	return outer === undefined ? inner : (text: string) => outer(inner(text));
}
