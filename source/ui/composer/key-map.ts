/**
 * What a key does to the composer, as a pure function: an edit, a send, help, or nothing
 * (keys the composer leaves to the screen: Esc, Tab, Ctrl+C/N/O/T, PgUp/PgDn …).
 */

import type {KeyEvent} from '../../hooks/key-event.js';
import {isText} from '../../hooks/key-event.js';
import {actionOf, matches} from '../keys.js';
import type {KeyAction} from '../keys.js';
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

/** \r\n and lone \r (what terminals send for pasted line breaks) become \n. */
function normalizeNewlines(text: string): string {
	return text.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
}

/** Text as typed or pasted, made safe: line breaks as \n, no control characters but \n and \t. */
export function cleanInput(text: string): string {
	return stripControls(normalizeNewlines(text));
}

type EditAction = Extract<KeyAction, `composer.${string}`>;

const edits: ReadonlyMap<EditAction, (state: EditorState, context: ComposerKeyContext) => EditorState> = new Map<EditAction, (state: EditorState, context: ComposerKeyContext) => EditorState>([
	['composer.newline', insertNewline],
	['composer.up', (state, {width, history}) => moveUp(state, width, history)],
	['composer.down', (state, {width, history}) => moveDown(state, width, history)],
	['composer.left', moveLeft],
	['composer.right', moveRight],
	['composer.wordLeft', moveWordLeft],
	['composer.wordRight', moveWordRight],
	['composer.lineStart', moveLineStart],
	['composer.lineEnd', moveLineEnd],
	['composer.backspace', backspace],
	['composer.deleteForward', deleteForward],
	['composer.deleteWord', deleteWordBack],
	['composer.killToStart', killToLineStart],
	['composer.killToEnd', killToLineEnd],
]);
const editActions = [...edits.keys()];

export function composerKey(state: EditorState, event: KeyEvent, context: ComposerKeyContext): KeyOutcome {
	if (matches('composer.send', event)) {
		const text = state.text.trim();
		return text === '' ? {kind: 'ignore'} : {kind: 'submit', text, state: emptyEditor};
	}
	const action = actionOf(editActions, event);
	// In an empty input line, Home and End move the conversation instead, and ←/→ flip the last reply's alternatives.
	if (state.text === '' && event.name !== undefined && (action === 'composer.lineStart' || action === 'composer.lineEnd' || action === 'composer.left' || action === 'composer.right')) return {kind: 'ignore'};
	if (action) return {kind: 'edit', state: edits.get(action)!(state, context)};
	if (!isText(event)) return {kind: 'ignore'};
	if (context.helpOnQuestionMark && state.text === '' && matches('composer.help', event)) return {kind: 'help'};
	const text = cleanInput(event.text);
	return text === '' ? {kind: 'ignore'} : {kind: 'edit', state: insert(state, text)};
}
