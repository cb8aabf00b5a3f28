/**
 * A one-line text field (the picker's filter and rename inputs) as pure functions.
 *
 * Not ink-text-input: the picker needs one key handler for the whole screen (Enter, Esc and
 * arrows mean different things per mode), a field that scrolls horizontally inside a fixed
 * width, and typed/pasted text that is stripped of controls and newlines before it is kept.
 */

import {assertNever} from '../../assert-never.js';
import type {KeyEvent} from '../../hooks/key-event.js';
import {isText} from '../../hooks/key-event.js';
import {actionOf} from '../keys.js';
import {leading, oneLine} from '../format.js';
import {graphemes, sanitize, stripControls, takeEnd, takeStart, textWidth} from '../text/index.js';

/** Longest filter or session name, in UTF-16 units: plenty for a name, and a huge paste stays cheap. */
export const maxFieldLength = 500;

export interface LineState {
	value: string;
	/** Cursor position in graphemes from the start (0 … number of graphemes). */
	cursor: number;
}

export function lineAt(value: string): LineState {
	return {value, cursor: graphemes(value).length};
}

/** Typed or pasted text as it may enter a one-line field: no controls, no escapes, no newlines (kept otherwise as typed). */
export function cleanTyped(input: string): string {
	return oneLine(stripControls(input));
}

const fieldActions = ['field.left', 'field.right', 'field.start', 'field.end', 'field.backspace', 'field.deleteWord', 'field.clear'] as const;

/**
 * The field after a key, or undefined when the key is not an editing key
 * (so the caller can give it another meaning, e.g. ↑/↓ move the list).
 */
export function editLine(line: LineState, event: KeyEvent): LineState | undefined {
	const parts = graphemes(line.value);
	const action = actionOf(fieldActions, event);
	switch (action) {
		case 'field.left': {
			return {...line, cursor: Math.max(0, line.cursor - 1)};
		}
		case 'field.right': {
			return {...line, cursor: Math.min(parts.length, line.cursor + 1)};
		}
		case 'field.start': {
			return {...line, cursor: 0};
		}
		case 'field.end': {
			return {...line, cursor: parts.length};
		}
		case 'field.backspace': {
			if (line.cursor === 0) return line;
			parts.splice(line.cursor - 1, 1);
			return {value: parts.join(''), cursor: line.cursor - 1};
		}
		case 'field.deleteWord': {
			let start = line.cursor;
			while (start > 0 && /\s/.test(parts[start - 1]!)) start--;
			while (start > 0 && !/\s/.test(parts[start - 1]!)) start--;
			parts.splice(start, line.cursor - start);
			return {value: parts.join(''), cursor: start};
		}
		case 'field.clear': {
			return {value: parts.slice(line.cursor).join(''), cursor: 0};
		}
		case undefined: {
			break;
		}
		default: {
			return assertNever(action);
		}
	}

	const typed = isText(event) ? cleanTyped(event.text) : '';
	if (typed === '') return undefined;
	const text = graphemes(leading(typed, Math.max(0, maxFieldLength - line.value.length)));
	parts.splice(line.cursor, 0, ...text);
	return {value: parts.join(''), cursor: line.cursor + text.length};
}

export interface LineWindow {
	before: string;
	/** The grapheme under the cursor, or a space at the end of the text. */
	atCursor: string;
	after: string;
}

/**
 * The part of the field that fits in `width` cells, scrolled so the cursor stays visible (the
 * cursor cell itself counts), as it is shown: hidden characters as placeholders.
 */
export function lineWindow(line: LineState, width: number): LineWindow {
	const parts = graphemes(line.value);
	const atCursor = sanitize(parts[line.cursor] ?? ' ');
	const room = width - textWidth(atCursor);
	const before = takeEnd(sanitize(parts.slice(0, line.cursor).join('')), room);
	const after = takeStart(sanitize(parts.slice(line.cursor + 1).join('')), room - textWidth(before));
	return {before, atCursor, after};
}
