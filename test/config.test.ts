import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, existsSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {parseCommandLine, parseConfig, ConfigError, defaultSystemPrompt} from '../source/config.js';

function parse(argv: string[], env: Record<string, string> = {}) {
	return parseConfig({importMeta: import.meta, argv, env, cwd: '/home/ada/work'});
}

function command(argv: string[]) {
	return parseCommandLine({importMeta: import.meta, argv, env: {}, cwd: '/home/ada/work'}).command;
}

function rejects(argv: string[], pattern: RegExp) {
	assert.throws(() => parse(argv), (error: unknown) => {
		assert.ok(error instanceof ConfigError, `expected a ConfigError for ${argv.join(' ')}`);
		assert.equal(error.exitCode, 2);
		assert.match(error.message, pattern);
		return true;
	});
}

describe('config: defaults', () => {
	test('no flags, no environment: picker, offline model, default db under the current folder', () => {
		const config = parse([]);
		assert.deepEqual(config, {
			dbPath: '/home/ada/work/data/agents.db',
			user: 'user',
			start: {kind: 'picker'},
			model: 'gpt-4o',
			baseURL: undefined,
			apiKey: undefined,
			offline: true,
			historyExchanges: 3,
			systemPrompt: defaultSystemPrompt,
			stallTimeoutMs: 60_000,
			hideThinking: false,
		});
	});

	test('OPENAI_API_KEY selects OpenAI; OPENAI_BASE_URL a compatible server', () => {
		assert.equal(parse([], {OPENAI_API_KEY: 'sk-test'}).offline, false);
		assert.equal(parse([], {OPENAI_API_KEY: 'sk-test'}).apiKey, 'sk-test');
		const local = parse([], {OPENAI_BASE_URL: 'http://localhost:11434/v1'});
		assert.equal(local.offline, false);
		assert.equal(local.baseURL, 'http://localhost:11434/v1');
		assert.equal(parse([], {OPENAI_API_KEY: '  '}).offline, true, 'a blank key is no key');
	});
});

describe('config: every flag', () => {
	test('values', () => {
		const config = parse([
			'--db', 'elsewhere/x.db', '--user', 'ada', '--model', 'llama3.2', '--base-url', 'http://127.0.0.1:8080/v1',
			'--history', '5', '--system', 'Be brief.', '--timeout', '2.5',
		]);
		assert.equal(config.dbPath, '/home/ada/work/elsewhere/x.db');
		assert.equal(config.user, 'ada');
		assert.equal(config.model, 'llama3.2');
		assert.equal(config.baseURL, 'http://127.0.0.1:8080/v1');
		assert.equal(config.historyExchanges, 5);
		assert.equal(config.systemPrompt, 'Be brief.');
		assert.equal(config.stallTimeoutMs, 2500);
		assert.equal(config.offline, false);
		assert.equal(parse(['--hide-thinking']).hideThinking, true);
	});

	test('--db absolute, --base-url flag beats the environment, --history=0', () => {
		const config = parse(['--db=/tmp/a.db', '--base-url=http://a:1/v1', '--history=0'], {OPENAI_BASE_URL: 'http://b:2/v1'});
		assert.equal(config.dbPath, '/tmp/a.db');
		assert.equal(config.baseURL, 'http://a:1/v1');
		assert.equal(config.historyExchanges, 0);
	});

	test('start modes', () => {
		assert.deepEqual(parse(['--new']).start, {kind: 'new'});
		assert.deepEqual(parse(['--continue']).start, {kind: 'continue'});
		assert.deepEqual(parse(['--session', 'abc']).start, {kind: 'session', id: 'abc'});
	});

	test('--offline wins over a key', () => {
		assert.equal(parse(['--offline'], {OPENAI_API_KEY: 'sk'}).offline, true);
		assert.equal(parse(['--offline', '--no-offline'], {OPENAI_API_KEY: 'sk'}).offline, false, 'the last of a switch and its --no- wins');
	});
});

describe('config: bad input names the flag', () => {
	test('unknown flags', () => {
		rejects(['--frobnicate'], /Unknown flag "--frobnicate"/);
		rejects(['-x'], /Unknown flag "-x"/);
		rejects(['--histroy', '3'], /Unknown flag "--histroy"/);
	});

	test('--history must be a whole number of 0 or more', () => {
		rejects(['--history', '-1'], /--history must be a whole number/);
		rejects(['--history', '1.5'], /--history must be a whole number/);
		rejects(['--history', 'three'], /--history must be a whole number/);
		rejects(['--history='], /--history/);
	});

	test('conflicting start flags', () => {
		rejects(['--new', '--session', 'abc'], /--new and --session cannot be used together/);
		rejects(['--new', '--continue'], /--new and --continue cannot be used together/);
	});

	test('missing values and bad values', () => {
		rejects(['--session'], /--session needs a value/);
		rejects(['--user', '--new'], /--user needs a value/);
		rejects(['--user', ''], /--user needs a value/);
		rejects(['--base-url', 'localhost:11434'], /--base-url must be an http\(s\) URL/);
		rejects(['--base-url', 'ftp://host/v1'], /--base-url must be an http\(s\) URL/);
		rejects(['--timeout', '0'], /--timeout must be a number of seconds greater than 0/);
		rejects(['stray'], /Unexpected argument "stray"/);
		rejects(['--new=yes'], /^--new takes no value: leave out "=yes"\.$/);
		rejects(['--no-offline=1'], /^--no-offline takes no value/);
		rejects(['--no-user', 'x'], /^Unknown flag "--no-user"/);
	});
});

