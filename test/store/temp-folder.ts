// Temp folders for store tests: each test gets its own under os.tmpdir(), all removed when the file's tests end.
import {mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after} from 'node:test';

const made: string[] = [];

after(async () => {
	// Retried: a store left failing on purpose may still be trying a save (it retries on a timer) while its folder goes.
	await Promise.all(made.map(folder => rm(folder, {recursive: true, force: true, maxRetries: 5, retryDelay: 50})));
});

export async function tempFolder(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'agent-session-store-'));
	made.push(folder);
	return folder;
}

/** Everything a user could notice about a file: its bytes, size and modification time. */
export async function fileState(path: string): Promise<{bytes: Buffer; size: number; mtimeMs: number}> {
	const stats = await stat(path);
	return {bytes: await readFile(path), size: stats.size, mtimeMs: stats.mtimeMs};
}

export async function listFolder(folder: string): Promise<string[]> {
	return (await readdir(folder)).sort();
}
