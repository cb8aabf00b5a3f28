// The command line's grammar: the commands, every flag once (--help, the parser and the unknown-flag check come from
// these tables), the help text, and the walk of argv. source/config.ts turns what it reads into a Config and a Command.
import type {CommandName} from './config.js';

export const defaultDbPath = 'data/agents.db';

/** A bad flag or value: the message is one sentence for stderr; the process exits with code 2. */
export class ConfigError extends Error {
	readonly exitCode = 2;
}

interface CommandSpec {
	/** After `agent-session` in the usage lines. */
	usage: string;
	summary: string;
	/** What may follow the command name: nothing, any words (a question), or one file. */
	takes: 'nothing' | 'words' | 'file';
}

/** Every way to run agent-session. The usage lines of --help and the parsing both come from here. */
export const commandTable: Readonly<Record<CommandName, CommandSpec>> = {
	chat: {usage: '[options]', summary: 'the session picker (--new, --continue, --session: a session at once)', takes: 'nothing'},
	ask: {usage: 'ask [QUESTION]', summary: 'ask once, print the reply; piped input is read as (part of) the question', takes: 'words'},
	export: {usage: 'export', summary: 'print your latest session (or --session ID) as markdown or JSON', takes: 'nothing'},
	import: {usage: 'import FILE', summary: 'add the session in FILE, made by export --format json', takes: 'file'},
	recover: {usage: 'recover FILE', summary: 'put the messages kept in a recovery FILE back into the database', takes: 'file'},
};

interface FlagSpec {
	type: 'string' | 'boolean';
	/** Shown after the flag in --help, e.g. PATH. */
	value?: string;
	help: string | readonly string[];
	/** The commands that take it. */
	commands: readonly CommandName[];
}

const everywhere: readonly CommandName[] = ['chat', 'ask', 'export', 'import', 'recover'];
const talking: readonly CommandName[] = ['chat', 'ask'];

/** Every flag, once: --help, the parser's spec and the unknown-flag check are made from this table. */
export const flagTable: Readonly<Record<string, FlagSpec>> = {
	db: {type: 'string', value: 'PATH', help: `SQLite file for sessions (default: ${defaultDbPath})`, commands: everywhere},
	user: {type: 'string', value: 'NAME', help: 'whose sessions to show and save (default: user)', commands: everywhere},
	new: {type: 'boolean', help: 'skip the picker and start a new session', commands: talking},
	continue: {type: 'boolean', help: 'skip the picker and resume your most recent session', commands: ['chat', 'ask', 'export']},
	session: {type: 'string', value: 'ID', help: 'skip the picker and open session ID', commands: ['chat', 'ask', 'export']},
	model: {type: 'string', value: 'NAME', help: 'model to ask (default: gpt-4o)', commands: talking},
	'base-url': {
		type: 'string',
		value: 'URL',
		help: ['OpenAI-compatible server, e.g. http://localhost:11434/v1', '(default: $OPENAI_BASE_URL, else OpenAI)'],
		commands: talking,
	},
	history: {type: 'string', value: 'N', help: 'earlier exchanges sent with each message (default: 3)', commands: talking},
	system: {type: 'string', value: 'TEXT', help: 'system instruction (default: answer in markdown)', commands: talking},
	timeout: {type: 'string', value: 'SECONDS', help: 'give up on a reply that sends nothing this long (default: 60)', commands: talking},
	offline: {type: 'boolean', help: 'use the built-in offline model', commands: talking},
	'hide-thinking': {type: 'boolean', help: 'show a reasoning model\'s thinking as one collapsed line only', commands: talking},
	format: {type: 'string', value: 'FORMAT', help: ['ask: text (default) or json, one object at the end', 'export: md (default) or json'], commands: ['ask', 'export']},
	output: {type: 'string', value: 'FILE', help: 'export: write to FILE instead of stdout', commands: ['export']},
	help: {type: 'boolean', help: 'show this help', commands: everywhere},
	version: {type: 'boolean', help: 'show the version', commands: everywhere},
};

