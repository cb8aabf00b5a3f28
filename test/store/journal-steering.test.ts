// Replaying the steering writes (settings, regenerate, flip, undo, fork) onto another instance's copy of the file.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {appendAlternative, chooseAlternative} from '../../source/store/alternatives.js';
import {forkSession} from '../../source/store/forks.js';
import {replay} from '../../source/store/journal.js';
import {recordOf} from '../../source/store/message-key.js';
import type {JournalOp} from '../../source/store/journal.js';
import {insertMessage, insertSession, removeSession, toRecord} from '../../source/store/mutations.js';
import type {MessageRecord} from '../../source/store/mutations.js';
import {getSession} from '../../source/store/queries.js';
import {openDatabase} from '../../source/store/schema.js';
import {searchSessions} from '../../source/store/search.js';
import {applySettings} from '../../source/store/session-settings.js';
import type {SettingsOp} from '../../source/store/session-settings.js';
import {loadSqlJs} from '../../source/store/sqljs.js';
import type {Database} from '../../source/store/sqljs.js';
import {undoLastExchange} from '../../source/store/undo.js';

type Op = JournalOp extends infer T ? (T extends JournalOp ? Omit<T, 'seq'> : never) : never;

let clock = 100;
const user = (content: string): MessageRecord => toRecord({role: 'user', content}, clock++);
const reply = (content: string, status: MessageRecord['status'] = 'complete'): MessageRecord => toRecord({role: 'assistant', content, status}, clock++);

/** S: q1 a1 q2 a2, as both instances have it on disk. */
async function startingPoint(): Promise<Uint8Array> {
	const {db} = openDatabase(await loadSqlJs(), undefined, 'test.db');
	insertSession(db, {id: 'S', userId: 'ada', model: 'm', systemPrompt: null, createdAt: 1});
	for (const record of [user('q1'), reply('a1'), user('q2'), reply('a2')]) insertMessage(db, 'S', record);
	const bytes = db.export();
	db.close();
	return bytes;
}

async function copyOf(bytes: Uint8Array): Promise<Database> {
	return openDatabase(await loadSqlJs(), new Uint8Array(bytes), 'test.db').db;
}

/** The session as a user sees it: content, * for superseded; positions and summary checked for consistency. */
function shown(db: Database, id = 'S'): string[] | undefined {
	const opened = getSession(db, id);
	if (opened === undefined) return undefined;
	assert.equal(opened.session.messageCount, opened.messages.filter(message => !message.superseded).length, 'count');
	assert.equal(new Set(opened.messages.map(message => message.position)).size, opened.messages.length, 'positions');
	return opened.messages.map(message => `${message.content}${message.superseded ? '*' : ''}`);
}

function numbered(ops: readonly Op[]): JournalOp[] {
	return ops.map((op, index) => ({...op, seq: index + 1}) as JournalOp);
}

function idOf(db: Database, content: string, id = 'S'): number {
	return getSession(db, id)!.messages.find(message => message.content === content)!.id;
}

