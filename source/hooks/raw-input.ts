/**
 * Pure parsing of the raw input events Ink emits (one key, one escape sequence, or one run of
 * text per event): key events in Ink's `Key` shape, F1, and bracketed paste collection.
 *
 * We parse ourselves instead of using `useInput` because Ink cannot tell Backspace (\x7f) from
 * Delete, reports F1 and Ctrl+J without any flag, and has no notion of a paste in progress.
 */

import type {Key} from 'ink';

export const pasteStart = '\u001B[200~';
export const pasteEnd = '\u001B[201~';
export const bracketedPasteOn = '\u001B[?2004h';
export const bracketedPasteOff = '\u001B[?2004l';

export type RawEvent =
	| {kind: 'key'; input: string; key: Key}
	| {kind: 'text'; text: string}
	| {kind: 'f1'}
	| {kind: 'ignored'};

type KeyFlag = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end'
	| 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

/** A key event with no flag set (what Ink reports for typed text). */
export function blankKey(): Key {
	return makeKey();
}

function makeKey(flag?: KeyFlag, modifiers: Partial<Pick<Key, 'ctrl' | 'meta' | 'shift'>> = {}): Key {
	const key: Key = {
		upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
		home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
		backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
		...modifiers,
	};
	if (flag) {
		key[flag] = true;
	}
	return key;
}

const letterKeys: Record<string, KeyFlag> = {
	A: 'upArrow', B: 'downArrow', C: 'rightArrow', D: 'leftArrow', H: 'home', F: 'end',
};
const tildeKeys: Record<string, KeyFlag> = {
	1: 'home', 3: 'delete', 4: 'end', 5: 'pageUp', 6: 'pageDown', 7: 'home', 8: 'end',
};
// rxvt sends shifted arrows as ESC [ a-d and ctrl arrows as ESC O a-d.
const rxvtArrows: Record<string, KeyFlag> = {a: 'upArrow', b: 'downArrow', c: 'rightArrow', d: 'leftArrow'};

/** xterm modifier parameter (1 + bits: shift 1, alt 2, ctrl 4, meta 8) → Ink's modifier flags. */
function modifiersFrom(parameter: string | undefined, metaPrefix: boolean): Pick<Key, 'ctrl' | 'meta' | 'shift'> {
	const bits = parameter === undefined ? 0 : Math.max(0, Number(parameter) - 1);
	return {shift: (bits & 1) !== 0, meta: metaPrefix || (bits & 10) !== 0, ctrl: (bits & 4) !== 0};
}

