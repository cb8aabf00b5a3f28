/**
 * OSC 8 hyperlinks that the app builds itself around link text (`ESC ] 8 ; ; URL ST text ESC ] 8 ; ; ST`).
 * Model output never produces one: every text is sanitized before it gets here (which strips all OSC
 * sequences), and the URL is rebuilt from a parsed, allow-listed, percent-encoded address.
 *
 * Layers after us measure them as zero columns: our own wrap measures the plain text before styling,
 * string-width (Ink's measure) strips them, and Ink 7's slicing (@alcalzone/ansi-tokenize,
 * slice-ansi 9) keeps a cut link closed (test/ui/text/hyperlinks.test.ts checks the frame).
 */
import chalk from 'chalk';
import type {Style} from './wrap.js';

const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * Whether the terminal is not known to lack OSC 8. The specification asks terminals that do not
 * implement it to ignore the sequence, and almost all do; the exceptions, which print the URL as
 * garbage, are what this excludes:
 * - `TERM=dumb` (Emacs shell-mode and other pipes) and `TERM=linux` (the kernel console ends the OSC
 *   at the first character it does not know and prints the rest);
 * - VTE before 0.50 (GNOME Terminal 3.18 era, `VTE_VERSION` < 5000), seen printing the payload;
 * - GNU screen (`TERM=screen*` without `TMUX`), which does not pass OSC 8 on;
 * - Emacs terminals (`INSIDE_EMACS`).
 * tmux is fine either way: before 3.4 it drops the unknown OSC, from 3.4 it passes links through
 * when its `terminal-features` include `hyperlinks`. `NO_HYPERLINKS` (any value) turns links off,
 * `FORCE_HYPERLINK=0|1` (the supports-hyperlinks convention) decides outright.
 */
export function terminalAllowsHyperlinks(env: NodeJS.ProcessEnv): boolean {
	if (env['NO_HYPERLINKS'] !== undefined) {
		return false;
	}

	const force = env['FORCE_HYPERLINK'];
	if (force !== undefined && force !== '') {
		return force !== '0' && force !== 'false';
	}

	const term = env['TERM'] ?? '';
	if (term === 'dumb' || term === 'linux' || env['INSIDE_EMACS'] !== undefined) {
		return false;
	}

	if (term.startsWith('screen') && env['TMUX'] === undefined) {
		return false;
	}

	const vte = Number.parseInt(env['VTE_VERSION'] ?? '', 10);
	return !(Number.isFinite(vte) && vte < 5000);
}

/**
 * Percent-encodes what the URL serializer leaves outside printable ASCII: spaces in a mailto: address.
 * Its output is a USVString, so every match is a whole code point that encodeURIComponent accepts.
 */
function encodeRest(text: string): string {
	return text.replaceAll(/[^\u0021-\u007E]/gu, character => encodeURIComponent(character));
}

/**
 * The address of a link as it may go into an OSC 8 sequence, or undefined when it may not: only
 * absolute http, https and mailto URLs; the result holds printable ASCII only (no control, no space,
 * no ESC, BEL or ST that could end the sequence early).
 */
export function safeLinkUrl(href: string): string | undefined {
	let url: URL;
	try {
		url = new URL(href.trim());
	} catch {
		return undefined;
	}

	if (!allowedProtocols.has(url.protocol) || (url.protocol !== 'mailto:' && url.hostname === '')) {
		return undefined;
	}

	// Credentials in a link are a phishing trick (https://bank.example@evil.example): no link for those.
	if (url.username !== '' || url.password !== '') {
		return undefined;
	}

	return encodeRest(url.href);
}

const osc8 = (url: string): string => `\u001B]8;;${url}\u001B\\`;

/**
 * `style` wrapped in an OSC 8 link to `href` when the terminal allows links, styles are written at
 * all (chalk's level: none when stdout is not a terminal) and `href` is a safe URL; else `style`.
 * Each styled piece opens and closes its own link, so a link wrapped over lines is one per line.
 */
export function linkStyle(href: string, style: Style | undefined): Style | undefined {
	// The environment is read per link (a few property reads), so a test can set it.
	const url = chalk.level > 0 && terminalAllowsHyperlinks(process.env) ? safeLinkUrl(href) : undefined;
	if (url === undefined) {
		return style;
	}

	const open = osc8(url);
	const close = osc8('');
	return (text: string) => (text === '' ? '' : open + (style ? style(text) : text) + close);
}
