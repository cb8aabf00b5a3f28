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
const colourEnabled = (process.env['NO_COLOR'] ?? '') === '';

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
	inlineCode: tint('yellow'),
	codeGutter: chalk.dim,
	codeLabel: chalk.dim.italic,
	quoteGutter: colourEnabled ? chalk.gray : chalk.dim,
	listMarker: tint('cyan'),
	link: tint('blue', chalk.underline),
	url: chalk.dim,
	rule: chalk.dim,
	tableBorder: chalk.dim,
	tableHeader: chalk.bold,
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

/** The style of `inner` inside `outer` (e.g. code inside a heading). */
export function nest(outer: Style | undefined, inner: Style): Style {
	return outer === undefined ? inner : (text: string) => outer(inner(text));
}
