import {resolve} from 'node:path';
import meow from 'meow';

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

export const defaultSystemPrompt = 'You are a helpful assistant. Use markdown to format your answers.';
export const defaultDbPath = 'data/agents.db';

/** A bad flag or value: the message is one sentence for stderr; the process exits with code 2. */
export class ConfigError extends Error {
	readonly exitCode = 2;
}

export const helpText = `
  A full-screen terminal chat for LLM agents, with every session kept in SQLite.

  Usage
    $ agent-session [options]

  Options
    --db PATH          SQLite file for sessions (default: ${defaultDbPath})
    --user NAME        whose sessions to show and save (default: user)
    --new              skip the picker and start a new session
    --continue         skip the picker and resume your most recent session
    --session ID       skip the picker and open session ID
    --model NAME       model to ask (default: gpt-4o)
    --base-url URL     OpenAI-compatible server, e.g. http://localhost:11434/v1
                       (default: $OPENAI_BASE_URL, else OpenAI)
    --history N        earlier exchanges sent with each message (default: 3)
    --system TEXT      system instruction (default: answer in markdown)
    --timeout SECONDS  give up on a reply that sends nothing this long (default: 60)
    --offline          use the built-in offline model
    --hide-thinking    show a reasoning model's thinking as one collapsed line only
    --help             show this help
    --version          show the version

  Environment
    OPENAI_API_KEY     key for OpenAI (optional with --base-url)
    OPENAI_BASE_URL    same as --base-url

  With neither a key nor a base URL the built-in offline model answers.

  Examples
    $ agent-session
    $ agent-session --continue --user ada
    $ agent-session --base-url http://localhost:11434/v1 --model llama3.2
`;

const flagSpec = {
	db: {type: 'string'},
	user: {type: 'string'},
	new: {type: 'boolean'},
	continue: {type: 'boolean'},
	session: {type: 'string'},
	model: {type: 'string'},
	baseUrl: {type: 'string'},
	history: {type: 'string'},
	system: {type: 'string'},
	timeout: {type: 'string'},
	offline: {type: 'boolean'},
	hideThinking: {type: 'boolean'},
} as const;

const knownFlags = new Set([
	'db', 'user', 'new', 'continue', 'session', 'model', 'base-url', 'history', 'system', 'timeout', 'offline', 'hide-thinking', 'help', 'version',
]);
const booleanFlags = new Set(['new', 'continue', 'offline', 'hide-thinking', 'help', 'version']);

export interface ParseInput {
	importMeta: ImportMeta;
	argv: readonly string[];
	env: Readonly<Record<string, string | undefined>>;
	cwd: string;
}

/** Parses flags and environment into one validated Config. Throws ConfigError on bad input. `--help`/`--version` print and exit (meow). */
export function parseConfig({importMeta, argv, env, cwd}: ParseInput): Config {
	checkFlagNames(argv);
	const cli = meow(helpText, {
		importMeta,
		argv,
		flags: flagSpec,
		allowUnknownFlags: true,
		booleanDefault: undefined,
	});
	const {flags} = cli;
	if (cli.input.length > 0) {
		throw new ConfigError(`Unexpected argument "${cli.input[0]}": agent-session takes only flags (see --help).`);
	}

	const user = nonEmpty('--user', flags.user) ?? 'user';
	const model = nonEmpty('--model', flags.model) ?? 'gpt-4o';
	const dbPath = resolve(cwd, nonEmpty('--db', flags.db) ?? defaultDbPath);
	const session = nonEmpty('--session', flags.session);
	const baseURL = validUrl(nonEmpty('--base-url', flags.baseUrl) ?? emptyToUndefined(env['OPENAI_BASE_URL']));
	const apiKey = emptyToUndefined(env['OPENAI_API_KEY']);

	const starts = [flags.new && '--new', flags.continue && '--continue', session !== undefined && '--session'].filter(Boolean);
	if (starts.length > 1) {
		throw new ConfigError(`${starts.join(' and ')} cannot be used together: pick one way to start.`);
	}
	const start: StartMode = flags.new
		? {kind: 'new'}
		: flags.continue
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
		offline: Boolean(flags.offline) || (apiKey === undefined && baseURL === undefined),
		historyExchanges: nonNegativeInteger('--history', flags.history, 3),
		systemPrompt: flags.system ?? defaultSystemPrompt,
		stallTimeoutMs: positiveSeconds('--timeout', flags.timeout, 60) * 1000,
		hideThinking: Boolean(flags.hideThinking),
	};
}

function checkFlagNames(argv: readonly string[]): void {
	for (const [index, arg] of argv.entries()) {
		if (arg === '--') return;
		if (!arg.startsWith('-') || /^-\d/.test(arg)) continue;
		const name = arg.replace(/^--?/, '').split('=')[0] ?? '';
		const plain = name.startsWith('no-') && booleanFlags.has(name.slice(3)) ? name.slice(3) : name;
		if (!arg.startsWith('--') || !knownFlags.has(plain)) {
			throw new ConfigError(`Unknown flag "${arg.split('=')[0]}": run agent-session --help to see the flags.`);
		}
		// A value flag followed by nothing (or by another flag) is missing its value.
		if (!booleanFlags.has(plain) && !arg.includes('=')) {
			const next = argv[index + 1];
			if (next === undefined || (next.startsWith('--') && next.length > 2)) {
				throw new ConfigError(`--${plain} needs a value: run agent-session --help to see the flags.`);
			}
		}
	}
}

function emptyToUndefined(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (value.trim() === '') throw new ConfigError(`${flag} needs a value: run agent-session --help to see the flags.`);
	return value.trim();
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
