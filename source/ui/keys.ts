/**
 * Every key binding of the app, in one table. The help overlay renders this table;
 * handlers look bindings up by action name so a key is never hard-coded twice.
 */

export type KeyContext = 'global' | 'picker' | 'chat' | 'history' | 'composer';

export interface KeyBinding {
	action: KeyAction;
	context: KeyContext;
	/** What the help overlay shows, e.g. "Ctrl+N". */
	keys: string;
	description: string;
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
	| 'composer.recall';

export const keyBindings: readonly KeyBinding[] = [
	{action: 'quit', context: 'global', keys: 'Ctrl+C', description: 'quit (at any time)'},
	{action: 'help', context: 'global', keys: '? / F1', description: 'show or hide this help'},
	{action: 'picker.up', context: 'picker', keys: '↑ / k', description: 'move up'},
	{action: 'picker.down', context: 'picker', keys: '↓ / j', description: 'move down'},
	{action: 'picker.pageUp', context: 'picker', keys: 'PgUp', description: 'page up'},
	{action: 'picker.pageDown', context: 'picker', keys: 'PgDn', description: 'page down'},
	{action: 'picker.home', context: 'picker', keys: 'Home', description: 'first row'},
	{action: 'picker.end', context: 'picker', keys: 'End', description: 'last row'},
	{action: 'picker.open', context: 'picker', keys: 'Enter', description: 'open the session'},
	{action: 'picker.filter', context: 'picker', keys: '/ or type', description: 'filter by title and content'},
	{action: 'picker.rename', context: 'picker', keys: 'r', description: 'rename the session'},
	{action: 'picker.delete', context: 'picker', keys: 'd', description: 'delete the session (asks y/n)'},
	{action: 'picker.new', context: 'picker', keys: 'n', description: 'new session'},
	{action: 'picker.quit', context: 'picker', keys: 'q / Esc', description: 'quit'},
	{action: 'chat.stop', context: 'chat', keys: 'Esc', description: 'stop the streaming reply (keeps what arrived)'},
	{action: 'chat.focus', context: 'chat', keys: 'Tab', description: 'move focus between composer and history pane'},
	{action: 'chat.newSession', context: 'chat', keys: 'Ctrl+N', description: 'new session'},
	{action: 'chat.sessions', context: 'chat', keys: 'Ctrl+O', description: 'back to the session picker'},
	{action: 'chat.switchPane', context: 'chat', keys: 'Ctrl+T', description: 'show chat or history (narrow terminals)'},
	{action: 'history.scroll', context: 'history', keys: '↑ ↓ PgUp PgDn Home', description: 'scroll the history pane'},
	{action: 'history.follow', context: 'history', keys: 'End', description: 'follow the newest message again'},
	{action: 'composer.send', context: 'composer', keys: 'Enter', description: 'send (exit, quit or bye quits)'},
	{action: 'composer.newline', context: 'composer', keys: 'Alt+Enter / Ctrl+J', description: 'new line'},
	{action: 'composer.recall', context: 'composer', keys: '↑ / ↓', description: 'recall earlier inputs'},
];

export const slashCommands: ReadonlyArray<{command: string; description: string}> = [
	{command: '/new', description: 'start a new session'},
	{command: '/sessions', description: 'back to the session picker'},
	{command: '/rename NAME', description: 'rename this session'},
	{command: '/clear', description: 'clear the screen (the session is kept)'},
	{command: '/help', description: 'show the keys and commands'},
];
