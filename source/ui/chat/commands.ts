/** What a line typed into the composer asks for. Pure: the chat view acts on the result. */
export type ComposerCommand =
	| {kind: 'send'; text: string}
	| {kind: 'quit'}
	| {kind: 'new'}
	| {kind: 'sessions'}
	| {kind: 'rename'; name: string}
	| {kind: 'clear'}
	| {kind: 'help'}
	| {kind: 'mouse'; on: boolean | undefined}
	| {kind: 'retry'}
	| {kind: 'edit'}
	| {kind: 'undo'}
	/** Without a name: open the chooser. */
	| {kind: 'model'; name: string | undefined}
	/** `edit`: open the prompt in the composer; `set`: '' sends none, null goes back to the app's default (--system). */
	| {kind: 'system'; action: 'edit'} | {kind: 'system'; action: 'set'; prompt: string | null}
	| CopyCommand
	| {kind: 'zoom'}
	/** '' opens the find bar to type in. */
	| {kind: 'find'; text: string}
	| ExportCommand
	| {kind: 'invalid'; message: string};

/** `/copy`: the last reply, the Nth code block of the last reply (from 1), or the whole session. */
export type CopyCommand = {kind: 'copy'; what: 'reply'} | {kind: 'copy'; what: 'all'} | {kind: 'copy'; what: 'code'; index: number};

const quitWords = new Set(['exit', 'quit', 'bye']);

export function parseCommand(input: string): ComposerCommand {
	const text = input.trim();
	if (quitWords.has(text.toLowerCase())) return {kind: 'quit'};
	if (!text.startsWith('/') || text.startsWith('//')) return {kind: 'send', text: text.startsWith('//') ? text.slice(1) : text};
	const [command = ''] = text.split(/\s+/);
	const argument = text.slice(command.length).trim();
	switch (command.toLowerCase()) {
		case '/new': {
			return {kind: 'new'};
		}
		case '/sessions': {
			return {kind: 'sessions'};
		}
		case '/rename': {
			if (argument === '') return {kind: 'invalid', message: 'Give the new name after /rename, e.g. /rename Trip plans.'};
			return {kind: 'rename', name: argument.replaceAll(/\s+/g, ' ')};
		}
		case '/clear': {
			return {kind: 'clear'};
		}
		case '/help': {
			return {kind: 'help'};
		}
		case '/mouse': {
			const word = argument.toLowerCase();
			if (word === '') return {kind: 'mouse', on: undefined};
			if (word === 'on' || word === 'off') return {kind: 'mouse', on: word === 'on'};
			return {kind: 'invalid', message: 'Use /mouse on or /mouse off (or /mouse alone to switch).'};
		}
		case '/retry': {
			return {kind: 'retry'};
		}
		case '/edit': {
			return {kind: 'edit'};
		}
		case '/undo': {
			return {kind: 'undo'};
		}
		case '/model': {
			return {kind: 'model', name: argument === '' ? undefined : argument};
		}
		case '/system': {
			// Spaces and line breaks inside the prompt are kept as typed.
			const prompt = input.trim().slice(command.length).trim();
			if (prompt === '') return {kind: 'system', action: 'edit'};
			if (/^default$/i.test(prompt)) return {kind: 'system', action: 'set', prompt: null};
			if (/^none$/i.test(prompt)) return {kind: 'system', action: 'set', prompt: ''};
			return {kind: 'system', action: 'set', prompt};
		}
		case '/copy': {
			return parseCopyArgument(argument);
		}
		case '/zoom': {
			return {kind: 'zoom'};
		}
		case '/find': {
			return {kind: 'find', text: argument};
		}
		case '/export': {
			return parseExportArguments(argument);
		}
		case '/quit':
		case '/exit': {
			return {kind: 'quit'};
		}
		default: {
			return {kind: 'invalid', message: `Unknown command ${command}: try /help (start a message with // to send a literal slash).`};
		}
	}
}

function parseCopyArgument(argument: string): CopyCommand | {kind: 'invalid'; message: string} {
	const word = argument.toLowerCase();
	if (word === '') return {kind: 'copy', what: 'reply'};
	if (word === 'all') return {kind: 'copy', what: 'all'};
	if (/^\d{1,6}$/.test(word) && Number(word) > 0) return {kind: 'copy', what: 'code', index: Number(word)};
	return {kind: 'invalid', message: 'Use /copy (the last reply), /copy N (its Nth code block, numbered on screen) or /copy all (the whole session).'};
}

/** `/export [md|json] [FILE]`: what to write and where (the chat view picks a file name when none is given). */
export type ExportCommand = {kind: 'export'; format: 'md' | 'json'; file: string | undefined};

/**
 * The words after `/export`. A FILE ending in .json means JSON unless a format is named; the rest of the line is the
 * file name, spaces and all.
 */
export function parseExportArguments(argument: string): ExportCommand | {kind: 'invalid'; message: string} {
	const [first = ''] = argument.split(/\s+/);
	const named = first.toLowerCase();
	const format = named === 'md' || named === 'markdown' ? 'md' : named === 'json' ? 'json' : undefined;
	const file = (format === undefined ? argument : argument.slice(first.length)).trim();
	if (/^(txt|html|pdf|text)$/i.test(file)) return {kind: 'invalid', message: `/export writes md or json, not ${file}: e.g. /export json session.json.`};
	return {
		kind: 'export',
		format: format ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'md'),
		file: file === '' ? undefined : file,
	};
}
