import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {openSessionStore} from '../../source/store/index.js';
import type {SessionWithMessages} from '../../source/store/index.js';
import {copyAgnoFile, dumpTables, fixtureFacts, hasSqlite3} from '../support/agno-files.js';
import {startMockServer} from '../support/mock-server.js';
import type {MockServer} from '../support/mock-server.js';
import {runCli, startCli} from '../support/run-cli.js';
import {waitFor} from '../support/wait-for.js';

// `agent-session ask` and piped input, end to end: the built CLI through pipes, against the loopback model server.

let dir: string;
let server: MockServer;
let dbCount = 0;

before(async () => {
	dir = mkdtempSync(join(tmpdir(), 'agent-session-ask-'));
	server = await startMockServer();
});

after(async () => {
	await server.close();
	rmSync(dir, {recursive: true, force: true});
});

const newDb = () => join(dir, `ask-${++dbCount}.db`);
const model = () => ['--base-url', server.url, '--model', 'mock'];
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

async function onlySession(db: string, user = 'user'): Promise<SessionWithMessages> {
	const store = await openSessionStore(db);
	const sessions = store.listSessions(user);
	assert.equal(sessions.length, 1, 'one session');
	const session = store.getSession(sessions[0]!.id)!;
	await store.close();
	return session;
}

function requestMessages(index: number): Array<{role: string; content: string}> {
	const body = server.requests.at(index)?.body as {messages: Array<{role: string; content: string}>};
	return body.messages;
}

