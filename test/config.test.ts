import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, existsSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {parseConfig, ConfigError, defaultSystemPrompt} from '../source/config.js';

function parse(argv: string[], env: Record<string, string> = {}) {
	return parseConfig({importMeta: import.meta, argv, env, cwd: '/home/ada/work'});
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
	});
});

describe('the CLI on bad flags', () => {
	const cli = resolve(import.meta.dirname, '../dist/cli.js');

	test('prints one sentence on stderr, exits 2, writes nothing', () => {
		const dir = mkdtempSync(join(tmpdir(), 'agent-session-config-'));
		try {
			for (const args of [['--history', '-2'], ['--bogus'], ['--new', '--session', 'x']]) {
				const result = spawnSync(process.execPath, [cli, '--db', join(dir, 'x.db'), ...args], {cwd: dir, encoding: 'utf8'});
				assert.equal(result.status, 2, `exit code for ${args.join(' ')}`);
				assert.equal(result.stdout, '');
				assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
				assert.match(result.stderr, /^agent-session: /);
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
		for (const flag of ['--db', '--user', '--new', '--continue', '--session', '--model', '--base-url', '--history', '--system', '--offline', '--timeout']) {
			assert.ok(help.stdout.includes(flag), `help mentions ${flag}`);
		}
		const version = spawnSync(process.execPath, [cli, '--version'], {encoding: 'utf8'});
		assert.equal(version.status, 0);
		assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
	});
});