describe('config: subcommands', () => {
	test('ask, export, import and recover, with their own flags', () => {
		assert.deepEqual(command([]), {kind: 'chat'});
		assert.deepEqual(command(['ask']), {kind: 'ask', words: [], format: 'text'});
		assert.deepEqual(command(['--continue', 'ask', 'What', 'is', '--format', 'json', 'this?']), {kind: 'ask', words: ['What', 'is', 'this?'], format: 'json'});
		assert.deepEqual(command(['ask', '--', '-5 degrees?']), {kind: 'ask', words: ['-5 degrees?'], format: 'text'});
		assert.deepEqual(command(['ask', 'is', '-5', 'below', '-', '0?']), {kind: 'ask', words: ['is', '-5', 'below', '-', '0?'], format: 'text'}, 'numbers and a lone dash are words');
		assert.deepEqual(command(['ask', '--format=json', '--', '--format']), {kind: 'ask', words: ['--format'], format: 'json'});
		assert.deepEqual(command(['export']), {kind: 'export', format: 'md', output: undefined});
		assert.deepEqual(command(['export', '--format', 'JSON', '--output', 'out/s.json']), {kind: 'export', format: 'json', output: '/home/ada/work/out/s.json'});
		assert.deepEqual(command(['import', 'saved.json']), {kind: 'import', file: '/home/ada/work/saved.json'});
		assert.deepEqual(command(['recover', '/tmp/r.json']), {kind: 'recover', file: '/tmp/r.json', db: undefined});
		assert.deepEqual(command(['recover', '/tmp/r.json', '--db', 'other.db']), {kind: 'recover', file: '/tmp/r.json', db: '/home/ada/work/other.db'});
		assert.equal(command(['--help', 'ask']).kind, 'help');
		assert.equal(command(['export', '--version']).kind, 'version');
	});

	function refuses(argv: string[], pattern: RegExp) {
		assert.throws(() => command(argv), (error: unknown) => error instanceof ConfigError && pattern.test(error.message), argv.join(' '));
	}

	test('a flag only goes with the commands that take it; arguments only where they belong', () => {
		refuses(['--output', 'x.md'], /^--output does not go with the chat: it works with export \(see --help\)\.$/);
		refuses(['ask', '--output', 'x.md', 'hi'], /^--output does not go with ask: it works with export/);
		refuses(['export', '--new'], /^--new does not go with export: it works with chat and ask/);
		refuses(['import', 'f.json', '--model', 'x'], /^--model does not go with import/);
		refuses(['ask', '--format', 'md'], /^--format must be text or json here, not "md"\.$/);
		refuses(['export', '--format', 'text'], /^--format must be md or json here, not "text"\.$/);
		refuses(['import'], /^import needs the FILE to read: agent-session import FILE\.$/);
		refuses(['import', 'a.json', 'b.json'], /^import takes one FILE, not 2/);
		refuses(['export', 'now'], /^Unexpected argument "now": export takes only flags/);
		refuses(['what', 'is', 'this'], /^Unexpected argument "what": to ask a question without the chat, run agent-session ask "what is this"\.$/);
	});
});

describe('the CLI on bad flags', () => {
	const cli = resolve(import.meta.dirname, '../dist/cli.js');

	test('prints one sentence on stderr, exits 2, writes nothing', () => {
		const dir = mkdtempSync(join(tmpdir(), 'agent-session-config-'));
		try {
			for (const args of [['--history', '-2'], ['--bogus'], ['--new', '--session', 'x'], ['--x\u001B]0;owned\u0007\u001B[2J']]) {
				const result = spawnSync(process.execPath, [cli, '--db', join(dir, 'x.db'), ...args], {cwd: dir, encoding: 'utf8'});
				assert.equal(result.status, 2, `exit code for ${args.join(' ')}`);
				assert.equal(result.stdout, '');
				assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
				assert.match(result.stderr, /^agent-session: /);
				assert.ok(![...result.stderr.trimEnd()].some(character => character < ' ' || (character >= '\u007F' && character <= '\u009F')), `flags are quoted without their control characters: ${JSON.stringify(result.stderr)}`);
			}
			assert.deepEqual(readdirSync(dir), [], 'nothing written');
			assert.equal(existsSync(join(dir, 'x.db')), false);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	test('--help and --version', () => {
		const help = spawnSync(process.execPath, [cli, '--help'], {encoding: 'utf8'});
		assert.equal(help.status, 0);
		const flags = ['--db', '--user', '--new', '--continue', '--session', '--model', '--base-url', '--history', '--system', '--offline', '--timeout', '--format', '--output', '--help', '--version'];
		for (const flag of flags) {
			assert.equal(help.stdout.match(new RegExp(`^    ${flag}\\b`, 'gm'))?.length, 1, `help lists ${flag} once`);
		}
		for (const subcommand of ['ask [QUESTION]', 'export', 'import FILE', 'recover FILE']) {
			assert.match(help.stdout, new RegExp(`^    \\$ agent-session ${subcommand.replace('[', '\\[').replace(']', '\\]')} `, 'm'));
		}
		assert.equal(help.stdout.split('A full-screen terminal chat for LLM agents').length, 2, 'the description is printed once');
		assert.equal(help.stderr, '');
		const anywhere = spawnSync(process.execPath, [cli, 'export', '--db', '/nonexistent/x.db', '--help'], {encoding: 'utf8'});
		assert.deepEqual([anywhere.status, anywhere.stdout], [0, help.stdout], '--help wins wherever it is');
		const version = spawnSync(process.execPath, [cli, '--version'], {encoding: 'utf8'});
		assert.equal(version.status, 0);
		assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
	});
});