describe('journal replay of steering writes', () => {
	test('replayed onto a copy of where they started, they give the same sessions, search included', async () => {
		const start = await startingPoint();
		const here = await copyOf(start);
		const ops: Op[] = [];
		ops.push(appendAlternative(here, 'S', reply('b2')).op);
		ops.push(chooseAlternative(here, idOf(here, 'a2')).op);
		const settings: SettingsOp[] = [{kind: 'model', id: 'S', model: 'llama3'}, {kind: 'system-prompt', id: 'S', systemPrompt: 'Be brief.'}];
		for (const op of settings) {
			applySettings(here, op);
			ops.push(op);
		}
		ops.push(forkSession(here, {sessionId: 'S', atMessageId: idOf(here, 'q2'), id: 'F', createdAt: clock++, edited: user('q2 edited')}));
		insertMessage(here, 'S', user('q3'));
		ops.push({kind: 'append', sessionId: 'S', message: recordOf(getSession(here, 'S')!.messages.at(-1)!)});
		ops.push(undoLastExchange(here, 'S').op!);

		const there = await copyOf(start);
		const applied = replay(numbered(ops), there, here);
		assert.deepEqual(applied.map(op => op.kind), ['alternative', 'choose', 'model', 'system-prompt', 'fork', 'append', 'undo']);
		assert.deepEqual(shown(there), ['q1', 'a1', 'q2', 'a2', 'b2*']);
		assert.deepEqual(shown(there), shown(here));
		assert.deepEqual(shown(there, 'F'), ['q1', 'a1', 'q2 edited']);
		assert.deepEqual(getSession(there, 'S')!.session, getSession(here, 'S')!.session);
		assert.deepEqual(getSession(there, 'F')!.session, getSession(here, 'F')!.session);
		assert.deepEqual(searchSessions(there, 'ada', 'edited').hits.map(hit => hit.session.id), ['F']);
		// Again, as after a save that died once the file was replaced: the same result.
		replay(numbered(ops), there, here);
		assert.deepEqual(shown(there), ['q1', 'a1', 'q2', 'a2', 'b2*']);
		assert.deepEqual(shown(there, 'F'), ['q1', 'a1', 'q2 edited']);
	});

	test('both instances regenerated the last reply: every reply is kept, the last one saved is current', async () => {
		const start = await startingPoint();
		const here = await copyOf(start);
		const there = await copyOf(start);
		appendAlternative(there, 'S', reply('theirs'));
		const {op} = appendAlternative(here, 'S', reply('ours'));
		replay(numbered([op]), there, here);
		assert.deepEqual(shown(there), ['q1', 'a1', 'q2', 'a2*', 'theirs*', 'ours']);
	});

	test('a regenerated reply whose question was undone elsewhere brings the question back', async () => {
		const start = await startingPoint();
		const here = await copyOf(start);
		const there = await copyOf(start);
		undoLastExchange(there, 'S');
		const {op} = appendAlternative(here, 'S', reply('b2'));
		replay(numbered([op]), there, here);
		assert.deepEqual(shown(there), ['q1', 'a1', 'q2', 'b2'], 'b2 answers q2, never q1');
	});

	test('a regenerated reply joins its own turn when the other instance went on talking', async () => {
		const start = await startingPoint();
		const here = await copyOf(start);
		const there = await copyOf(start);
		insertMessage(there, 'S', user('q3'));
		insertMessage(there, 'S', reply('a3'));
		const {op} = appendAlternative(here, 'S', reply('b2'));
		replay(numbered([op]), there, here);
		assert.deepEqual(shown(there), ['q1', 'a1', 'q2', 'a2*', 'b2', 'q3', 'a3']);
		assert.deepEqual(getSession(there, 'S')!.messages.map(message => message.position), [0, 1, 2, 3, 4, 5, 6]);
	});

	test('an undo deletes only what it saw: a reply regenerated elsewhere keeps its question', async () => {
		const start = await startingPoint();
		const here = await copyOf(start);
		const there = await copyOf(start);
		appendAlternative(there, 'S', reply('b2'));
		const {op} = undoLastExchange(here, 'S');
		replay(numbered([op!]), there, here);
		assert.deepEqual(shown(there), ['q1', 'a1', 'q2', 'b2']);
	});

	test('on a session deleted elsewhere, a regenerated reply brings it back; flips, settings and undos are dropped', async () => {
		const start = await startingPoint();
		const here = await copyOf(start);
		const {op: regenerated} = appendAlternative(here, 'S', reply('b2'));
		const there = await copyOf(start);
		removeSession(there, 'S');
		assert.deepEqual(replay(numbered([regenerated]), there, here).map(op => op.kind), ['restore']);
		assert.deepEqual(shown(there), ['q1', 'a1', 'q2', 'a2*', 'b2']);

		const others: Op[] = [
			chooseAlternative(here, idOf(here, 'a2')).op,
			{kind: 'model', id: 'S', model: 'x'},
			{kind: 'system-prompt', id: 'S', systemPrompt: 'x'},
			undoLastExchange(here, 'S').op!,
		];
		const gone = await copyOf(start);
		removeSession(gone, 'S');
		assert.deepEqual(replay(numbered(others), gone, here), []);
		assert.equal(shown(gone), undefined);
	});

	test('a fork is replayed whole even if its origin was deleted elsewhere', async () => {
		const start = await startingPoint();
		const here = await copyOf(start);
		const op = forkSession(here, {sessionId: 'S', atMessageId: idOf(here, 'q2'), id: 'F', createdAt: clock++, edited: user('q2 edited')});
		const there = await copyOf(start);
		removeSession(there, 'S');
		replay(numbered([op]), there, here);
		assert.deepEqual(shown(there, 'F'), ['q1', 'a1', 'q2 edited']);
		assert.deepEqual(getSession(there, 'F')!.session.forkedFrom, {sessionId: 'S', position: 2});
	});
});
