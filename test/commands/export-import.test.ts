import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {marked} from 'marked';
import type {Tokens} from 'marked';
import {exportText} from '../../source/commands/export.js';
import {openSessionStore} from '../../source/store/index.js';
import type {SessionWithMessages} from '../../source/store/index.js';
import {copyAgnoFile, fixtureFacts} from '../support/agno-files.js';
import {runCli} from '../support/run-cli.js';

let dir: string;
let count = 0;
before(() => {
	dir = mkdtempSync(join(tmpdir(), 'agent-session-export-'));
});
after(() => {
	rmSync(dir, {recursive: true, force: true});
});
const file = (name: string) => join(dir, `${++count}-${name}`);

/** A session with every kind of message the store keeps, as the user ada. */
async function seeded(path: string, named: boolean): Promise<string> {
	const store = await openSessionStore(path);
	const session = store.createSession('ada', 'gpt-4o');
	store.appendMessage(session.id, {role: 'user', content: 'What is a monad?\nIn one line.'});
	store.appendMessage(session.id, {
		role: 'assistant', content: '# Monad\n\nA **pattern** 👍🏽 — 模式.', usage: {promptTokens: 12, completionTokens: 7, totalTokens: 19},
		thinking: 'They want one line.\n\n# Not a heading\n```\nan open fence', thinkingMs: 12_345, model: 'gpt-4o',
	});
	store.appendMessage(session.id, {role: 'user', content: 'And a functor?'});
	// Thinking without a time: what an import of a file made elsewhere may hold.
	store.appendMessage(session.id, {role: 'assistant', content: 'A functor is', status: 'stopped', thinking: 'Cut while thinking', model: 'qwen3:8b @ 127.0.0.1:11434'});
	store.appendMessage(session.id, {role: 'user', content: 'Again'});
	store.appendMessage(session.id, {role: 'assistant', content: '', status: 'error', error: 'The server did not answer; try again.'});
	if (named) store.renameSession(session.id, 'Category theory');
	await store.close();
	return session.id;
}

