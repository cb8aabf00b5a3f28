import assert from 'node:assert/strict';
import {chmod, copyFile, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {homedir, tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {describe, test} from 'node:test';
import {StoreError} from '../../source/store/errors.js';
import {findRecoveryFiles, mergeRecoveryFile, recoverOnStart, recoveryFolders, saveOrRecover, writeRecoveryFile} from '../../source/store/recovery.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import type {SaveHooks} from '../../source/store/saver-protocol.js';
import {fileState, listFolder, tempFolder} from './temp-folder.js';

interface Setup {
	path: string;
	folder: string;
	/** A second folder, standing in for the OS temp folder. */
	spare: string;
	sessionId: string;
	store: SqlJsSessionStore;
}

/** A database with one saved exchange, reopened with saves that fail as `hooks` say, and two unsaved messages. */
async function failingStore(hooks: SaveHooks = {beforeRename: {failWith: 'ENOSPC'}}): Promise<Setup> {
	const folder = await tempFolder();
	const spare = await tempFolder();
	const path = join(folder, 'agents.db');
	const first = await SqlJsSessionStore.open(path);
	const session = first.createSession('ada', 'gpt-4o');
	first.appendMessage(session.id, {role: 'user', content: 'saved question'});
	first.appendMessage(session.id, {role: 'assistant', content: 'saved answer'});
	await first.close();
	const store = await SqlJsSessionStore.open(path, {hooks});
	store.appendMessage(session.id, {role: 'user', content: 'unsaved question'});
	store.appendMessage(session.id, {role: 'assistant', content: 'unsaved partial answer', status: 'stopped', usage: {promptTokens: 5, completionTokens: 6, totalTokens: 11}, model: 'gpt-4o'});
	await store.save().catch(() => undefined);
	return {path, folder, spare, sessionId: session.id, store};
}

async function contents(path: string, sessionId: string): Promise<string[]> {
	const reader = await SqlJsSessionStore.open(path);
	const messages = reader.getSession(sessionId)?.messages.map(message => message.content) ?? [];
	await reader.close();
	return messages;
}

describe('recovery files', () => {
	test('the default places: beside the database, the OS temp folder, the home folder', () => {
		assert.deepEqual(recoveryFolders('/data/agents.db'), ['/data', tmpdir(), homedir()]);
	});

	test('written beside the database as JSON (0600) with everything unsaved; nothing unsaved writes nothing', async () => {
		const {path, folder, spare, sessionId, store} = await failingStore();
		const file = await writeRecoveryFile(store, {reason: 'SIGTERM', folders: [folder, spare]});
		assert.ok(file !== undefined);
		assert.equal(join(file, '..'), folder);
		assert.match(basename(file), /^agents\.db\.recovery-\d+-\d+-[\da-f]{6}\.json$/);
		assert.equal((await stat(file)).mode & 0o777, 0o600);
		const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
		assert.equal(data['format'], 'agent-session recovery file');
		assert.equal(data['version'], 1);
		assert.equal(data['database'], path);
		assert.equal(data['reason'], 'SIGTERM');
		assert.deepEqual(data['deletedSessionIds'], []);
		const [session] = data['sessions'] as Array<Record<string, unknown>>;
		assert.equal(session?.['id'], sessionId);
		assert.equal(session?.['userId'], 'ada');
		assert.deepEqual((session?.['messages'] as Array<Record<string, unknown>>).map(message => ({...message, createdAt: typeof message['createdAt']})), [
			{role: 'user', content: 'unsaved question', status: 'complete', error: null, usage: null, createdAt: 'number', thinking: null, thinkingMs: null, model: null},
			{role: 'assistant', content: 'unsaved partial answer', status: 'stopped', error: null, usage: {promptTokens: 5, completionTokens: 6, totalTokens: 11}, createdAt: 'number', thinking: null, thinkingMs: null, model: 'gpt-4o'},
		]);
		assert.deepEqual(await listFolder(spare), []);

		const clean = await SqlJsSessionStore.open(join(await tempFolder(), 'agents.db'));
		assert.equal(await writeRecoveryFile(clean, {folders: [spare]}), undefined);
		assert.deepEqual(await listFolder(spare), []);
		await clean.close();
	});

	test('the next start finds and merges it, says so in one line, and removes it; merging again adds nothing twice', async () => {
		const {path, folder, spare, sessionId, store} = await failingStore();
		store.renameSession(sessionId, 'Recovered name');
		const file = (await writeRecoveryFile(store, {folders: [folder, spare]}))!;
		const copy = join(spare, 'copy.json');
		await copyFile(file, copy);

		const next = await SqlJsSessionStore.open(path);
		assert.deepEqual(await findRecoveryFiles(path, [folder, spare]), [file]);
		assert.deepEqual(await recoverOnStart(next, [folder, spare]), [`Recovered 2 unsaved messages and 1 rename from ${file}.`]);
		assert.deepEqual(await listFolder(folder), ['agents.db'], 'the recovery file is removed once the merge is saved');
		assert.deepEqual(await contents(path, sessionId), ['saved question', 'saved answer', 'unsaved question', 'unsaved partial answer']);
		const merged = next.getSession(sessionId)!;
		assert.equal(merged.session.title, 'Recovered name');
		assert.equal(merged.messages[3]?.status, 'stopped');
		assert.deepEqual(merged.messages[3]?.usage, {promptTokens: 5, completionTokens: 6, totalTokens: 11});
		assert.equal(merged.messages[3]?.model, 'gpt-4o');

		const again = await mergeRecoveryFile(next, copy);
		assert.equal(again.notice, `Nothing to recover from ${copy}: it was all saved already (the file is removed).`);
		assert.deepEqual(again.counts, {messages: 0, sessions: 0, renames: 0, deletes: 0});
		assert.deepEqual(await contents(path, sessionId), ['saved question', 'saved answer', 'unsaved question', 'unsaved partial answer']);
		await next.close();
	});

	test('messages that did reach the disk after the file was written are not added twice', async () => {
		const {path, folder, spare, sessionId, store} = await failingStore({beforeRename: {failWith: 'ENOSPC', times: 1}});
		const file = (await writeRecoveryFile(store, {folders: [folder, spare]}))!;
		await store.close(); // the second try works: the messages are on disk too
		const next = await SqlJsSessionStore.open(path);
		const {counts} = await mergeRecoveryFile(next, file);
		assert.equal(counts.messages, 0);
		assert.deepEqual(await contents(path, sessionId), ['saved question', 'saved answer', 'unsaved question', 'unsaved partial answer']);
		await next.close();
	});

	test('a new session and a deletion travel too, into a database that does not exist yet', async () => {
		const folder = await tempFolder();
		const path = join(folder, 'agents.db');
		const store = await SqlJsSessionStore.open(path, {hooks: {beforeRename: {failWith: 'EIO'}}});
		const first = store.createSession('ada', 'gpt-4o');
		await store.save(); // creating the file does not go through the failing rename
		const fresh = store.createSession('ada', 'gpt-4o');
		store.appendMessage(fresh.id, {role: 'user', content: 'only in memory'});
		store.deleteSession(first.id);
		const file = (await writeRecoveryFile(store, {folders: [folder]}))!;

		const elsewhere = join(await tempFolder(), 'copy.db');
		const target = await SqlJsSessionStore.open(elsewhere);
		await copyFile(file, `${file}.keep`);
		const {notice} = await mergeRecoveryFile(target, file);
		assert.equal(notice, `Recovered 1 unsaved message from ${file}.`);
		assert.deepEqual(target.getSession(fresh.id)?.messages.map(message => message.content), ['only in memory']);
		await target.close();

		const original = await SqlJsSessionStore.open(path);
		assert.equal((await mergeRecoveryFile(original, `${file}.keep`)).notice, `Recovered 1 unsaved message and 1 deletion from ${file}.keep.`);
		assert.equal(original.getSession(first.id), undefined);
		await original.close();
	});

	test('the next folder is used when one cannot take it; when none can, one sentence says so', async () => {
		const {folder, spare, store} = await failingStore();
		const missing = join(folder, 'missing');
		const file = (await writeRecoveryFile(store, {folders: [missing, spare]}))!;
		assert.equal(join(file, '..'), spare);
		assert.match(basename(file), /^agent-session-recovery-[\da-f]{16}-\d+-\d+-[\da-f]{6}\.json$/);
		await assert.rejects(writeRecoveryFile(store, {folders: [missing, join(spare, 'nope')]}), {
			kind: 'save-failed',
			message: `Cannot write a recovery file for ${store.path} (tried ${missing}, ${join(spare, 'nope')}): its folder is missing or is not a folder.`,
		});
	});

	test('only this user\'s own files for this database are found in shared folders', async () => {
		const {path, folder, spare, store} = await failingStore();
		const file = (await writeRecoveryFile(store, {folders: [spare]}))!;
		const name = basename(file);
		// Another database's file under this database's name prefix, a file others may write, a symlink: all ignored.
		const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
		await writeFile(join(spare, name.replace(/\.json$/, '-other.json')), JSON.stringify({...data, database: '/elsewhere/agents.db'}), {mode: 0o600});
		const shared = join(spare, name.replace(/\.json$/, '-shared.json'));
		await copyFile(file, shared);
		await chmod(shared, 0o666);
		await symlink(file, join(spare, name.replace(/\.json$/, '-link.json')));
		assert.deepEqual(await findRecoveryFiles(path, [folder, spare]), [file]);
	});

	const malformed: Array<[string, string, string]> = [
		['not JSON', '{"format": "agent-session recovery file", "sessions": [', 'it is not JSON (it may have been cut short); nothing was changed (check the file, or move it aside)'],
		['another JSON file', '{"name": "package"}', 'it is not an agent-session recovery file; nothing was changed (check the file, or move it aside)'],
		['a newer format', '{"format": "agent-session recovery file", "version": 7}', 'it was written by a newer agent-session (format 7); nothing was changed (upgrade agent-session to recover it)'],
		['a message with an unknown role', JSON.stringify({
			format: 'agent-session recovery file', version: 1, database: '/x.db', writtenAt: '', reason: '', deletedSessionIds: [],
			sessions: [{id: 's', userId: 'ada', model: 'm', createdAt: 1, title: null, renamed: false, messages: [{role: 'robot', content: 'x', status: 'complete', createdAt: 2}]}],
		}), 'sessions[0].messages[0]: A message\'s role must be user, assistant or system, not robot; nothing was changed (check the file, or move it aside)'],
		['a message without text', JSON.stringify({
			format: 'agent-session recovery file', version: 1, database: '/x.db', writtenAt: '', reason: '', deletedSessionIds: [],
			sessions: [{id: 's', userId: 'ada', model: 'm', createdAt: 1, title: null, renamed: false, messages: [{role: 'user', status: 'complete', createdAt: 2}]}],
		}), 'sessions[0].messages[0].content is not text; nothing was changed (check the file, or move it aside)'],
	];
	for (const [name, text, reason] of malformed) {
		test(`${name} is refused with one sentence, and nothing is changed`, async () => {
			const folder = await tempFolder();
			const path = join(folder, 'agents.db');
			const first = await SqlJsSessionStore.open(path);
			first.createSession('ada', 'gpt-4o');
			await first.close();
			const file = join(folder, 'agents.db.recovery-1-1-abcdef.json');
			await writeFile(file, text, {mode: 0o600});
			const before = await fileState(path);
			const store = await SqlJsSessionStore.open(path);
			await assert.rejects(mergeRecoveryFile(store, file), (error: unknown) => {
				assert.ok(error instanceof StoreError);
				assert.equal(error.kind, 'bad-recovery');
				assert.equal(error.message, `Cannot recover from ${file}: ${reason}.`);
				return true;
			});
			assert.deepEqual(store.unsavedChanges(), {sessions: [], deletedSessionIds: [], messageCount: 0});
			assert.deepEqual(await recoverOnStart(store, [folder]), [`Cannot recover from ${file}: ${reason}.`]);
			await store.close();
			assert.ok((await fileState(path)).bytes.equals(before.bytes));
			assert.equal(await readFile(file, 'utf8'), text, 'the file is kept as it was');
		});
	}

	test('saveOrRecover, at a signal or a crash: saved (exit 0), else a recovery file and one sentence (exit 1), else says it is lost', async () => {
		const folder = await tempFolder();
		const fine = await SqlJsSessionStore.open(join(folder, 'fine.db'));
		fine.createSession('ada', 'gpt-4o');
		assert.deepEqual(await saveOrRecover(fine, {folders: [folder]}), {outcome: 'saved', exitCode: 0});

		const {path, spare, store} = await failingStore();
		const exit = await saveOrRecover(store, {reason: 'SIGTERM', folders: [join(path, '..', 'missing'), spare]});
		assert.equal(exit.outcome, 'recovery-file');
		assert.equal(exit.exitCode, 1);
		const file = exit.outcome === 'recovery-file' ? exit.file : '';
		assert.equal(join(file, '..'), spare);
		// Only the cause: "it will be saved automatically" is no longer true when the app is leaving.
		assert.equal(exit.outcome === 'recovery-file' && exit.message, `Could not save 2 messages to ${path} (the disk is full); they are in ${file}, which the next start on this database merges (or run: agent-session recover ${file}).`);
		assert.equal((JSON.parse(await readFile(file, 'utf8')) as {reason: string}).reason, 'SIGTERM');

		const lost = await saveOrRecover(store, {folders: [join(spare, 'nope')]});
		assert.equal(lost.outcome, 'lost');
		assert.match(lost.outcome === 'lost' ? lost.message : '', /^Could not save 2 messages to \S+ \(the disk is full\), and could not write a recovery file either: Cannot write a recovery file for /);
	});

	test('saveOrRecover does not wait for a save that hangs (a lock held by a live process): it writes the recovery file', async () => {
		const folder = await tempFolder();
		const path = join(folder, 'agents.db');
		const store = await SqlJsSessionStore.open(path, {lock: {timeoutMs: 3000}});
		const session = store.createSession('ada', 'gpt-4o');
		await store.save();
		await writeFile(`${path}.lock`, `${process.ppid}\nbusy\n`);
		store.appendMessage(session.id, {role: 'user', content: 'waiting for the lock'});
		const started = performance.now();
		const exit = await saveOrRecover(store, {timeoutMs: 300, folders: [folder]});
		assert.ok(performance.now() - started < 2000, 'it did not wait for the lock');
		assert.equal(exit.outcome, 'recovery-file');
		assert.match(exit.outcome === 'recovery-file' ? exit.message : '', /^Could not save 1 message to \S+ \(saving took longer than 0\.3 s\); they are in /);
		await rm(`${path}.lock`);
	});
});
