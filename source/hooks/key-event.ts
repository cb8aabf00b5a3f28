/**
 * The app's one shape of a key press, made from what Ink's `useInput` reports. Ink 7 parses the raw
 * input (escape sequences, bracketed paste) once; this turns its `(input, key)` into `KeyEvent`s.
 *
 * Ink splits input at escape sequences only, so keys read together arrive as one string ("hello\r"
 * from a fast sender, "\r\r" from key repeat): control characters before and after the text become
 * keys of their own. Line breaks inside a run are kept as text: only a paste from a terminal
 * without bracketed paste puts them there.
 *
 * F-keys are not here: Ink reports them with no name (an empty input and no flag).
 *
 * Mouse reports (SGR, `ESC [ < b ; x ; y M|m`, sent while the app turned mouse reporting on) arrive
 * from Ink as text without the ESC; they become mouse events, never text.
 */

import type {Key} from 'ink';

export type KeyName =
	| 'up' | 'down' | 'left' | 'right'
	| 'pageup' | 'pagedown' | 'home' | 'end'
	| 'enter' | 'escape' | 'tab' | 'backspace' | 'delete';

export interface MouseEvent {
	kind: 'wheelUp' | 'wheelDown' | 'press' | 'release';
	/** The cell, 0-based from the top-left corner. */
	x: number;
	y: number;
}

export interface KeyEvent {
	/** A named key, or undefined for a character (typed text, or the letter of a Ctrl/Alt chord). */
	name: KeyName | undefined;
	/** The character(s): typed text (several when read together), or the chord's letter ('c' for Ctrl+C). Empty for named keys. */
	text: string;
	ctrl: boolean;
	/** Alt (Option on macOS), as terminals send it: ESC before the key. */
	meta: boolean;
	shift: boolean;
	/** Set for a mouse report (name undefined, text empty). */
	mouse?: MouseEvent;
}

const flagNames: ReadonlyArray<[keyof Key, KeyName]> = [
	['upArrow', 'up'], ['downArrow', 'down'], ['leftArrow', 'left'], ['rightArrow', 'right'],
	['pageUp', 'pageup'], ['pageDown', 'pagedown'], ['home', 'home'], ['end', 'end'],
	['return', 'enter'], ['escape', 'escape'], ['tab', 'tab'], ['backspace', 'backspace'], ['delete', 'delete'],
];

export function keyEvent(name: KeyName | undefined, text = '', modifiers: Partial<Pick<KeyEvent, 'ctrl' | 'meta' | 'shift'>> = {}): KeyEvent {
	return {name, text, ctrl: false, meta: false, shift: false, ...modifiers};
}

const isControl = (char: string): boolean => char < ' ' || char === '\u007F';

/** One control character read on its own, as a key. */
function controlKey(char: string): KeyEvent | undefined {
	switch (char) {
		case '\r': {
			return keyEvent('enter');
		}
		// Ctrl+J sends a bare line feed.
		case '\n': {
			return keyEvent(undefined, 'j', {ctrl: true});
		}
		case '\t': {
			return keyEvent('tab');
		}
		case '\u007F':
		case '\b': {
			return keyEvent('backspace');
		}
		case '\u0000': {
			return keyEvent(undefined, ' ', {ctrl: true});
		}
		default: {
			const code = char.codePointAt(0) ?? 0;
			return code >= 1 && code <= 26 ? keyEvent(undefined, String.fromCodePoint(code + 96), {ctrl: true}) : undefined;
		}
	}
}

const sgrMouse = /\[<(\d+);(\d+);(\d+)([Mm])/y;

function mouseEvent(button: number, x: number, y: number, final: string): MouseEvent | undefined {
	// Bit 5 marks motion (not asked for), bit 6 the wheel (buttons 4 and 5 up and down; 6 and 7 are sideways).
	if ((button & 32) !== 0) return undefined;
	const position = {x: x - 1, y: y - 1};
	if ((button & 64) !== 0) {
		if ((button & 2) !== 0) return undefined;
		return {kind: (button & 1) === 0 ? 'wheelUp' : 'wheelDown', ...position};
	}
	return {kind: final === 'M' ? 'press' : 'release', ...position};
}

/** The mouse reports in `input` (several when read together), or undefined when it is not only mouse reports. */
function mouseEvents(input: string): KeyEvent[] | undefined {
	if (!input.startsWith('[<')) return undefined;
	const events: KeyEvent[] = [];
	let index = 0;
	while (index < input.length) {
		sgrMouse.lastIndex = index;
		const match = sgrMouse.exec(input);
		if (!match) return undefined;
		index = sgrMouse.lastIndex;
		const mouse = mouseEvent(Number(match[1]), Number(match[2]), Number(match[3]), match[4]!);
		if (mouse) events.push({...keyEvent(undefined), mouse});
	}
	return events;
}

/** The key events in one `useInput` call. */
export function toKeyEvents(input: string, key: Key): KeyEvent[] {
	const mouse = mouseEvents(input);
	if (mouse) return mouse;
	const modifiers = {ctrl: key.ctrl, meta: key.meta, shift: key.shift};
	const flag = flagNames.find(([field]) => key[field] === true);
	if (flag) return [keyEvent(flag[1], '', modifiers)];
	if (input === '') return [];
	if (key.ctrl || key.meta) {
		// Ink reports Ctrl+Space as Ctrl+` (NUL is 0x60 - 0x60).
		return [keyEvent(undefined, key.ctrl && input === '`' ? ' ' : input, modifiers)];
	}
	if (input.length === 1) {
		const control = controlKey(input);
		if (control) return [control];
		if (isControl(input)) return [];
		return [keyEvent(undefined, input, {shift: key.shift})];
	}

	let start = 0;
	while (start < input.length && isControl(input[start]!)) start++;
	let end = input.length;
	while (end > start && isControl(input[end - 1]!)) end--;
	const controls = (run: string): KeyEvent[] => [...run.replaceAll('\r\n', '\r')].flatMap(char => controlKey(char) ?? []);
	const text = end > start ? [keyEvent(undefined, input.slice(start, end))] : [];
	return [...controls(input.slice(0, start)), ...text, ...controls(input.slice(end))];
}

/** True for text to insert: characters with no Ctrl or Alt. */
export function isText(event: KeyEvent): boolean {
	return event.name === undefined && !event.ctrl && !event.meta && event.text !== '';
}
