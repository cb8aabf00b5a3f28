/**
 * Every key binding of the app, as data. Handlers ask `matches(action, event)`; the help overlay
 * renders the same table, so a key is written once and the help cannot drift from what works.
 *
 * A key is written as `ctrl+c`, `alt+enter`, `shift+tab`, `pageup`, `k` or `?`: modifiers
 * (`ctrl`, `alt`, `shift`) joined by `+` to a key name or one character. F-keys are absent on
 * purpose: Ink reports them with no name.
 */

import type {KeyEvent, KeyName} from '../hooks/key-event.js';

/** Where a binding applies; the help overlay has a section for each. */
export type KeyContext = 'global' | 'picker' | 'field' | 'chat' | 'messages' | 'chooser' | 'composer' | 'history' | 'zoom' | 'find' | 'help' | 'quit';

export type KeyAction =
	| 'quit' | 'redraw'
	| 'picker.up' | 'picker.down' | 'picker.pageUp' | 'picker.pageDown' | 'picker.home' | 'picker.end'
	| 'picker.open' | 'picker.new' | 'picker.rename' | 'picker.delete' | 'picker.confirm' | 'picker.back' | 'picker.order'
	| 'field.submit' | 'field.cancel' | 'field.left' | 'field.right' | 'field.start' | 'field.end'
	| 'field.backspace' | 'field.deleteWord' | 'field.clear'
	| 'chat.stop' | 'chat.focus' | 'chat.switchPane' | 'chat.newSession' | 'chat.sessions'
	| 'chat.pageUp' | 'chat.pageDown' | 'chat.lineUp' | 'chat.lineDown' | 'chat.top' | 'chat.bottom'
	| 'chat.previousMessage' | 'chat.nextMessage' | 'chat.sendQueued' | 'chat.thinking' | 'mouse'
	| 'chat.regenerate' | 'chat.previousAlternative' | 'chat.nextAlternative' | 'chat.selectMessage' | 'chat.confirm'
	| 'messages.up' | 'messages.down' | 'messages.edit' | 'messages.previousAlternative' | 'messages.nextAlternative' | 'messages.leave'
	| 'chooser.move' | 'chooser.pick' | 'chooser.pickNumber' | 'chooser.type' | 'chooser.cancel'
	| 'chat.zoom' | 'chat.find' | 'zoom.leave' | 'zoom.up' | 'zoom.down' | 'find.next' | 'find.previous' | 'find.edit' | 'find.close'
	| 'composer.send' | 'composer.newline' | 'composer.help' | 'composer.up' | 'composer.down'
	| 'composer.left' | 'composer.right' | 'composer.lineStart' | 'composer.lineEnd'
	| 'composer.wordLeft' | 'composer.wordRight' | 'composer.backspace' | 'composer.deleteForward'
	| 'composer.deleteWord' | 'composer.killToStart' | 'composer.killToEnd'
	| 'history.up' | 'history.down' | 'history.pageUp' | 'history.pageDown' | 'history.top' | 'history.follow'
	| 'history.back'
	| 'quit.retry' | 'quit.recoveryFile' | 'quit.discard'
	| 'help.close' | 'help.up' | 'help.down' | 'help.pageUp' | 'help.pageDown' | 'help.top' | 'help.bottom';

export interface KeyBinding {
	action: KeyAction;
	keys: readonly string[];
	context: KeyContext;
	/** What the help overlay says the keys do. */
	help: string;
}

