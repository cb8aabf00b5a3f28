/**
 * Every key binding of the app, in one table. The help overlay renders this table;
 * handlers look bindings up by action name so a key is never hard-coded twice.
 */

import type {Key} from 'ink';

export type KeyContext = 'global' | 'picker' | 'chat' | 'history' | 'composer';

export interface KeyBinding {
	action: KeyAction;
	context: KeyContext;
	/** What the help overlay shows, e.g. "Ctrl+N". */
	keys: string;
	description: string;
	/** Whether an Ink key event (useInput's input and key) triggers this binding. */
	match: (input: string, key: Key) => boolean;
}

export type KeyAction =
	| 'quit'
	| 'help'
	| 'picker.up'
	| 'picker.down'
	| 'picker.pageUp'
	| 'picker.pageDown'
	| 'picker.home'
	| 'picker.end'
	| 'picker.open'
	| 'picker.filter'
	| 'picker.rename'
	| 'picker.delete'
	| 'picker.new'
	| 'picker.quit'
	| 'chat.stop'
	| 'chat.focus'
	| 'chat.newSession'
	| 'chat.sessions'
	| 'chat.switchPane'
	| 'history.scroll'
	| 'history.follow'
	| 'composer.send'
	| 'composer.newline'
	| 'composer.recall'
	| 'composer.lineStart'
	| 'composer.lineEnd'
	| 'composer.wordLeft'
	| 'composer.wordRight'
	| 'composer.deleteWord'
	| 'composer.killToStart'
	| 'composer.killToEnd';

export const keyBindings: readonly KeyBinding[] = [
	{action: 'quit', context: 'global', keys: 'Ctrl+C', description: 'quit (at any time)', match: (input, key) => key.ctrl && input === 'c'},
	{action: 'help', context: 'global', keys: '? / F1', description: 'show or hide this help (? when the input line is empty)', match: input => input === '?'},
	{action: 'picker.up', context: 'picker', keys: '↑ / k', description: 'move up', match: (input, key) => key.upArrow || (!key.ctrl && input === 'k')},
	{action: 'picker.down', context: 'picker', keys: '↓ / j', description: 'move down', match: (input, key) => key.downArrow || (!key.ctrl && input === 'j')},
	{action: 'picker.pageUp', context: 'picker', keys: 'PgUp', description: 'page up', match: (_input, key) => key.pageUp},
	{action: 'picker.pageDown', context: 'picker', keys: 'PgDn', description: 'page down', match: (_input, key) => key.pageDown},
	{action: 'picker.home', context: 'picker', keys: 'Home', description: 'first row', match: (_input, key) => key.home},
	{action: 'picker.end', context: 'picker', keys: 'End', description: 'last row', match: (_input, key) => key.end},
	{action: 'picker.open', context: 'picker', keys: 'Enter', description: 'open the session', match: (_input, key) => key.return},
	{action: 'picker.filter', context: 'picker', keys: '/ or type', description: 'filter by title and content', match: (input, key) => !key.ctrl && input === '/'},
	{action: 'picker.rename', context: 'picker', keys: 'r', description: 'rename the session', match: (input, key) => !key.ctrl && input === 'r'},
	{action: 'picker.delete', context: 'picker', keys: 'd', description: 'delete the session (asks y/n)', match: (input, key) => !key.ctrl && input === 'd'},
	{action: 'picker.new', context: 'picker', keys: 'n', description: 'new session', match: (input, key) => !key.ctrl && input === 'n'},
	{action: 'picker.quit', context: 'picker', keys: 'q / Esc', description: 'quit', match: (input, key) => key.escape || (!key.ctrl && input === 'q')},
	{action: 'chat.stop', context: 'chat', keys: 'Esc', description: 'stop the streaming reply (keeps what arrived)', match: (_input, key) => key.escape},
	{action: 'chat.focus', context: 'chat', keys: 'Tab', description: 'move focus between composer and history pane', match: (_input, key) => key.tab && !key.shift},
	{action: 'chat.newSession', context: 'chat', keys: 'Ctrl+N', description: 'new session', match: (input, key) => key.ctrl && input === 'n'},
	{action: 'chat.sessions', context: 'chat', keys: 'Ctrl+O', description: 'back to the session picker', match: (input, key) => key.ctrl && input === 'o'},
	{action: 'chat.switchPane', context: 'chat', keys: 'Ctrl+T', description: 'show chat or history (narrow terminals)', match: (input, key) => key.ctrl && input === 't'},
	{action: 'history.scroll', context: 'history', keys: '↑ ↓ PgUp PgDn Home', description: 'scroll the history pane', match: (_input, key) => key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.home},
	{action: 'history.follow', context: 'history', keys: 'End', description: 'follow the newest message again', match: (_input, key) => key.end},
	{action: 'composer.send', context: 'composer', keys: 'Enter', description: 'send (exit, quit or bye quits)', match: (_input, key) => key.return && !key.meta},
	{action: 'composer.newline', context: 'composer', keys: 'Alt+Enter / Ctrl+J', description: 'new line', match: (input, key) => (key.return && key.meta) || (key.ctrl && input === 'j')},
	{action: 'composer.recall', context: 'composer', keys: '↑ / ↓', description: 'recall earlier inputs', match: (_input, key) => key.upArrow || key.downArrow},
	{action: 'composer.lineStart', context: 'composer', keys: 'Home / Ctrl+A', description: 'start of the line', match: (input, key) => key.home || (key.ctrl && input === 'a')},
	{action: 'composer.lineEnd', context: 'composer', keys: 'End / Ctrl+E', description: 'end of the line', match: (input, key) => key.end || (key.ctrl && input === 'e')},
	{action: 'composer.wordLeft', context: 'composer', keys: 'Alt+← / Ctrl+←', description: 'previous word', match: (input, key) => (key.leftArrow && (key.ctrl || key.meta)) || (key.meta && input === 'b')},
	{action: 'composer.wordRight', context: 'composer', keys: 'Alt+→ / Ctrl+→', description: 'next word', match: (input, key) => (key.rightArrow && (key.ctrl || key.meta)) || (key.meta && input === 'f')},
	{action: 'composer.deleteWord', context: 'composer', keys: 'Ctrl+W / Alt+Backspace', description: 'delete the word before the cursor', match: (input, key) => (key.ctrl && input === 'w') || (key.backspace && key.meta)},
	{action: 'composer.killToStart', context: 'composer', keys: 'Ctrl+U', description: 'delete to the start of the line', match: (input, key) => key.ctrl && input === 'u'},
	{action: 'composer.killToEnd', context: 'composer', keys: 'Ctrl+K', description: 'delete to the end of the line', match: (input, key) => key.ctrl && input === 'k'},
];

export const slashCommands: ReadonlyArray<{command: string; description: string}> = [
	{command: '/new', description: 'start a new session'},
	{command: '/sessions', description: 'back to the session picker'},
	{command: '/rename NAME', description: 'rename this session'},
	{command: '/clear', description: 'clear the screen (the session is kept)'},
	{command: '/help', description: 'show the keys and commands'},
];

const byAction = new Map(keyBindings.map(binding => [binding.action, binding]));

/** True when the key event triggers the binding named `action`. */
export function isKey(action: KeyAction, input: string, key: Key): boolean {
	return byAction.get(action)?.match(input, key) ?? false;
}
