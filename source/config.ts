import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

/** How the app opens: the picker, or straight into a session. */
export type StartMode =
	| {kind: 'picker'}
	| {kind: 'new'}
	| {kind: 'continue'}
	| {kind: 'session'; id: string};

export interface Config {
	/** Absolute path of the SQLite file. */
	dbPath: string;
	user: string;
	start: StartMode;
	model: string;
	baseURL: string | undefined;
	apiKey: string | undefined;
	/** True when the built-in offline model is used (--offline, or no key and no base URL). */
	offline: boolean;
	/** Earlier exchanges (user message + reply) sent with each new message. */
	historyExchanges: number;
	systemPrompt: string;
	/** A reply that sends nothing for this long is stopped and reported as a timeout. */
	stallTimeoutMs: number;
	/** Show a reasoning model's thinking as its one collapsed line only (--hide-thinking). */
	hideThinking: boolean;
}

/** What the command line asks for: the full-screen chat, a subcommand, or --help / --version. */
export type Command =
	| {kind: 'chat'}
	/** `words`: the question given as arguments (joined with spaces), if any; stdin may add to it. */
	| {kind: 'ask'; words: string[]; format: 'text' | 'json'}
	/** `output`: an absolute path, or undefined for stdout. */
	| {kind: 'export'; format: 'md' | 'json'; output: string | undefined}
	| {kind: 'import'; file: string}
	/** `db`: --db as given (absolute), to merge into it instead of the database the file names. */
	| {kind: 'recover'; file: string; db: string | undefined}
	| {kind: 'help'; text: string}
	| {kind: 'version'; version: string};

export type CommandName = Exclude<Command['kind'], 'help' | 'version'>;

export interface CommandLine {
	command: Command;
	config: Config;
}