export const keyBindings: readonly KeyBinding[] = [
	{action: 'quit', keys: ['ctrl+c'], context: 'global', help: 'quit (the reply so far and every message are saved first)'},
	{action: 'redraw', keys: ['ctrl+l'], context: 'global', help: 'redraw the screen (after another program wrote on it)'},
	{action: 'mouse', keys: ['alt+m'], context: 'global', help: 'mouse wheel on or off (off: the mouse selects text again; on: Shift+drag selects)'},

	{action: 'picker.up', keys: ['up'], context: 'picker', help: 'move up'},
	{action: 'picker.down', keys: ['down'], context: 'picker', help: 'move down'},
	{action: 'picker.pageUp', keys: ['pageup'], context: 'picker', help: 'page up'},
	{action: 'picker.pageDown', keys: ['pagedown'], context: 'picker', help: 'page down'},
	{action: 'picker.home', keys: ['home'], context: 'picker', help: 'first row'},
	{action: 'picker.end', keys: ['end'], context: 'picker', help: 'last row'},
	{action: 'picker.open', keys: ['enter'], context: 'picker', help: 'open the session (or start a new one on "+ New session")'},
	{action: 'picker.new', keys: ['ctrl+n'], context: 'picker', help: 'new session'},
	{action: 'picker.rename', keys: ['ctrl+r'], context: 'picker', help: 'rename the session'},
	{action: 'picker.delete', keys: ['delete', 'ctrl+d'], context: 'picker', help: 'delete the session (asks first)'},
	{action: 'picker.confirm', keys: ['y', 'Y'], context: 'picker', help: 'when asked: yes, delete it (any other key keeps it)'},
	{action: 'picker.back', keys: ['escape'], context: 'picker', help: 'clear the filter; with no filter, quit'},
	{action: 'picker.order', keys: ['tab'], context: 'picker', help: 'while filtering: matches by recency or by relevance'},

	{action: 'field.submit', keys: ['enter'], context: 'field', help: 'rename: save the name'},
	{action: 'field.cancel', keys: ['escape'], context: 'field', help: 'rename: keep the old name'},
	{action: 'field.left', keys: ['left'], context: 'field', help: 'cursor left'},
	{action: 'field.right', keys: ['right'], context: 'field', help: 'cursor right'},
	{action: 'field.start', keys: ['ctrl+a'], context: 'field', help: 'start of the text'},
	{action: 'field.end', keys: ['ctrl+e'], context: 'field', help: 'end of the text'},
	{action: 'field.backspace', keys: ['backspace'], context: 'field', help: 'delete the character before the cursor'},
	{action: 'field.deleteWord', keys: ['ctrl+w', 'alt+backspace'], context: 'field', help: 'delete the word before the cursor'},
	{action: 'field.clear', keys: ['ctrl+u'], context: 'field', help: 'delete to the start'},

	{action: 'chat.stop', keys: ['escape'], context: 'chat', help: 'stop the streaming reply (what arrived is kept); when none streams, cancel an edit, or drop the last queued message'},
	{action: 'chat.regenerate', keys: ['ctrl+r'], context: 'chat', help: 'ask again for the last reply, also a failed one (the old reply is kept as an alternative)'},
	{action: 'chat.previousAlternative', keys: ['left'], context: 'chat', help: 'with an empty input line: the last reply\'s previous alternative (‹ 1/2 ›)'},
	{action: 'chat.nextAlternative', keys: ['right'], context: 'chat', help: 'with an empty input line: the last reply\'s next alternative'},
	{action: 'chat.selectMessage', keys: ['alt+e'], context: 'chat', help: 'select a message: edit one of yours into a new session (a fork), flip a reply\'s alternatives (also /edit)'},
	{action: 'chat.confirm', keys: ['y', 'Y'], context: 'chat', help: 'when asked (/undo): yes (any other key: no)'},
	{action: 'chat.sendQueued', keys: ['enter'], context: 'chat', help: 'with an empty input line: send the next queued message now'},
	{action: 'chat.focus', keys: ['tab'], context: 'chat', help: 'move between the input line and the history pane'},
	{action: 'chat.switchPane', keys: ['ctrl+t'], context: 'chat', help: 'narrow terminals: show the chat or the history pane'},
	{action: 'chat.newSession', keys: ['ctrl+n'], context: 'chat', help: 'new session'},
	{action: 'chat.sessions', keys: ['ctrl+o'], context: 'chat', help: 'back to the session picker'},
	{action: 'chat.pageUp', keys: ['pageup'], context: 'chat', help: 'scroll the conversation up a page'},
	{action: 'chat.pageDown', keys: ['pagedown'], context: 'chat', help: 'scroll the conversation down a page'},
	{action: 'chat.lineUp', keys: ['shift+up', 'ctrl+up'], context: 'chat', help: 'scroll the conversation up a line'},
	{action: 'chat.lineDown', keys: ['shift+down', 'ctrl+down'], context: 'chat', help: 'scroll the conversation down a line'},
	{action: 'chat.previousMessage', keys: ['alt+up'], context: 'chat', help: 'jump to the previous message'},
	{action: 'chat.nextMessage', keys: ['alt+down'], context: 'chat', help: 'jump to the next message'},
	{action: 'chat.top', keys: ['ctrl+home', 'home'], context: 'chat', help: 'the start of the conversation (Home: with an empty input line)'},
	{action: 'chat.bottom', keys: ['ctrl+end', 'end'], context: 'chat', help: 'the newest message, and follow it again (End: with an empty input line)'},
	// A chord the input line leaves alone (Tab and Enter are taken there), so it works while typing.
	{action: 'chat.thinking', keys: ['ctrl+x'], context: 'chat', help: 'expand or collapse the thinking of every reply (reasoning models)'},
	// Zoom and find: chords the input line leaves alone too, so they work while typing.
	{action: 'chat.zoom', keys: ['alt+z'], context: 'chat', help: 'zoom: the conversation alone, full width, no borders, the mouse selects text (also /zoom)'},
	{action: 'chat.find', keys: ['ctrl+f'], context: 'chat', help: 'find in this conversation (also /find TEXT)'},
	{action: 'zoom.leave', keys: ['escape', 'alt+z', 'q'], context: 'zoom', help: 'back to the panes'},
	{action: 'zoom.up', keys: ['up', 'k'], context: 'zoom', help: 'scroll up a line (PgUp/PgDn, Home/End and Alt+↑/↓ work as in the chat)'},
	{action: 'zoom.down', keys: ['down', 'j'], context: 'zoom', help: 'scroll down a line'},
	{action: 'find.next', keys: ['enter', 'n'], context: 'find', help: 'the next match down (n once Enter ended the typing)'},
	{action: 'find.previous', keys: ['shift+enter', 'N'], context: 'find', help: 'the match before, up (N once Enter ended the typing)'},
	{action: 'find.edit', keys: ['ctrl+f', '/'], context: 'find', help: 'type the search again'},
	{action: 'find.close', keys: ['escape'], context: 'find', help: 'close the search (the highlights go)'},

	{action: 'messages.up', keys: ['up', 'k'], context: 'messages', help: 'the message before'},
	{action: 'messages.down', keys: ['down', 'j'], context: 'messages', help: 'the message after'},
	{action: 'messages.edit', keys: ['enter', 'e'], context: 'messages', help: 'edit your message in the input line: sending it starts a new session from there (a fork)'},
	{action: 'messages.previousAlternative', keys: ['left', 'h'], context: 'messages', help: 'on a reply: its previous alternative'},
	{action: 'messages.nextAlternative', keys: ['right', 'l'], context: 'messages', help: 'on a reply: its next alternative'},
	{action: 'messages.leave', keys: ['escape'], context: 'messages', help: 'back to the input line'},

	// The model list is ink-select-input, which reads ↑/↓, j/k, Enter and 1–9 itself (see ModelChooser.tsx): these rows say so.
	{action: 'chooser.move', keys: ['up', 'down', 'k', 'j'], context: 'chooser', help: 'move in the list'},
	{action: 'chooser.pick', keys: ['enter'], context: 'chooser', help: 'use the model (or the name typed)'},
	{action: 'chooser.pickNumber', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], context: 'chooser', help: 'use the model with that number on screen'},
	{action: 'chooser.type', keys: ['tab'], context: 'chooser', help: 'type a model name the server does not list (Tab again: the list)'},
	{action: 'chooser.cancel', keys: ['escape'], context: 'chooser', help: 'keep the model as it is'},

	{action: 'composer.send', keys: ['enter'], context: 'composer', help: 'send (exit, quit or bye alone quits)'},
	{action: 'composer.newline', keys: ['alt+enter', 'ctrl+j'], context: 'composer', help: 'new line'},
	{action: 'composer.help', keys: ['?'], context: 'composer', help: 'in an empty input line: show or hide this help'},
	{action: 'composer.up', keys: ['up'], context: 'composer', help: 'line up; on the first line, recall earlier inputs'},
	{action: 'composer.down', keys: ['down'], context: 'composer', help: 'line down; on the last line, newer inputs'},
	{action: 'composer.left', keys: ['left'], context: 'composer', help: 'cursor left'},
	{action: 'composer.right', keys: ['right'], context: 'composer', help: 'cursor right'},
	{action: 'composer.lineStart', keys: ['home', 'ctrl+a'], context: 'composer', help: 'start of the line (Home: when there is text)'},
	{action: 'composer.lineEnd', keys: ['end', 'ctrl+e'], context: 'composer', help: 'end of the line (End: when there is text)'},
	{action: 'composer.wordLeft', keys: ['alt+left', 'ctrl+left', 'alt+b'], context: 'composer', help: 'previous word'},
	{action: 'composer.wordRight', keys: ['alt+right', 'ctrl+right', 'alt+f'], context: 'composer', help: 'next word'},
	{action: 'composer.backspace', keys: ['backspace'], context: 'composer', help: 'delete the character before the cursor'},
	{action: 'composer.deleteForward', keys: ['delete'], context: 'composer', help: 'delete the character under the cursor'},
	{action: 'composer.deleteWord', keys: ['ctrl+w', 'alt+backspace'], context: 'composer', help: 'delete the word before the cursor'},
	{action: 'composer.killToStart', keys: ['ctrl+u'], context: 'composer', help: 'delete to the start of the line'},
	{action: 'composer.killToEnd', keys: ['ctrl+k'], context: 'composer', help: 'delete to the end of the line'},

	{action: 'history.up', keys: ['up', 'k'], context: 'history', help: 'scroll up a line'},
	{action: 'history.down', keys: ['down', 'j'], context: 'history', help: 'scroll down a line'},
	{action: 'history.pageUp', keys: ['pageup'], context: 'history', help: 'scroll up a page'},
	{action: 'history.pageDown', keys: ['pagedown'], context: 'history', help: 'scroll down a page'},
	{action: 'history.top', keys: ['home'], context: 'history', help: 'the first message'},
	{action: 'history.follow', keys: ['end'], context: 'history', help: 'follow the newest message again'},
	{action: 'history.back', keys: ['escape'], context: 'history', help: 'back to the input line'},

	{action: 'quit.retry', keys: ['r', 'R'], context: 'quit', help: 'try the save again'},
	{action: 'quit.recoveryFile', keys: ['w', 'W', 'ctrl+c'], context: 'quit', help: 'write the unsaved messages to a recovery file and quit'},
	{action: 'quit.discard', keys: ['d', 'D'], context: 'quit', help: 'quit without the unsaved messages'},

	{action: 'help.close', keys: ['escape', 'enter', '?', 'q'], context: 'help', help: 'close this help'},
	{action: 'help.up', keys: ['up', 'k'], context: 'help', help: 'scroll up'},
	{action: 'help.down', keys: ['down', 'j'], context: 'help', help: 'scroll down'},
	{action: 'help.pageUp', keys: ['pageup'], context: 'help', help: 'page up'},
	{action: 'help.pageDown', keys: ['pagedown', 'space'], context: 'help', help: 'page down'},
	{action: 'help.top', keys: ['home'], context: 'help', help: 'top'},
	{action: 'help.bottom', keys: ['end'], context: 'help', help: 'bottom'},
];

