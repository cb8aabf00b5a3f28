/**
 * The composer's editing model: text, a cursor between graphemes, and recall of earlier
 * inputs. Pure functions from state to state; the component maps keys onto them.
 */

import {nextBoundary, previousBoundary} from '../text/index.js';
import {layout as layoutText, offsetAtColumn} from './layout.js';
import type {Layout} from './layout.js';

export interface EditorState {
	readonly text: string;
	/** UTF-16 offset into `text`, always on a grapheme boundary. */
	readonly cursor: number;
	/** Which earlier input is shown while recalling (index into the history), else undefined. */
	readonly recalled: number | undefined;
	/** What was being typed when recall started; restored when coming back down. */
	readonly draft: string;
}

function lineStartOf(text: string, offset: number): number {
	return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
	const end = text.indexOf('\n', offset);
	return end === -1 ? text.length : end;
}

/** The grapheme that starts at `offset` ('' at the end of the text). */
export function graphemeAt(text: string, offset: number): string {
	return text.slice(offset, nextBoundary(text, offset));
}

/** Spaces and tabs, or a grapheme that is all whitespace (e.g. U+3000): what word movement skips. */
function isWhitespace(grapheme: string): boolean {
	if (grapheme.length === 1 && grapheme < '\u007F') {
		return grapheme === ' ' || grapheme === '\t';
	}
	return /^\s+$/u.test(grapheme);
}

export const emptyEditor: EditorState = {text: '', cursor: 0, recalled: undefined, draft: ''};

export function editorWithText(text: string): EditorState {
	return {...emptyEditor, text, cursor: text.length};
}

/** Replaces `from`…`to` with `insert`; any text change ends history recall. */
function splice(state: EditorState, from: number, to: number, insert = ''): EditorState {
	if (from === to && insert === '') {
		return state;
	}
	return {
		text: state.text.slice(0, from) + insert + state.text.slice(to),
		cursor: from + insert.length,
		recalled: undefined,
		draft: '',
	};
}

function moveTo(state: EditorState, cursor: number): EditorState {
	return cursor === state.cursor ? state : {...state, cursor};
}

/** Inserts text at the cursor. The caller passes clean text (no control characters but \n, \t). */
export function insert(state: EditorState, text: string): EditorState {
	return splice(state, state.cursor, state.cursor, text);
}

export function insertNewline(state: EditorState): EditorState {
	return insert(state, '\n');
}

export function backspace(state: EditorState): EditorState {
	return splice(state, previousBoundary(state.text, state.cursor), state.cursor);
}

export function deleteForward(state: EditorState): EditorState {
	return splice(state, state.cursor, nextBoundary(state.text, state.cursor));
}

export function moveLeft(state: EditorState): EditorState {
	return moveTo(state, previousBoundary(state.text, state.cursor));
}

export function moveRight(state: EditorState): EditorState {
	return moveTo(state, nextBoundary(state.text, state.cursor));
}

export function moveLineStart(state: EditorState): EditorState {
	return moveTo(state, lineStartOf(state.text, state.cursor));
}

export function moveLineEnd(state: EditorState): EditorState {
	return moveTo(state, lineEndOf(state.text, state.cursor));
}

/** Start of the word before the cursor: skip whitespace, then the word. */
function wordStartBefore(text: string, offset: number): number {
	let at = offset;
	while (at > 0) {
		const previous = previousBoundary(text, at);
		if (!isWhitespace(text.slice(previous, at))) {
			break;
		}
		at = previous;
	}
	while (at > 0) {
		const previous = previousBoundary(text, at);
		if (isWhitespace(text.slice(previous, at))) {
			break;
		}
		at = previous;
	}
	return at;
}

/** End of the word after the cursor: skip whitespace, then the word. */
function wordEndAfter(text: string, offset: number): number {
	let at = offset;
	while (at < text.length && isWhitespace(graphemeAt(text, at))) {
		at = nextBoundary(text, at);
	}
	while (at < text.length && !isWhitespace(graphemeAt(text, at))) {
		at = nextBoundary(text, at);
	}
	return at;
}

export function moveWordLeft(state: EditorState): EditorState {
	return moveTo(state, wordStartBefore(state.text, state.cursor));
}

export function moveWordRight(state: EditorState): EditorState {
	return moveTo(state, wordEndAfter(state.text, state.cursor));
}

/** Ctrl+W: deletes the word before the cursor (and the whitespace between). */
export function deleteWordBack(state: EditorState): EditorState {
	return splice(state, wordStartBefore(state.text, state.cursor), state.cursor);
}

/** Ctrl+U: deletes to the start of the line; at the start, joins with the line above. */
export function killToLineStart(state: EditorState): EditorState {
	const start = lineStartOf(state.text, state.cursor);
	return splice(state, start === state.cursor ? Math.max(0, start - 1) : start, state.cursor);
}

/** Ctrl+K: deletes to the end of the line; at the end, joins with the line below. */
export function killToLineEnd(state: EditorState): EditorState {
	const end = lineEndOf(state.text, state.cursor);
	return splice(state, state.cursor, end === state.cursor ? Math.min(state.text.length, end + 1) : end);
}

/** Shows an earlier input (older with -1, newer with +1); past the newest, the draft returns. */
function recall(state: EditorState, history: readonly string[], step: -1 | 1): EditorState {
	const current = state.recalled === undefined ? history.length : Math.min(state.recalled, history.length);
	const target = current + step;
	if (target < 0 || target > history.length || target === current) {
		return state;
	}
	const draft = state.recalled === undefined ? state.text : state.draft;
	if (target === history.length) {
		return {text: draft, cursor: draft.length, recalled: undefined, draft: ''};
	}
	const text = history[target]!;
	return {text, cursor: text.length, recalled: target, draft};
}

export function recallOlder(state: EditorState, history: readonly string[]): EditorState {
	return recall(state, history, -1);
}

export function recallNewer(state: EditorState, history: readonly string[]): EditorState {
	return recall(state, history, 1);
}

export function layout(state: EditorState, width: number): Layout {
	return layoutText(state.text, state.cursor, width);
}

function moveVertically(state: EditorState, width: number, step: -1 | 1): EditorState | undefined {
	const {rows, cursorRow, cursorColumn} = layout(state, width);
	const row = rows[cursorRow + step];
	return row ? moveTo(state, offsetAtColumn(state.text, row, cursorColumn)) : undefined;
}

/** ↑: moves up a visual row; on the first row, recalls the previous input. */
export function moveUp(state: EditorState, width: number, history: readonly string[]): EditorState {
	return moveVertically(state, width, -1) ?? recallOlder(state, history);
}

/** ↓: moves down a visual row; on the last row, recalls the next input (or the draft). */
export function moveDown(state: EditorState, width: number, history: readonly string[]): EditorState {
	return moveVertically(state, width, 1) ?? recallNewer(state, history);
}
