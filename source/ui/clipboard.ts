/**
 * The clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; <base64> BEL`), which the terminal turns into a
 * clipboard write, over SSH too. The app writes it only on an explicit /copy; content never can (the sanitizer strips
 * every OSC from what is shown).
 *
 * BEL ends the sequence rather than ST (`ESC \`): xterm, tmux, kitty, iTerm2, WezTerm, Alacritty, foot and Windows
 * Terminal take either, and a few older terminals take only BEL.
 *
 * Size: a terminal drops a sequence longer than it takes, whole and silently. 100,000 bytes is the cap hterm's own
 * osc52.sh uses and many OSC 52 tools reuse; larger ones are known to be lost on the way (kitty once dropped anything
 * over about 6 KB, Termux still does over about 7 KB). So the app sends at most 100,000 bytes of sequence (74,994 bytes
 * of text) and tells the user when a copy is bigger, instead of pretending.
 *
 * tmux forwards it to the outer terminal only with `set -g set-clipboard on` (its default, `external`, ignores what
 * applications send); the notice says so. DCS passthrough is not used: tmux 3.3+ drops it unless `allow-passthrough`
 * is on, and one sequence that tmux understands is the simpler contract.
 */

const prefix = '\u001B]52;c;';
const terminator = '\u0007';

/** The longest sequence written, prefix and terminator included. */
export const maxSequenceBytes = 100_000;
/** The most UTF-8 bytes of text that fit (base64 turns 3 bytes into 4 characters). */
export const maxClipboardBytes = Math.floor((maxSequenceBytes - prefix.length - terminator.length) / 4) * 3;

/** The one OSC 52 sequence that puts `text` on the clipboard. */
export function osc52(text: string): string {
	return `${prefix}${Buffer.from(text, 'utf8').toString('base64')}${terminator}`;
}

export type ClipboardSupport =
	| {kind: 'yes'}
	/** Inside tmux: it works when tmux's set-clipboard is on. */
	| {kind: 'tmux'}
	/** Known not to: the terminal's name for the notice. */
	| {kind: 'no'; terminal: string};

/**
 * Whether the terminal is known to take OSC 52, from its environment. Only terminals known to lack it say no (Apple's
 * Terminal; the Linux console): for the rest the app tries, since most terminals in use take it.
 */
export function clipboardSupport(env: Readonly<Record<string, string | undefined>>): ClipboardSupport {
	if ((env['TMUX'] ?? '') !== '') return {kind: 'tmux'};
	if (env['TERM_PROGRAM'] === 'Apple_Terminal') return {kind: 'no', terminal: 'Apple\'s Terminal'};
	if (env['TERM'] === 'linux') return {kind: 'no', terminal: 'The Linux console'};
	return {kind: 'yes'};
}