export const slashCommands: ReadonlyArray<{command: string; description: string}> = [
	{command: '/new', description: 'start a new session'},
	{command: '/sessions', description: 'back to the session picker'},
	{command: '/rename NAME', description: 'rename this session'},
	{command: '/retry', description: 'ask again for the last reply (as Ctrl+R)'},
	{command: '/edit', description: 'select a message to edit into a new session, or a reply to flip (as Alt+E)'},
	{command: '/undo', description: 'delete the last exchange: your last message and its replies (asks first)'},
	{command: '/model [NAME]', description: 'the model for this session: a list from the server, or NAME'},
	{command: '/system [TEXT]', description: 'this session\'s system prompt: TEXT, or edit it (default: back to --system; none: send none)'},
	{command: '/copy [N|all]', description: 'copy the last reply (its markdown), its Nth code block, or the whole session to the clipboard'},
	{command: '/find TEXT', description: 'find in this conversation (as Ctrl+F)'},
	{command: '/zoom', description: 'the conversation alone, for a clean mouse selection (as Alt+Z)'},
	{command: '/export [md|json] [FILE]', description: 'write this session to a file (default session-<id>.md in the current folder)'},
	{command: '/clear', description: 'clear the screen (the session is kept)'},
	{command: '/mouse on|off', description: 'mouse wheel scrolling (off gives text selection back)'},
	{command: '/help', description: 'show the keys and commands'},
];