function parseEscape(raw: string): RawEvent {
	// ESC ESC [ … (Alt held with a sequence on some terminals) counts as meta.
	const metaPrefix = raw.startsWith('\u001B\u001B');
	const body = metaPrefix ? raw.slice(2) : raw.slice(1);

	if (body === '') {
		return {kind: 'key', input: '', key: makeKey('escape', {meta: metaPrefix})};
	}
	if (body === 'OP' || body === '[11~' || body === '[[A' || /^\[1;\d+P$/.test(body)) {
		return {kind: 'f1'};
	}
	if (body === '\r') {
		return {kind: 'key', input: '\r', key: makeKey('return', {meta: true})};
	}
	if (body === '\u007F' || body === '\b') {
		return {kind: 'key', input: '', key: makeKey('backspace', {meta: true})};
	}
	if (body === '[Z') {
		return {kind: 'key', input: '', key: makeKey('tab', {shift: true})};
	}

	let match = /^(?:\[|O)(?:1;(\d+))?([ABCDHF])$/.exec(body);
	if (match) {
		return {kind: 'key', input: '', key: makeKey(letterKeys[match[2]!], modifiersFrom(match[1], metaPrefix))};
	}
	match = /^\[(\d+)(?:;(\d+))?~$/.exec(body);
	if (match) {
		const flag = tildeKeys[match[1]!];
		return flag ? {kind: 'key', input: '', key: makeKey(flag, modifiersFrom(match[2], metaPrefix))} : {kind: 'ignored'};
	}
	match = /^(\[|O)([abcd])$/.exec(body);
	if (match) {
		const modifiers = match[1] === '[' ? {shift: true} : {ctrl: true};
		return {kind: 'key', input: '', key: makeKey(rxvtArrows[match[2]!], modifiers)};
	}
	// Alt+character (e.g. Alt+B / Alt+F for word movement on macOS terminals).
	if ([...body].length === 1 && body >= ' ') {
		return {kind: 'key', input: body, key: makeKey(undefined, {meta: true, shift: /^[A-Z]$/.test(body)})};
	}
	return {kind: 'ignored'};
}

/** Turns one raw event string from Ink's input parser into a key, a run of text, F1, or nothing. */
export function parseRawEvent(raw: string): RawEvent {
	if (raw === '') {
		return {kind: 'ignored'};
	}
	if (raw.startsWith('\u001B')) {
		return parseEscape(raw);
	}
	switch (raw) {
		case '\r': {
			return {kind: 'key', input: '\r', key: makeKey('return')};
		}
		// Ctrl+J sends a bare line feed; Ink reports it without any flag, we report Ctrl+J.
		case '\n': {
			return {kind: 'key', input: 'j', key: makeKey(undefined, {ctrl: true})};
		}
		case '\t': {
			return {kind: 'key', input: '', key: makeKey('tab')};
		}
		case '\u007F':
		case '\b': {
			return {kind: 'key', input: '', key: makeKey('backspace')};
		}
		default: {
			break;
		}
	}
	if (raw.length === 1) {
		const code = raw.charCodeAt(0);
		if (code === 0) {
			return {kind: 'key', input: ' ', key: makeKey(undefined, {ctrl: true})};
		}
		if (code <= 0x1A) {
			return {kind: 'key', input: String.fromCharCode(code + 96), key: makeKey(undefined, {ctrl: true})};
		}
		if (code < 0x20) {
			return {kind: 'ignored'};
		}
	}
	// Printable text: one typed character, or several at once (fast typing, or a paste in a
	// terminal without bracketed paste — then it may contain \r, which is a newline, not Enter).
	return {kind: 'text', text: raw};
}

const isControl = (char: string): boolean => char < ' ' || char === '\u007F';

/**
 * Like parseRawEvent, for an event of several characters: Ink only splits input at ESC, so
 * keys read together ('hello\r' from a fast sender, a held Backspace, Ctrl+U Ctrl+K) arrive as
 * one string. Control characters before and after the text are keys of their own (a trailing
 * \r\n is one Enter); line breaks and tabs inside the text are kept as text, because only a
 * paste from a terminal without bracketed paste puts them there.
 */
export function parseRawEvents(raw: string): RawEvent[] {
	if (raw.length <= 1 || raw.startsWith('\u001B')) {
		return [parseRawEvent(raw)];
	}
	let start = 0;
	while (start < raw.length && isControl(raw[start]!)) {
		start++;
	}
	let end = raw.length;
	while (end > start && isControl(raw[end - 1]!)) {
		end--;
	}
	const keys = (controls: string): RawEvent[] => [...controls.replaceAll('\r\n', '\r')].map(char => parseRawEvent(char));
	const text: RawEvent[] = end > start ? [{kind: 'text', text: raw.slice(start, end)}] : [];
	return [...keys(raw.slice(0, start)), ...text, ...keys(raw.slice(end))];
}

/** \r\n and lone \r (what terminals send for pasted line breaks) become \n. */
export function normalizeNewlines(text: string): string {
	return text.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
}

export type PasteStep =
	| {kind: 'pass'} // not part of a paste: handle as a normal event
	| {kind: 'collecting'}
	| {kind: 'pasted'; text: string; rest: string};

/**
 * Collects everything between the bracketed-paste markers across any number of events.
 * The end marker is searched in the collected text, so it is found even if it was split.
 */
export class PasteCollector {
	#buffer: string | undefined;

	get pasting(): boolean {
		return this.#buffer !== undefined;
	}

	push(raw: string): PasteStep {
		if (this.#buffer === undefined) {
			if (!raw.startsWith(pasteStart)) {
				return {kind: 'pass'};
			}
			this.#buffer = '';
			raw = raw.slice(pasteStart.length);
		}
		const buffer = this.#buffer + raw;
		const end = buffer.indexOf(pasteEnd);
		if (end === -1) {
			this.#buffer = buffer;
			return {kind: 'collecting'};
		}
		this.#buffer = undefined;
		return {kind: 'pasted', text: normalizeNewlines(buffer.slice(0, end)), rest: buffer.slice(end + pasteEnd.length)};
	}

	/** Ends an unterminated paste (the terminal never sent the end marker) and returns its text. */
	flush(): string | undefined {
		const buffer = this.#buffer;
		this.#buffer = undefined;
		return buffer === undefined ? undefined : normalizeNewlines(buffer);
	}
}
