/**
 * Makes untrusted text (model output, stored content, pastes) safe to show. Ink passes OSC
 * sequences and C0 controls straight through, so without this a reply could write the clipboard
 * (OSC 52), retitle the window, clear the screen… `sanitize` (for display) strips those and shows
 * hidden format characters as placeholders (see hidden-characters.ts); `stripControls` (for text
 * the user types, which is kept as typed) only strips.
 *
 * What goes: ESC-introduced sequences with their payloads (CSI, OSC, DCS, SOS, PM, APC, nF and
 * two-character escapes), 8-bit C1 controls 0x80–0x9F (0x9B/0x90/0x9D/0x98/0x9E/0x9F open a
 * sequence just like their ESC forms), DEL, and every C0 control except \n and \t
 * (so "\r\n" becomes "\n"; a bare \r or \b, BEL, NUL… vanish).
 *
 * Policy for string sequences (OSC/DCS/SOS/PM/APC): the payload is dropped up to its terminator —
 * BEL (OSC only), ST (ESC \ or 0x9C), CAN or SUB; any other ESC aborts the string and starts a
 * new escape. An unterminated string drops everything to the end of the text, exactly what a
 * terminal would swallow; that is the safe choice (none of the payload is ever shown as if it
 * were text), and it costs nothing to scan because the scan is linear.
 *
 * The scanner is a small state machine so it can also run incrementally (`Sanitizer`) over a
 * growing stream with results identical to sanitizing the whole text at once.
 */
import {HiddenCharacters, mayHideCharacters, placeholder} from './hidden-characters.js';

// One test decides the fast path: no C0 (except \t \n), DEL or C1 → the text is returned as is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// Where the next control is, when scanning plain text in bulk.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const nextUnsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const ST8 = 0x9c;

const enum State {
	Ground,
	Escape,
	/** ESC followed by intermediates (0x20–0x2F), e.g. `ESC ( B`, until a final byte. */
	EscapeIntermediate,
	Csi,
	/** Inside an OSC/DCS/SOS/PM/APC payload. */
	String,
	/** Saw ESC inside a string: `\` ends it, anything else aborts it and starts a new escape. */
	StringEscape,
}

/** True for a string-sequence introducer after ESC: `]` OSC, `P` DCS, `X` SOS, `^` PM, `_` APC. */
function isStringIntroducer(code: number): boolean {
	return code === 0x5d || code === 0x50 || code === 0x58 || code === 0x5e || code === 0x5f;
}

/** 8-bit forms: 0x9D OSC, 0x90 DCS, 0x98 SOS, 0x9E PM, 0x9F APC. */
function isC1StringIntroducer(code: number): boolean {
	return code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f;
}

/** Removes control sequences from chunks of one text pushed in order. */
class ControlStripper {
	private state = State.Ground;
	private stringIsOsc = false;

	push(chunk: string): string {
		if (this.state === State.Ground && !unsafe.test(chunk)) {
			return chunk;
		}

		let out = '';
		let index = 0;
		const {length} = chunk;
		while (index < length) {
			if (this.state === State.Ground) {
				// Copy plain text in bulk up to the next control character.
				nextUnsafe.lastIndex = index;
				const match = nextUnsafe.exec(chunk);
				if (match === null) {
					out += index === 0 ? chunk : chunk.slice(index);
					break;
				}

				if (match.index > index) {
					out += chunk.slice(index, match.index);
				}

				index = match.index;
				this.ground(chunk.charCodeAt(index));
				index++;
				continue;
			}

			const code = chunk.charCodeAt(index);
			if (this.step(code)) {
				// The sequence was abandoned; this character is plain input again.
				continue;
			}

			index++;
		}

		return out;
	}

	/** Handles a control character met in ground state (printable text never gets here). */
	private ground(code: number): void {
		if (code === ESC) {
			this.state = State.Escape;
		} else if (code === 0x9b) {
			this.state = State.Csi;
		} else if (isC1StringIntroducer(code)) {
			this.openString(code === 0x9d);
		}
		// Every other control (C0 but \n \t, DEL, C1) is simply dropped.
	}

	private openString(osc: boolean): void {
		this.state = State.String;
		this.stringIsOsc = osc;
	}

