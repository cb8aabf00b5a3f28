import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {runRecover} from '../../source/commands/recover.js';
import {writeRecoveryFile} from '../../source/store/recovery.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {listFolder, tempFolder} from './temp-folder.js';

function output(): {write(text: string): void; text: string} {
	return {
		text: '',
		write(text) {
			this.text += text;
		},
	};
}

/** A recovery file (in `spare`) for a database in its own folder, holding one unsaved message. */
async function recoveryFile(): Promise<{path: string; file: string; sessionId: string}> {
	const path = join(await tempFolder(), 'agents.db');
	const spare = await tempFolder();
	const first = await SqlJsSessionStore.open(path);
	const session = first.createSession('ada', 'gpt-4o');
	await first.close();
	const store = await SqlJsSessionStore.open(path, {hooks: {beforeRename: {failWith: 'ENOSPC'}}});
	store.appendMessage(session.id, {role: 'user', content: 'rescued'});
	await store.save().catch(() => undefined);
	return {path, file: (await writeRecoveryFile(store, {folders: [spare]}))!, sessionId: session.id};
}

describe('agent-session recover FILE', () => {
	test('merges into the database named in the file, prints one line, exit code 0, and removes the file', async () => {
		const {path, file, sessionId} = await recoveryFile();
		const stdout = output();
		const stderr = output();
		assert.equal(await runRecover(file, {stdout, stderr}), 0);
		assert.equal(stdout.text, `Recovered 1 unsaved message from ${file}.\n`);
		assert.equal(stderr.text, '');
		assert.deepEqual(await listFolder(join(file, '..')), []);
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(reader.getSession(sessionId)?.messages.map(message => message.content), ['rescued']);
		await reader.close();
	});

	test('--db merges into another database instead (a relative path is taken from cwd)', async () => {
		const {path, file, sessionId} = await recoveryFile();
		const elsewhere = await tempFolder();
		assert.equal(await runRecover(file, {db: 'copy.db', cwd: elsewhere, stdout: output(), stderr: output()}), 0);
		const reader = await SqlJsSessionStore.open(join(elsewhere, 'copy.db'));
		assert.deepEqual(reader.getSession(sessionId)?.messages.map(message => message.content), ['rescued']);
		await reader.close();
		const original = await SqlJsSessionStore.open(path);
		assert.deepEqual(original.getSession(sessionId)?.messages, [], 'the database named in the file is left alone');
		await original.close();
	});

	test('a file that is not a recovery file: one sentence, exit code 2, nothing created', async () => {
		const folder = await tempFolder();
		const file = join(folder, 'notes.json');
		await writeFile(file, '{"todo": []}');
		const stderr = output();
		assert.equal(await runRecover(file, {db: join(folder, 'new', 'agents.db'), stderr, stdout: output()}), 2);
		assert.equal(stderr.text, `agent-session: Cannot recover from ${file}: it is not an agent-session recovery file; nothing was changed (check the file, or move it aside).\n`);
		assert.deepEqual(await listFolder(folder), ['notes.json']);
		const missing = output();
		assert.equal(await runRecover(join(folder, 'none.json'), {stderr: missing, stdout: output()}), 2);
		assert.equal(missing.text, `agent-session: Cannot read ${join(folder, 'none.json')}: there is no such file; check the path.\n`);
	});
});
