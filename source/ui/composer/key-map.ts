/**
 * What a key does to the composer, as a pure function: an edit, a send, help, or nothing
 * (keys the composer leaves to its parent: Esc, Tab, Ctrl+C/N/O/T, PgUp/PgDn …).
 */

import type {Key} from 'ink';
import {isKey} from '../keys.js';
import {normalizeNewlines} from '../../hooks/raw-input.js';
import {stripControls} from '../text/sanitize.js';
import {
	backspace, deleteForward, deleteWordBack, emptyEditor, insert, insertNewline, killToLineEnd, killToLineStart,
	moveDown, moveLeft, moveLineEnd, moveLineStart, moveRight, moveUp, moveWordLeft, moveWordRight,
} from './editor.js';
import type {EditorState} from './editor.js';

export type KeyOutcome =
	| {kind: 'edit'; state: EditorState}
	| {kind: 'submit'; text: string; state: EditorState}
	| {kind: 'help'}
	| {kind: 'ignore'};

export interface ComposerKeyContext {
	/** Columns the text wraps at (for moving between visual rows). */
	readonly width: number;
	readonly history: readonly string[];
	/** Whether '?' in an empty composer asks for help instead of typing a '?'. */
	readonly helpOnQuestionMark: boolean;
}

/** Text as typed or pasted, made safe: line breaks as \n, no control characters but \n and \t. */
export function cleanInput(text: string): string {
	return stripControls(normalizeNewlines(text));
}

const edits: ReadonlyArray<[Parameters<typeof isKey>[0], (state: EditorState) => EditorState]> = [
	['composer.newline', insertNewline],
	['composer.wordLeft', moveWordLeft],
	['composer.wordRight', moveWordRight],
	['composer.lineStart', moveLineStart],
	['composer.lineEnd', moveLineEnd],
	['composer.deleteWord', deleteWordBack],
	['composer.killToStart', killToLineStart],
	['composer.killToEnd', killToLineEnd],
];

function edit(state: EditorState): KeyOutcome {
	return {kind: 'edit', state};
}

export function composerKey(state: EditorState, input: string, key: Key, context: ComposerKeyContext): KeyOutcome {
	if (isKey('composer.send', input, key)) {
		const text = state.text.trim();
		return text === '' ? {kind: 'ignore'} : {kind: 'submit', text, state: emptyEditor};
	}
	for (const [action, apply] of edits) {
		if (isKey(action, input, key)) {
			return edit(apply(state));
		}
	}
	if (isKey('composer.recall', input, key)) {
		return edit(key.upArrow ? moveUp(state, context.width, context.history) : moveDown(state, context.width, context.history));
	}
	if (key.leftArrow) {
		return edit(moveLeft(state));
	}
	if (key.rightArrow) {
		return edit(moveRight(state));
	}
	if (key.backspace) {
		return edit(backspace(state));
	}
	if (key.delete) {
		return edit(deleteForward(state));
	}
	// Everything else with a modifier or a special key belongs to the parent.
	if (key.ctrl || key.meta || key.escape || key.tab || key.pageUp || key.pageDown || key.return || input === '') {
		return {kind: 'ignore'};
	}
	if (context.helpOnQuestionMark && state.text === '' && isKey('help', input, key)) {
		return {kind: 'help'};
	}
	const text = cleanInput(input);
	return text === '' ? {kind: 'ignore'} : edit(insert(state, text));
}
