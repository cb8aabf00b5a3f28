import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {lstat, mkdir, readFile, readlink, rename, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import type {Server} from 'node:net';
import {join} from 'node:path';
import {after, describe, test} from 'node:test';
import {openSessionStore, StoreError} from '../../source/store/index.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {listFolder, tempFolder} from './temp-folder.js';

const servers: Server[] = [];
after(async () => {
	await Promise.all(servers.map(async server => new Promise(resolve => server.close(resolve))));
});

const rule = 'not a regular file; pass --db with a regular file or a path that does not exist yet.';

/** Each kind of thing --db may name that is not a regular file, made in `folder`. */
const kinds: Record<string, (path: string) => Promise<void>> = {
	'a folder': async path => mkdir(path),
	'a FIFO (named pipe)': async path => {
		execFileSync('mkfifo', [path]);
	},
	// Our own device node with /dev/null's numbers: the real /dev/null is never put at risk.
	'a character device': async path => {
		execFileSync('mknod', [path, 'c', '1', '3']);
	},
	'a socket': async path => {
		const server = createServer();
		servers.push(server);
		await new Promise<void>(resolve => server.listen(path, resolve));
	},
};

function skipFor(kind: string): string | false {
	return kind === 'a character device' && process.getuid?.() !== 0 ? 'making a device node needs root' : false;
}

/** Opening `path` is refused with `message` and exit code 2; the folder is unchanged and the thing itself untouched. */
async function assertRefused(path: string, shown: string, message: string): Promise<void> {
	const folder = join(path, '..');
	const names = await listFolder(folder);
	const before = await lstat(path);
	await assert.rejects(openSessionStore(path), (error: unknown) => {
		assert.ok(error instanceof StoreError);
		assert.equal(error.kind, 'bad-path');
		assert.equal(error.exitCode, 2);
		assert.equal(error.message, `Cannot use ${shown} as the database: it is ${message}, ${rule}`);
		return true;
	});
	const after = await lstat(path);
	assert.equal(after.ino, before.ino, 'the same thing is still there');
	assert.equal(after.mode, before.mode, 'of the same kind');
	assert.deepEqual(await listFolder(folder), names, 'nothing was added to its folder');
}

describe('--db must be a regular file or a path that does not exist yet', () => {
	for (const [kind, make] of Object.entries(kinds)) {
		test(`${kind} is refused with one sentence and left as it was`, {skip: skipFor(kind)}, async () => {
			const path = join(await tempFolder(), 'agents.db');
			await make(path);
			await assertRefused(path, path, kind);
		});

		test(`a symlink to ${kind} is refused, the link and its target left as they were`, {skip: skipFor(kind)}, async () => {
			const folder = await tempFolder();
			const target = join(folder, 'target');
			await make(target);
			const link = join(folder, 'agents.db');
			await symlink(target, link);
			await assertRefused(link, link, `a symbolic link to ${kind}`);
			assert.equal(await readlink(link), target);
		});
	}

	test('a device node stays a device node: nothing is ever renamed over it', {skip: skipFor('a character device')}, async () => {
		const path = join(await tempFolder(), 'null');
		execFileSync('mknod', [path, 'c', '1', '3']);
		await assert.rejects(openSessionStore(path), {name: 'StoreError'});
		assert.ok((await stat(path)).isCharacterDevice());
	});

	test('a loop of symlinks is refused', async () => {
		const folder = await tempFolder();
		await symlink(join(folder, 'b.db'), join(folder, 'a.db'));
		await symlink(join(folder, 'a.db'), join(folder, 'b.db'));
		const path = join(folder, 'a.db');
		await assert.rejects(openSessionStore(path), {kind: 'bad-path', message: `Cannot use ${path} as the database: it is a loop of symbolic links; pass --db with a regular file or a path that does not exist yet.`});
	});

	test('a symlink to a regular file is written through: the link is kept and its target replaced in the target\'s folder', async () => {
		const folder = await tempFolder();
		await mkdir(join(folder, 'real'));
		await mkdir(join(folder, 'links'));
		const target = join(folder, 'real', 'agents.db');
		const link = join(folder, 'links', 'agents.db');
		const first = await openSessionStore(target);
		const session = first.createSession('ada', 'gpt-4o');
		await first.close();
		await symlink('../real/agents.db', link);
		const inode = (await stat(target)).ino;

		const store = await openSessionStore(link);
		assert.equal(store.file, target);
		store.appendMessage(session.id, {role: 'user', content: 'through the link'});
		await store.close();
		assert.ok((await lstat(link)).isSymbolicLink(), 'the link is still a link');
		assert.equal(await readlink(link), '../real/agents.db');
		assert.notEqual((await stat(target)).ino, inode, 'the target was replaced by a new file (atomically)');
		assert.deepEqual(await listFolder(join(folder, 'links')), ['agents.db'], 'nothing was written beside the link');
		assert.deepEqual(await listFolder(join(folder, 'real')), ['agents.db']);
		const reader = await openSessionStore(target);
		assert.deepEqual(reader.getSession(session.id)?.messages.map(message => message.content), ['through the link']);
		await reader.close();
	});

	test('a symlink to a path that does not exist yet creates its target with the first save, and keeps the link', async () => {
		const folder = await tempFolder();
		const link = join(folder, 'agents.db');
		await symlink('elsewhere/agents.db', link);
		const store = await openSessionStore(link);
		assert.deepEqual(await listFolder(folder), ['agents.db'], 'nothing is created at open');
		store.createSession('ada', 'gpt-4o');
		await store.close();
		assert.ok((await lstat(link)).isSymbolicLink());
		assert.ok((await stat(join(folder, 'elsewhere', 'agents.db'))).isFile());
	});

	test('checked again before every rename: a file replaced by a FIFO (or a folder) under a running store is never written over', async () => {
		const folder = await tempFolder();
		const path = join(folder, 'agents.db');
		const store = await SqlJsSessionStore.open(path);
		const session = store.createSession('ada', 'gpt-4o');
		await store.save();

		await rename(path, join(folder, 'moved.db'));
		execFileSync('mkfifo', [path]);
		store.appendMessage(session.id, {role: 'user', content: 'kept in memory'});
		await assert.rejects(store.save(), {
			kind: 'bad-path',
			message: `Cannot save ${path}: it is now a FIFO (named pipe), not a regular file, and agent-session never writes over anything else; move it aside and it will be saved automatically.`,
		});
		assert.ok((await stat(path)).isFIFO(), 'the FIFO is untouched');
		assert.deepEqual(await listFolder(folder), ['agents.db', 'moved.db'], 'no temp or lock file is left');

		await rm(path);
		await mkdir(path);
		await assert.rejects(store.save(), {kind: 'bad-path', message: /it is now a folder, not a regular file/});
		assert.ok((await stat(path)).isDirectory());

		await rm(path, {recursive: true});
		await rename(join(folder, 'moved.db'), path);
		await store.close();
		const reader = await SqlJsSessionStore.open(path);
		assert.deepEqual(reader.getSession(session.id)?.messages.map(message => message.content), ['kept in memory']);
		await reader.close();
	});

	test('a regular file and a new path are fine; a file below a file is refused as unreadable, creating nothing', async () => {
		const folder = await tempFolder();
		await writeFile(join(folder, 'plain'), 'not a folder');
		const path = join(folder, 'plain', 'agents.db');
		await assert.rejects(openSessionStore(path), {kind: 'unreadable', message: `Cannot open ${path}: its folder is missing or is not a folder; restore it or pass --db PATH.`});
		assert.equal(await readFile(join(folder, 'plain'), 'utf8'), 'not a folder');
		assert.deepEqual(await listFolder(folder), ['plain']);
	});
});