export const defaultSystemPrompt = 'You are a helpful assistant. Use markdown to format your answers.';
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
const commandTable: Readonly<Record<CommandName, CommandSpec>> = {
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
const flagTable: Readonly<Record<string, FlagSpec>> = {
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

const helpText = `
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

export interface ParseInput {
	importMeta: ImportMeta;
	argv: readonly string[];
	env: Readonly<Record<string, string | undefined>>;
	cwd: string;
}

/** Parses the command line and the environment. Throws ConfigError on bad input; prints nothing and exits nowhere. */
export function parseCommandLine({importMeta, argv, env, cwd}: ParseInput): CommandLine {
	const {given, flags, words} = readArgv(argv);
	const config = toConfig(flags, env, cwd);
	if (flags['help'] === true) return {command: {kind: 'help', text: helpText}, config};
	if (flags['version'] === true) return {command: {kind: 'version', version: packageVersion(importMeta)}, config};

	const [first, ...rest] = words;
	const name: CommandName = first !== undefined && first !== 'chat' && Object.hasOwn(commandTable, first) ? first as CommandName : 'chat';
	const args = name === 'chat' ? words : rest;
	for (const flag of given) {
		const spec = flagTable[flag]!;
		if (!spec.commands.includes(name)) {
			throw new ConfigError(`--${flag} does not go with ${name === 'chat' ? 'the chat' : name}: it works with ${spec.commands.join(' and ')} (see --help).`);
		}
	}
	return {command: commandFor(name, args, flags, cwd), config};
}

/** The version in package.json, one folder up from this code: source/ from the sources, dist/ in the bundle. */
function packageVersion(importMeta: ImportMeta): string {
	const path = new URL('../package.json', importMeta.url);
	try {
		const {version} = JSON.parse(readFileSync(path, 'utf8')) as {version?: unknown};
		if (typeof version === 'string') return version;
	} catch {
		// Said below.
	}
	throw new ConfigError(`Cannot tell the version: ${fileURLToPath(path)} is missing or has none; run agent-session from its package folder.`);
}

/** The chat's configuration (the full-screen app parses only this). */
export function parseConfig(input: ParseInput): Config {
	return parseCommandLine(input).config;
}

function commandFor(name: CommandName, args: readonly string[], flags: Flags, cwd: string): Command {
	const {takes} = commandTable[name];
	if (takes === 'nothing' && args.length > 0) {
		throw new ConfigError(name === 'chat'
			? `Unexpected argument "${args[0]}": to ask a question without the chat, run agent-session ask "${args.join(' ')}".`
			: `Unexpected argument "${args[0]}": ${name} takes only flags (see --help).`);
	}
	if (takes === 'file') {
		if (args.length !== 1 || args[0]!.trim() === '') {
			throw new ConfigError(args.length === 0 ? `${name} needs the FILE to read: agent-session ${name} FILE.` : `${name} takes one FILE, not ${args.length}: agent-session ${name} FILE.`);
		}
	}
	const format = nonEmpty('--format', stringFlag(flags, 'format'));
	switch (name) {
		case 'chat': {
			return {kind: 'chat'};
		}
		case 'ask': {
			return {kind: 'ask', words: [...args], format: oneOf('--format', format, ['text', 'json'] as const) ?? 'text'};
		}
		case 'export': {
			const output = nonEmpty('--output', stringFlag(flags, 'output'));
			return {kind: 'export', format: oneOf('--format', format, ['md', 'json'] as const) ?? 'md', output: output === undefined ? undefined : resolve(cwd, output)};
		}
		case 'import': {
			return {kind: name, file: resolve(cwd, args[0]!)};
		}
		case 'recover': {
			const db = nonEmpty('--db', stringFlag(flags, 'db'));
			return {kind: name, file: resolve(cwd, args[0]!), db: db === undefined ? undefined : resolve(cwd, db)};
		}
	}
}

function toConfig(flags: Flags, env: ParseInput['env'], cwd: string): Config {
	const user = nonEmpty('--user', stringFlag(flags, 'user')) ?? 'user';
	const model = nonEmpty('--model', stringFlag(flags, 'model')) ?? 'gpt-4o';
	const dbPath = resolve(cwd, nonEmpty('--db', stringFlag(flags, 'db')) ?? defaultDbPath);
	const session = nonEmpty('--session', stringFlag(flags, 'session'));
	const baseURL = validUrl(nonEmpty('--base-url', stringFlag(flags, 'base-url')) ?? emptyToUndefined(env['OPENAI_BASE_URL']));
	const apiKey = emptyToUndefined(env['OPENAI_API_KEY']);
	const isNew = flags['new'] === true;
	const isContinue = flags['continue'] === true;

	const starts = [isNew && '--new', isContinue && '--continue', session !== undefined && '--session'].filter(Boolean);
	if (starts.length > 1) {
		throw new ConfigError(`${starts.join(' and ')} cannot be used together: pick one way to start.`);
	}
	const start: StartMode = isNew
		? {kind: 'new'}
		: isContinue
			? {kind: 'continue'}
			: session === undefined
				? {kind: 'picker'}
				: {kind: 'session', id: session};

	return {
		dbPath,
		user,
		start,
		model,
		baseURL,
		apiKey,
		offline: flags['offline'] === true || (apiKey === undefined && baseURL === undefined),
		historyExchanges: nonNegativeInteger('--history', stringFlag(flags, 'history'), 3),
		systemPrompt: stringFlag(flags, 'system') ?? defaultSystemPrompt,
		stallTimeoutMs: positiveSeconds('--timeout', stringFlag(flags, 'timeout'), 60) * 1000,
		hideThinking: flags['hide-thinking'] === true,
	};
}

function stringFlag(flags: Flags, name: string): string | undefined {
	const value = flags[name];
	return typeof value === 'string' ? value : undefined;
}

/** Flag values by the table's names: true or false for switches (--offline, --no-offline), text for the others. */
type Flags = Readonly<Record<string, string | boolean>>;

/**
 * Reads argv against the flag table: `--name VALUE`, `--name=VALUE`, `--switch`, `--no-switch`; the rest, everything after
 * `--`, and words such as "-5" are words. Unknown or one-dash flags, a missing value and a value given to a switch are
 * refused with one sentence. `given`: the flags named, in order. Not meow (whose loading took ~10 ms of every start,
 * measured on Node 24) nor node's parseArgs (which reads "-5" as the flag -5).
 */
function readArgv(argv: readonly string[]): {given: string[]; flags: Flags; words: string[]} {
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

function emptyToUndefined(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (value.trim() === '') throw new ConfigError(`${flag} needs a value: run agent-session --help to see the flags.`);
	return value.trim();
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) return undefined;
	const found = allowed.find(option => option === value.toLowerCase());
	if (found === undefined) throw new ConfigError(`${flag} must be ${allowed.join(' or ')} here, not "${value}".`);
	return found;
}

function nonNegativeInteger(flag: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value.trim())) {
		throw new ConfigError(`${flag} must be a whole number of 0 or more, not "${value}".`);
	}
	return Number.parseInt(value, 10);
}

function positiveSeconds(flag: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const seconds = Number(value.trim());
	if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new ConfigError(`${flag} must be a number of seconds greater than 0, not "${value}".`);
	}
	return seconds;
}

function validUrl(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError(`--base-url must be an http(s) URL such as http://localhost:11434/v1, not "${value}".`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ConfigError(`--base-url must be an http(s) URL such as http://localhost:11434/v1, not "${value}".`);
	}
	return value;
}