describe('export and import', () => {
	test('a JSON export imported elsewhere exports again byte for byte, under the same id', async () => {
		for (const named of [true, false]) {
			const first = file('first.db');
			const id = await seeded(first, named);
			const exported = await runCli(['export', '--db', first, '--user', 'ada', '--session', id, '--format', 'json']);
			assert.equal(exported.code, 0, exported.stderr);
			const parsed = JSON.parse(exported.stdout) as {session: {title: string}; messages: Array<Record<string, unknown>>};
			assert.equal(parsed.session.title, named ? 'Category theory' : 'What is a monad?');
			assert.equal(parsed.messages.length, 6);
			assert.deepEqual(parsed.messages.map(message => [message['thinking'], message['thinkingMs']]), [
				[undefined, undefined], ['They want one line.\n\n# Not a heading\n```\nan open fence', 12_345], [undefined, undefined], ['Cut while thinking', null],
				[undefined, undefined], [undefined, undefined],
			], 'thinking and its time on the replies that have one');
			assert.deepEqual(parsed.messages.map(message => message['model']), [
				undefined, 'gpt-4o', undefined, 'qwen3:8b @ 127.0.0.1:11434', undefined, undefined,
			], 'the model that wrote each reply, where it is known');
			const saved = file('session.json');
			await writeFile(saved, exported.stdout);

			const second = file('second.db');
			const imported = await runCli(['import', saved, '--db', second, '--user', 'ada']);
			assert.deepEqual([imported.code, imported.stdout, imported.stderr], [0, `${id}\n`, '']);
			const again = await runCli(['export', '--db', second, '--user', 'ada', '--format', 'json']);
			assert.equal(again.stdout, exported.stdout, 'exactly the same JSON');

			// Where the id is taken, the copy gets a new one and says so.
			const twice = await runCli(['import', saved, '--db', second, '--user', 'ada']);
			assert.equal(twice.code, 0);
			const newId = twice.stdout.trim();
			assert.notEqual(newId, id);
			assert.match(twice.stderr, /is already in .*, so the copy got a new id\.\n$/);
			const copy = await runCli(['export', '--db', second, '--user', 'ada', '--session', newId, '--format', 'json']);
			assert.equal(copy.stdout, exported.stdout.replace(id, newId));
			// A renamed title stays a name; a title that is the first message stays unset (a later rename to '' shows it).
			const store = await openSessionStore(second);
			assert.deepEqual(store.getSession(newId)?.messages.map(message => [message.thinking, message.thinkingMs]), [
				[null, null], ['They want one line.\n\n# Not a heading\n```\nan open fence', 12_345], [null, null], ['Cut while thinking', null], [null, null], [null, null],
			], 'the imported replies keep their thinking');
			assert.deepEqual(store.getSession(newId)?.messages.map(message => message.model), [null, 'gpt-4o', null, 'qwen3:8b @ 127.0.0.1:11434', null, null]);
			store.renameSession(newId, '');
			assert.equal(store.getSession(newId)?.session.title, 'What is a monad?');
			await store.close();
		}
	});

	test('markdown: a header, then each message under its role', () => {
		const at = Date.UTC(2026, 11, 2, 14, 14, 24);
		const session: SessionWithMessages = {
			session: {id: 's-1', userId: 'ada', title: 'Trip plans', createdAt: at, updatedAt: at + 65_000, model: 'gpt-4o', messageCount: 4, origin: 'agent-session', systemPrompt: null, forkedFrom: null},
			messages: [
				{id: 1, sessionId: 's-1', position: 0, role: 'user', content: 'Where to?', status: 'complete', error: null, createdAt: at, usage: null, thinking: null, thinkingMs: null, model: null, superseded: false},
				{id: 2, sessionId: 's-1', position: 1, role: 'assistant', content: '- Lisbon\n- Porto\n', status: 'complete', error: null, createdAt: at + 1000, usage: null, thinking: null, thinkingMs: null, model: 'gpt-4o', superseded: false},
				{id: 3, sessionId: 's-1', position: 2, role: 'user', content: 'When?', status: 'complete', error: null, createdAt: at + 60_000, usage: null, thinking: null, thinkingMs: null, model: null, superseded: false},
				{id: 4, sessionId: 's-1', position: 3, role: 'assistant', content: 'In', status: 'error', error: 'The connection was cut.', createdAt: at + 65_000, usage: null, thinking: null, thinkingMs: null, model: null, superseded: false},
			],
		};
		const markdown = exportText(session, 'md');
		assert.equal(markdown, `# Trip plans

- Session: \`s-1\`
- User: ada
- Model: gpt-4o
- Started: 2026-12-02 14:14:24 UTC
- Last activity: 2026-12-02 14:15:29 UTC
- Messages: 4

## User

Where to?

## Assistant · \`gpt-4o\`

- Lisbon
- Porto

## User

When?

## Assistant (failed)

In

> The connection was cut.
`);
		const headings = marked.lexer(markdown).flatMap(token => (token.type === 'heading' ? [(token as Tokens.Heading).text] : []));
		assert.deepEqual(headings, ['Trip plans', 'User', 'Assistant · `gpt-4o`', 'User', 'Assistant (failed)']);
	});

	test('markdown: a reply\'s thinking under its own heading, quoted so nothing in it escapes, then the answer under its own', () => {
		const at = Date.UTC(2026, 0, 31, 12);
		const base = {sessionId: 's-2', status: 'complete' as const, error: null, createdAt: at, usage: null, model: null, superseded: false};
		const session: SessionWithMessages = {
			session: {id: 's-2', userId: 'ada', title: 'Answer', createdAt: at, updatedAt: at, model: 'deepseek-reasoner', messageCount: 3, origin: 'agent-session', systemPrompt: null, forkedFrom: null},
			messages: [
				{...base, id: 1, position: 0, role: 'user', content: 'What is the answer?', thinking: null, thinkingMs: null},
				{...base, id: 2, position: 1, role: 'assistant', content: 'It is **42**.', thinking: '\nThe user wants it.\n\n# Not a heading\n```\nopen fence\n', thinkingMs: 12_345},
				{...base, id: 3, position: 2, role: 'assistant', content: '', status: 'stopped', thinking: 'Only thought', thinkingMs: null},
			],
		};
		const markdown = exportText(session, 'md');
		assert.ok(markdown.endsWith(`## User

What is the answer?

## Assistant

### Thinking (12.3 s)

> The user wants it.
>
> # Not a heading
> \`\`\`
> open fence

### Answer

It is **42**.

## Assistant (stopped)

### Thinking

> Only thought
`), markdown);
		const headings = marked.lexer(markdown).flatMap(token => (token.type === 'heading' ? [(token as Tokens.Heading).text] : []));
		assert.deepEqual(headings, ['Answer', 'User', 'Assistant', 'Thinking (12.3 s)', 'Answer', 'Assistant (stopped)', 'Thinking']);
	});

	test('export writes a 0600 file with --output, reads an Agno session without changing the file, never writes over the database', async () => {
		const db = await copyAgnoFile('v2.9.0', dir, `${++count}-agno.db`);
		const before = await readFile(db);
		const output = file('bob.md');
		const result = await runCli(['export', '--db', db, '--user', 'bob', '--output', output]);
		assert.deepEqual([result.code, result.stdout, result.stderr], [0, '', '']);
		assert.equal((await stat(output)).mode & 0o777, 0o600);
		const markdown = await readFile(output, 'utf8');
		assert.match(markdown, new RegExp(`^# b1\n\n- Session: \`${fixtureFacts['v2.9.0'].bob}\``));
		assert.match(markdown, /Kept in Agno's own table/);
		assert.match(markdown, /## System\n\n<additional_information>/);
		assert.ok((await readFile(db)).equals(before), 'the Agno file is untouched');

		const over = await runCli(['export', '--db', db, '--user', 'bob', '--output', db]);
		assert.equal(over.code, 2);
		assert.match(over.stderr, /that is the session database itself/);
		assert.ok((await readFile(db)).equals(before));
		const nobody = await runCli(['export', '--db', db, '--user', 'carol']);
		assert.deepEqual([nobody.code, nobody.stdout], [2, '']);
		assert.match(nobody.stderr, /^agent-session: User "carol" has no sessions in .* to export\.\n$/);
		const missing = join(dir, 'missing.db');
		assert.equal((await runCli(['export', '--db', missing])).code, 2);
		assert.equal(existsSync(missing), false, 'export never creates a database');
	});

	test('import refuses a malformed file with one sentence and changes nothing', async () => {
		const db = file('target.db');
		const good = await runCli(['ask', '--db', db, '--offline', 'keep me'], {input: ''});
		assert.equal(good.code, 0);
		const before = await readFile(db);
		const valid = {
			session: {id: 'x', userId: 'ada', title: 'T', model: 'm', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z'},
			messages: [{role: 'user', content: 'hi', status: 'complete', createdAt: '2026-01-01T00:00:00.000Z', usage: null}],
		};
		const cases: Array<[string, string | object, RegExp]> = [
			['not-json.json', 'this is not json', /it is not JSON/],
			['no-session.json', {messages: []}, /it needs a "session" object and a "messages" list/],
			['bad-role.json', {...valid, messages: [{...valid.messages[0], role: 'oracle'}]}, /messages\[0\]\.role must be user, assistant, system, not "oracle"/],
			['bad-date.json', {...valid, session: {...valid.session, createdAt: 'yesterday'}}, /session\.createdAt must be a date/],
			['bad-usage.json', {...valid, messages: [{...valid.messages[0], usage: {promptTokens: -1}}]}, /messages\[0\]\.usage\.promptTokens must be a whole number/],
			['bad-thinking.json', {...valid, messages: [{...valid.messages[0], thinking: 42}]}, /messages\[0\]\.thinking must be text/],
			['bad-thinking-ms.json', {...valid, messages: [{...valid.messages[0], thinking: 'hm', thinkingMs: 1.5}]}, /messages\[0\]\.thinkingMs must be a whole number of milliseconds/],
		];
		for (const [name, content, pattern] of cases) {
			const path = file(name);
			await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
			for (const target of [db, join(dir, 'not-made', 'agents.db')]) {
				const result = await runCli(['import', path, '--db', target]);
				assert.equal(result.code, 2, name);
				assert.equal(result.stderr.trim().split('\n').length, 1);
				assert.match(result.stderr, new RegExp(`^agent-session: Cannot import ${path}: `));
				assert.match(result.stderr, pattern);
			}
		}
		assert.ok((await readFile(db)).equals(before), 'the database is unchanged');
		assert.equal(existsSync(join(dir, 'not-made')), false);
		const absent = await runCli(['import', join(dir, 'absent.json'), '--db', db]);
		assert.equal(absent.code, 2);
		assert.match(absent.stderr, /^agent-session: Cannot import .*absent\.json: there is no such file\.\n$/);
	});
});