function flagLabel(name: string, spec: FlagSpec): string {
	return spec.value === undefined ? `--${name}` : `--${name} ${spec.value}`;
}

function columns(rows: ReadonlyArray<[string, string | readonly string[]]>): string {
	const width = Math.max(...rows.map(([left]) => left.length)) + 2;
	return rows.flatMap(([left, right]) => {
		const [first = '', ...more] = typeof right === 'string' ? [right] : right;
		return [`    ${left.padEnd(width)}${first}`, ...more.map(line => `    ${' '.repeat(width)}${line}`)];
	}).join('\n');
}

export const helpText = `
  A full-screen terminal chat for LLM agents, with every session kept in SQLite.

  Usage
${columns(Object.values(commandTable).map(spec => [`$ agent-session ${spec.usage}`, spec.summary]))}

  Options
${columns(Object.entries(flagTable).map(([name, spec]) => [flagLabel(name, spec), spec.help]))}

  Environment
    OPENAI_API_KEY     key for OpenAI (optional with --base-url)
    OPENAI_BASE_URL    same as --base-url

  With neither a key nor a base URL the built-in offline model answers.
  Sessions in Agno's own tables (agent_sessions, agno_sessions) in the same file are listed too.

  Examples
    $ agent-session
    $ agent-session --continue --user ada
    $ agent-session --base-url http://localhost:11434/v1 --model llama3.2
    $ agent-session ask "What is a monad?"
    $ git diff | agent-session ask "Review this change."
    $ agent-session export --format json --output session.json
`;

export function stringFlag(flags: Flags, name: string): string | undefined {
	const value = flags[name];
	return typeof value === 'string' ? value : undefined;
}

/** Flag values by the table's names: true or false for switches (--offline, --no-offline), text for the others. */
export type Flags = Readonly<Record<string, string | boolean>>;

/**
 * Reads argv against the flag table: `--name VALUE`, `--name=VALUE`, `--switch`, `--no-switch`; the rest, everything after
 * `--`, and words such as "-5" are words. Unknown or one-dash flags, a missing value and a value given to a switch are
 * refused with one sentence. `given`: the flags named, in order. Not meow (whose loading took ~10 ms of every start,
 * measured on Node 24) nor node's parseArgs (which reads "-5" as the flag -5).
 */
export function readArgv(argv: readonly string[]): {given: string[]; flags: Flags; words: string[]} {
	const given: string[] = [];
	const flags: Record<string, string | boolean> = {};
	const words: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') {
			words.push(...argv.slice(index + 1));
			break;
		}
		if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
			words.push(arg);
			continue;
		}
		const equals = arg.indexOf('=');
		const name = arg.slice(arg.startsWith('--') ? 2 : 1, equals === -1 ? undefined : equals);
		const value = equals === -1 ? undefined : arg.slice(equals + 1);
		const negated = name.startsWith('no-') && flagTable[name.slice(3)]?.type === 'boolean';
		const plain = negated ? name.slice(3) : name;
		const spec = Object.hasOwn(flagTable, plain) ? flagTable[plain] : undefined;
		if (!arg.startsWith('--') || spec === undefined) {
			throw new ConfigError(`Unknown flag "${equals === -1 ? arg : arg.slice(0, equals)}": run agent-session --help to see the flags.`);
		}
		given.push(plain);
		if (spec.type === 'boolean') {
			if (value !== undefined) throw new ConfigError(`--${name} takes no value: leave out "=${value}".`);
			flags[plain] = !negated;
			continue;
		}
		if (value !== undefined) {
			flags[plain] = value;
			continue;
		}
		// A value flag followed by nothing (or by another flag) is missing its value.
		const next = argv[index + 1];
		if (next === undefined || (next.startsWith('--') && next.length > 2)) {
			throw new ConfigError(`--${plain} needs a value: run agent-session --help to see the flags.`);
		}
		flags[plain] = next;
		index++;
	}
	return {given, flags, words};
}
