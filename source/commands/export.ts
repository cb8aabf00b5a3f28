import {access, realpath, writeFile} from 'node:fs/promises';
import {ConfigError} from '../config.js';
import type {Command, Config} from '../config.js';
import {describeFsError} from '../store/files.js';
import type {SessionStore, SessionWithMessages} from '../store/index.js';
import {sessionToFile} from '../store/transfer/json.js';
import {sessionToMarkdown} from '../store/transfer/markdown.js';
import {sanitize} from '../ui/text/sanitize.js';
import {complain, jsonText, openStoreFor} from './io.js';
import type {CommandIO} from './io.js';

export type ExportFormat = Extract<Command, {kind: 'export'}>['format'];

/** A session as an export file's text: markdown to read, or JSON that `agent-session import` reads back. Pure. */
export function exportText(session: SessionWithMessages, format: ExportFormat): string {
	return format === 'md' ? sessionToMarkdown(session) : `${jsonText(sessionToFile(session))}\n`;
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(() => true, () => false);
}

async function isDatabase(path: string, dbPath: string): Promise<boolean> {
	const [target, database] = await Promise.all([realpath(path).catch(() => path), realpath(dbPath).catch(() => dbPath)]);
	return target === database;
}

const notTheDatabase = (path: string) => `Cannot write the export to ${path}: that is the session database itself; pick another file.`;

/**
 * Writes an export to `path` (mode 0600: it holds the conversation), replacing a file that is there — but never the
 * database itself. Throws a one-sentence Error.
 */
export async function writeExportFile(path: string, text: string, dbPath: string): Promise<void> {
	if (await isDatabase(path, dbPath)) throw new Error(notTheDatabase(path));
	try {
		await writeFile(path, text, {mode: 0o600});
	} catch (error) {
		throw new Error(`Cannot write the export to ${path}: ${describeFsError(error)}.`, {cause: error});
	}
}

/** --session ID (the user's), or the user's most recent session (also what --continue says). */
function chosenSession(store: SessionStore, config: Config): SessionWithMessages {
	const {start, user} = config;
	if (start.kind === 'session') {
		const opened = store.getSession(start.id);
		if (opened === undefined || opened.session.userId !== user) throw new ConfigError(`--session ${start.id}: no such session for user "${user}".`);
		return opened;
	}
	const latest = store.latestSession(user);
	const opened = latest && store.getSession(latest.id);
	if (!opened) throw new ConfigError(`User "${user}" has no sessions in ${config.dbPath} to export.`);
	return opened;
}

export async function runExport(command: Extract<Command, {kind: 'export'}>, config: Config, io: CommandIO): Promise<number> {
	// Exporting never creates a database.
	if (!(await exists(config.dbPath))) throw new ConfigError(`There is no database at ${config.dbPath}: nothing to export (pass --db PATH).`);
	if (command.output !== undefined && await isDatabase(command.output, config.dbPath)) throw new ConfigError(notTheDatabase(command.output));
	const store = await openStoreFor(config.dbPath, io);
	if (typeof store === 'number') return store;
	try {
		const text = exportText(chosenSession(store, config), command.format);
		if (command.output === undefined) {
			// Stored text is untrusted: no control sequence of it reaches a terminal (JSON escapes them already).
			io.stdout.write(io.stdout.isTTY === true ? sanitize(text) : text);
		} else {
			await writeExportFile(command.output, text, config.dbPath);
		}
		return 0;
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		complain(io, (error as Error).message);
		return 1;
	} finally {
		await store.close();
	}
}