describe('agent-session ask', () => {
	test('streams the reply as plain text to stdout, exits 0 and keeps the exchange in a new session', async () => {
		const db = newDb();
		const result = await runCli(['ask', '--db', db, ...model(), 'hello', 'there']);
		assert.deepEqual([result.code, result.stdout, result.stderr], [0, 'You said: hello there\n', '']);
		const {session, messages} = await onlySession(db);
		assert.equal(session.title, 'hello there');
		assert.deepEqual(messages.map(message => [message.role, message.content, message.status]), [
			['user', 'hello there', 'complete'], ['assistant', 'You said: hello there', 'complete'],
		]);
		assert.ok(messages[1]?.usage);
	});

	test('reads the question from stdin, with or without the ask command; words given follow the piped text', async () => {
		const db = newDb();
		const piped = await runCli(['--db', db, ...model()], {input: 'What is in\nthis file?\n'});
		assert.deepEqual([piped.code, piped.stdout], [0, 'You said: What is in\nthis file?\n']);
		const both = await runCli(['ask', '--db', db, ...model(), '--continue', 'Summarize it.'], {input: 'line one\nline two\n'});
		assert.equal(both.code, 0);
		assert.equal(requestMessages(-1).at(-1)?.content, 'line one\nline two\n\nSummarize it.');
	});

	test('--continue adds to the latest session, sending its history window', async () => {
		const db = newDb();
		assert.equal((await runCli(['ask', '--db', db, ...model(), 'one'])).code, 0);
		const second = await runCli(['ask', '--db', db, ...model(), '--continue', '--system', 'Be brief.', 'two']);
		assert.equal(second.code, 0);
		assert.deepEqual(requestMessages(-1), [
			{role: 'system', content: 'Be brief.'}, {role: 'user', content: 'one'}, {role: 'assistant', content: 'You said: one'}, {role: 'user', content: 'two'},
		]);
		const {messages} = await onlySession(db);
		assert.deepEqual(messages.map(message => message.content), ['one', 'You said: one', 'two', 'You said: two']);
		const third = await runCli(['ask', '--db', db, ...model(), '--session', messages[0]!.sessionId, '--history', '1', 'three']);
		assert.equal(third.code, 0);
		assert.deepEqual(requestMessages(-1).slice(1).map(message => message.content), ['two', 'You said: two', 'three']);
	});

	test('--format json prints one JSON object at the end: reply, session id, usage', async () => {
		const db = newDb();
		const result = await runCli(['ask', '--db', db, ...model(), '--format', 'json', 'as json']);
		assert.equal(result.code, 0);
		const printed = JSON.parse(result.stdout) as {reply: string; sessionId: string; status: string; usage: {totalTokens: number}};
		assert.equal(printed.reply, 'You said: as json');
		assert.equal(printed.status, 'complete');
		assert.ok(printed.usage.totalTokens > 0);
		assert.equal(printed.sessionId, (await onlySession(db)).session.id);
	});

	test('model output never brings escape sequences to stdout; the session keeps the text as sent', async () => {
		const db = newDb();
		const hostile = ['\u001B[31mred\u001B[0m', ' \u001B]52;c;aGk=\u0007copied', ' \u009B2J\r\nend'];
		server.script({chunks: hostile}, {chunks: hostile});
		const text = await runCli(['ask', '--db', db, ...model(), 'colour me']);
		assert.equal(text.code, 0);
		assert.equal(text.stdout, 'red copied \nend\n');
		assert.doesNotMatch(text.stdout, controls);
		const json = await runCli(['ask', '--db', db, ...model(), '--continue', '--format', 'json', 'again']);
		assert.doesNotMatch(json.stdout, controls);
		assert.equal((JSON.parse(json.stdout) as {reply: string}).reply, hostile.join(''));
		const {messages} = await onlySession(db);
		assert.equal(messages[1]?.content, hostile.join(''));
	});

	test('a server error: one line on stderr, exit 1, the question kept with the failed reply', async () => {
		const db = newDb();
		const failure = {status: 500, errorMessage: 'The server had an error while processing your request.'};
		server.script(failure, failure, failure); // the SDK retries twice
		const result = await runCli(['ask', '--db', db, ...model(), '--timeout', '10', 'will it fail?']);
		assert.equal(result.code, 1);
		assert.equal(result.stdout, '');
		assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
		assert.match(result.stderr, /^agent-session: /);
		const {messages} = await onlySession(db);
		assert.deepEqual(messages.map(message => [message.role, message.content, message.status]), [['user', 'will it fail?', 'complete'], ['assistant', '', 'error']]);
		assert.equal(`agent-session: ${messages[1]?.error}\n`, result.stderr);
	});

	test('a connection cut mid-reply: what came is printed and kept, exit 1', async () => {
		const db = newDb();
		server.script({chunks: ['Partial ', 'reply ', 'never seen'], dropAfter: 2});
		const result = await runCli(['ask', '--db', db, ...model(), 'cut me off']);
		assert.equal(result.code, 1);
		assert.equal(result.stdout, 'Partial reply \n');
		assert.equal(result.stderr.trim().split('\n').length, 1);
		const {messages} = await onlySession(db);
		assert.deepEqual([messages[1]?.content, messages[1]?.status], ['Partial reply ', 'error']);
	});

	test('Ctrl+C stops the stream, keeps the partial reply as stopped, exits 130', async () => {
		const db = newDb();
		server.script({chunks: 200, chunkDelayMs: 20});
		const running = startCli(['ask', '--db', db, ...model(), 'a long answer please']);
		await waitFor(() => running.stdout().length > 20, {timeout: 10_000});
		running.child.kill('SIGINT');
		const result = await running.ended;
		assert.equal(result.code, 130);
		assert.match(result.stderr, /^agent-session: stopped; the partial reply is kept in session [\da-f-]{36}\.\n$/);
		const {messages} = await onlySession(db);
		assert.equal(messages[1]?.status, 'stopped');
		assert.ok(messages[1]!.content.length > 0);
		assert.equal(result.stdout, `${messages[1]!.content}\n`, 'what was printed is what was kept');
	});

	test('empty input and other bad usage: exit 2, one sentence, nothing created', async () => {
		const folder = join(dir, 'never-made');
		const db = join(folder, 'agents.db');
		for (const [args, input] of [[['ask'], ''], [['ask'], '  \n\n'], [[], ''], [['ask', '--session', 'nope'], 'hi'], [['ask', '--format', 'xml', 'hi'], ''], [['ask', '--output', 'x', 'hi'], '']] as const) {
			const result = await runCli([...args, '--db', db, ...model()], {input});
			assert.equal(result.code, 2, `${args.join(' ')} with ${JSON.stringify(input)}`);
			assert.equal(result.stdout, '');
			assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
			assert.match(result.stderr, /^agent-session: /);
		}
		assert.equal(existsSync(folder), false, 'no folder, no file');
		assert.ok(!readdirSync(dir).includes('never-made'));
	});

	test('--continue on an Agno file continues the user\'s Agno session with the window Agno would send', {skip: hasSqlite3 ? false : 'the sqlite3 shell is not installed'}, async () => {
		const db = await copyAgnoFile('v1.3.5', dir);
		const agnoBefore = dumpTables(db, ['agent_sessions']);
		const result = await runCli(['ask', '--db', db, ...model(), '--user', 'ada', '--continue', '--format', 'json', 'm8']);
		assert.equal(result.code, 0, result.stderr);
		assert.equal((JSON.parse(result.stdout) as {sessionId: string}).sessionId, fixtureFacts['v1.3.5'].ada, 'the same session id');
		const sent = requestMessages(-1);
		assert.equal(sent[0]?.role, 'system');
		assert.match(sent[0]!.content, /^<additional_information>/, 'the system message Agno sent');
		assert.deepEqual(sent.slice(1).map(message => message.content), ['m5', 'ECHO(8): m5', 'm6', 'ECHO(8): m6', 'm7', 'ECHO(8): m7', 'm8']);
		assert.equal(dumpTables(db, ['agent_sessions']), agnoBefore);
		const store = await openSessionStore(db);
		assert.deepEqual(store.listSessions('ada').map(session => [session.id, session.origin, session.messageCount]), [[fixtureFacts['v1.3.5'].ada, 'agent-session', 17]]);
		await store.close();
	});
});
