import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ConfigError, commandTable, defaultDbPath, flagTable, helpText, readArgv, stringFlag} from './command-line.js';
import type {Flags} from './command-line.js';

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
export {ConfigError, defaultDbPath} from './command-line.js';

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
