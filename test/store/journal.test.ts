import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {replay} from '../../source/store/journal.js';
import type {JournalOp} from '../../source/store/journal.js';
import {insertMessage, insertSession, toRecord} from '../../source/store/mutations.js';
import {getSession} from '../../source/store/queries.js';
import {openDatabase} from '../../source/store/schema.js';
import {loadSqlJs} from '../../source/store/sqljs.js';
import type {Database} from '../../source/store/sqljs.js';

async function emptyDatabase(): Promise<Database> {
	return openDatabase(await loadSqlJs(), undefined, 'test.db').db;
}

const session = {id: 'S', userId: 'ada', model: 'gpt-4o', systemPrompt: null, createdAt: 1};
const message = (content: string, at: number) => toRecord({role: 'user', content}, at);
const contents = (db: Database) => getSession(db, 'S')?.messages.map(stored => stored.content);

describe('journal replay', () => {
	test('replays creates and appends onto a file that lacks them', async () => {
		const previous = await emptyDatabase();
		const target = await emptyDatabase();
		const ops: JournalOp[] = [
			{seq: 1, kind: 'create', session},
			{seq: 2, kind: 'append', sessionId: 'S', message: message('one', 2)},
			{seq: 3, kind: 'rename', id: 'S', title: 'Named'},
		];
		assert.deepEqual(replay(ops, target, previous), ops);
		assert.deepEqual(contents(target), ['one']);
		assert.equal(getSession(target, 'S')?.session.title, 'Named');
	});

	test('replaying changes that are already in the file adds nothing (a save that died after its rename)', async () => {
		const previous = await emptyDatabase();
		const target = await emptyDatabase();
		const ops: JournalOp[] = [
			{seq: 1, kind: 'create', session},
			{seq: 2, kind: 'append', sessionId: 'S', message: message('once', 2)},
			{seq: 3, kind: 'append', sessionId: 'S', message: message('once', 3)},
		];
		replay(ops, target, previous);
		assert.deepEqual(replay(ops, target, previous), []);
		assert.deepEqual(contents(target), ['once', 'once'], 'the same text sent twice is two messages');
	});

	test('an append to a session deleted elsewhere brings it back whole, and the result replays without the original', async () => {
		// Ours: S with "saved" (already on disk) and "unsaved" (in the journal). The file: S deleted by another instance.
		const previous = await emptyDatabase();
		insertSession(previous, session);
		insertMessage(previous, 'S', message('saved', 2));
		insertMessage(previous, 'S', message('unsaved', 3));
		const ops: JournalOp[] = [{seq: 7, kind: 'append', sessionId: 'S', message: message('unsaved', 3)}];
		const target = await emptyDatabase();
		const applied = replay(ops, target, previous);
		assert.deepEqual(contents(target), ['saved', 'unsaved']);
		assert.deepEqual(applied.map(op => [op.seq, op.kind]), [[7, 'restore']]);

		// Later: one more append, and the file changed again (still without S). The restore must not swallow the new append.
		const later: JournalOp[] = [...applied, {seq: 8, kind: 'append', sessionId: 'S', message: message('later', 4)}];
		const elsewhere = await emptyDatabase();
		replay(later, elsewhere, target);
		assert.deepEqual(contents(elsewhere), ['saved', 'unsaved', 'later']);
	});

	test('a delete wins over a rename made elsewhere, and an append to a session we deleted later is dropped', async () => {
		const previous = await emptyDatabase();
		const target = await emptyDatabase();
		insertSession(target, session);
		const ops: JournalOp[] = [
			{seq: 1, kind: 'append', sessionId: 'S', message: message('gone soon', 2)},
			{seq: 2, kind: 'delete', id: 'S'},
		];
		assert.deepEqual(replay(ops, target, previous).map(op => op.kind), ['append', 'delete']);
		assert.equal(getSession(target, 'S'), undefined);
		const missing = await emptyDatabase();
		assert.deepEqual(replay([{seq: 3, kind: 'rename', id: 'S', title: 'x'}], missing, previous), []);
	});
});