interface KeySpec {
	name: KeyName | undefined;
	text: string;
	ctrl: boolean;
	meta: boolean;
	shift: boolean;
}

const keyNames = new Set<string>(['up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'tab', 'backspace', 'delete']);

function parseSpec(spec: string): KeySpec {
	const parts = spec.length > 1 ? spec.split('+') : [spec];
	const base = parts.pop()!;
	const modifiers = new Set(parts);
	for (const modifier of modifiers) {
		if (modifier !== 'ctrl' && modifier !== 'alt' && modifier !== 'shift') throw new Error(`Unknown modifier in key "${spec}"`);
	}
	const named = keyNames.has(base);
	if (!named && base !== 'space' && [...base].length !== 1) throw new Error(`Unknown key "${spec}"`);
	return {
		name: named ? base as KeyName : undefined,
		text: named ? '' : base === 'space' ? ' ' : base,
		ctrl: modifiers.has('ctrl'),
		meta: modifiers.has('alt'),
		shift: modifiers.has('shift'),
	};
}

function specMatches(spec: KeySpec, event: KeyEvent): boolean {
	if (spec.ctrl !== event.ctrl || spec.meta !== event.meta) return false;
	// A character's case already says whether Shift was held.
	if (spec.name === undefined) return event.name === undefined && event.text === spec.text;
	return event.name === spec.name && spec.shift === event.shift;
}

const specs = new Map<KeyAction, KeySpec[]>(keyBindings.map(binding => [binding.action, binding.keys.map(key => parseSpec(key))]));

/** True when `event` is one of the keys bound to `action`. */
export function matches(action: KeyAction, event: KeyEvent): boolean {
	return specs.get(action)?.some(spec => specMatches(spec, event)) ?? false;
}

/** The first of `actions` that `event` is bound to. */
export function actionOf<A extends KeyAction>(actions: readonly A[], event: KeyEvent): A | undefined {
	return actions.find(action => matches(action, event));
}

const names: Record<string, string> = {
	up: '↑', down: '↓', left: '←', right: '→', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End',
	enter: 'Enter', escape: 'Esc', tab: 'Tab', backspace: 'Backspace', delete: 'Delete', space: 'Space',
};

/** How a key is written for people: `ctrl+c` → "Ctrl+C", `pageup` → "PgUp". */
export function keyLabel(spec: string): string {
	const parts = spec.length > 1 ? spec.split('+') : [spec];
	const base = parts.pop()!;
	const modifiers = parts.map(part => ({ctrl: 'Ctrl+', alt: 'Alt+', shift: 'Shift+'})[part] ?? '');
	const chord = parts.length > 0 && base.length === 1 ? base.toUpperCase() : base;
	return modifiers.join('') + (names[base] ?? chord);
}

/** The first key of `action` for people, where a hint has room for one: "↑". */
export function firstKeyLabel(action: KeyAction): string {
	const key = keyBindings.find(candidate => candidate.action === action)?.keys[0];
	return key === undefined ? '' : keyLabel(key);
}

/** The keys of `action` for people, e.g. "↑ / k". */
export function keysLabel(action: KeyAction): string {
	const binding = keyBindings.find(candidate => candidate.action === action);
	return binding ? binding.keys.map(key => keyLabel(key)).join(' / ') : '';
}