	/**
	 * Consumes one character inside a sequence. Returns true when the character ends the sequence
	 * without belonging to it, so the caller must look at it again in ground state.
	 */
	private step(code: number): boolean {
		switch (this.state) {
			case State.Escape: {
				if (code === 0x5b) {
					this.state = State.Csi;
				} else if (isStringIntroducer(code)) {
					this.openString(code === 0x5d);
				} else if (code >= 0x20 && code <= 0x2f) {
					this.state = State.EscapeIntermediate;
				} else if (code >= 0x30 && code <= 0x7e) {
					this.state = State.Ground; // Two-character escape such as ESC 7, ESC c, ESC M.
				} else if (code !== ESC) {
					this.state = State.Ground;
					return true;
				}

				return false;
			}

			case State.EscapeIntermediate: {
				if (code >= 0x20 && code <= 0x2f) {
					return false;
				}

				this.state = State.Ground;
				return !(code >= 0x30 && code <= 0x7e);
			}

			case State.Csi: {
				if (code >= 0x20 && code <= 0x3f) {
					return false; // Parameter and intermediate bytes.
				}

				this.state = State.Ground;
				return !(code >= 0x40 && code <= 0x7e);
			}

			case State.String: {
				if (code === ESC) {
					this.state = State.StringEscape;
				} else if (code === ST8 || code === CAN || code === SUB || (code === BEL && this.stringIsOsc)) {
					this.state = State.Ground;
				}

				return false; // Payload is dropped.
			}

			case State.StringEscape: {
				if (code === 0x5c) {
					this.state = State.Ground; // ESC \ = ST.
					return false;
				}

				// Any other ESC aborts the string and begins a new escape sequence.
				this.state = State.Escape;
				return true;
			}

			case State.Ground: {
				return true; // Ground state never calls step().
			}
		}
	}
}

/**
 * Incremental display sanitizer: `push` chunks of one text in order. The concatenated results
 * equal `sanitize(all)`, except that a high surrogate at the very end waits for its other half:
 * `end()` gives what is left (U+FFFD for a surrogate that stayed alone).
 */
export class Sanitizer {
	private readonly controls = new ControlStripper();
	private readonly hidden = new HiddenCharacters(placeholder);

	push(chunk: string): string {
		return this.hidden.push(this.controls.push(chunk));
	}

	end(): string {
		return this.hidden.end();
	}
}

/**
 * Text as it may be shown: control sequences and controls removed (see the module comment),
 * hidden format characters shown as ⟨U+202E⟩-style placeholders, a lone surrogate as one U+FFFD.
 */
export function sanitize(text: string): string {
	if (!unsafe.test(text) && !mayHideCharacters(text)) {
		return text;
	}

	const sanitizer = new Sanitizer();
	return sanitizer.push(text) + sanitizer.end();
}

/** Only the control sequences and controls removed: for what the user types, which is kept as typed. */
export function stripControls(text: string): string {
	return unsafe.test(text) ? new ControlStripper().push(text) : text;
}

// C1 controls and DEL, which JSON.stringify leaves raw.
const jsonExtraTest = /[\u007F-\u009F]/;
const jsonExtra = /[\u007F-\u009F]/g;

function unicodeEscape(char: string): string {
	let out = '';
	for (let index = 0; index < char.length; index++) {
		out += '\\u' + char.charCodeAt(index).toString(16).padStart(4, '0');
	}

	return out;
}

/**
 * `JSON.stringify(text)`, but C1 controls, DEL and the hidden characters the panes show as
 * placeholders (U+2028/2029, bidi controls, zero-width characters …) are escaped too, so the
 * result holds no raw control or invisible format character (C0 controls are already escaped by
 * JSON.stringify, and lone surrogates become \udXXX). JSON.parse of the result gives back `text`.
 */
export function jsonString(text: string): string {
	let json = JSON.stringify(text);
	if (jsonExtraTest.test(json)) {
		json = json.replace(jsonExtra, unicodeEscape);
	}

	if (mayHideCharacters(json)) {
		json = new HiddenCharacters(code => unicodeEscape(String.fromCodePoint(code))).push(json);
	}

	return json;
}
