import {constants} from 'node:fs';
import {access, lstat, readlink, realpath, stat} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {StoreError} from './errors.js';
import {describeFsError, isMissing, notRegularFile, otherKind} from './files.js';

/** Where the database really is: the regular file a --db path leads to, or where a new one will be created. */
export interface DbFile {
	/** Absolute, symlinks followed: saves put their temp files beside it and rename them onto it. */
	file: string;
	/** False for a path that does not exist yet (nothing is created until the first change needs saving). */
	exists: boolean;
}

/** Symlinks followed before giving up, as the kernel does (ELOOP). */
const maxLinks = 40;

function unreadable(path: string, error: unknown): StoreError {
	return new StoreError('unreadable', `Cannot open ${path}: ${describeFsError(error)}.`, {cause: error});
}

/**
 * Applies the --db rule: a regular file (a symlink to one is followed, so saves replace the target and keep the link), or
 * a path that does not exist yet (a dangling symlink's target counts). A folder, FIFO, device or socket — directly or
 * through symlinks — is refused with a StoreError of kind 'bad-path'. Nothing is opened, created or changed here.
 */
export async function resolveDbFile(path: string): Promise<DbFile> {
	let current = resolve(path);
	for (let links = 0; links <= maxLinks; links++) {
		let stats;
		try {
			stats = await lstat(current);
		} catch (error) {
			if (!isMissing(error)) throw unreadable(path, error);
			await checkCanCreate(path, current);
			return {file: join(await realFolder(dirname(current)), basename(current)), exists: false};
		}
		if (stats.isSymbolicLink()) {
			try {
				current = resolve(dirname(current), await readlink(current));
			} catch (error) {
				throw unreadable(path, error);
			}
			continue;
		}
		const kind = otherKind(stats);
		if (kind !== undefined) throw notRegularFile(path, links > 0 ? `a symbolic link to ${kind}` : kind);
		return {file: await realpath(current).catch(() => current), exists: true};
	}
	throw new StoreError('bad-path', `Cannot use ${path} as the database: it is a loop of symbolic links; pass --db with a regular file or a path that does not exist yet.`);
}

/** The folder with symlinks resolved, or as given while it does not exist yet (the first save creates it). */
async function realFolder(folder: string): Promise<string> {
	return realpath(folder).catch(() => folder);
}

/**
 * A new database is created by its first save, so a folder that can never hold it is refused now, at open, instead: the
 * nearest existing ancestor must be a folder we may write to (access() says EROFS for a read-only mount, even as root).
 */
async function checkCanCreate(path: string, file: string): Promise<void> {
	let folder = dirname(file);
	for (;;) {
		try {
			const stats = await stat(folder);
			if (!stats.isDirectory()) throw Object.assign(new Error('not a folder'), {code: 'ENOTDIR'});
			await access(folder, constants.W_OK | constants.X_OK);
			return;
		} catch (error) {
			if (!isMissing(error) || dirname(folder) === folder) throw unreadable(path, error);
			folder = dirname(folder);
		}
	}
}
