/** `/export [md|json] [FILE]` in the chat: the session written to a file, and the sentence the notice shows. */
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import {exportText, writeExportFile} from '../../commands/export.js';
import type {SessionStore} from '../../store/types.js';
import type {ExportCommand} from './commands.js';

/** Where the file goes: FILE (a leading ~/ is the home folder), else session-<first 8 of the id>.<format> here. */
export function exportPath(command: ExportCommand, sessionId: string, cwd = process.cwd()): string {
	// Ids come from the file (Agno's may hold anything): only name-safe characters go into a file name.
	const file = command.file ?? `session-${sessionId.slice(0, 8).replaceAll(/[^\w-]/g, '_')}.${command.format}`;
	return file === '~' || file.startsWith('~/') ? join(homedir(), file.slice(1)) : resolve(cwd, file);
}

/** Writes the export; the notice to show either way (a failure is one sentence, and nothing was written). */
export async function exportSession(store: SessionStore, sessionId: string, command: ExportCommand): Promise<string> {
	const opened = store.getSession(sessionId);
	if (!opened) return 'This session no longer exists, so nothing was exported.';
	const path = exportPath(command, sessionId);
	try {
		await writeExportFile(path, exportText(opened, command.format), store.path);
	} catch (error) {
		return (error as Error).message;
	}

	return `Exported this session as ${command.format === 'md' ? 'markdown' : 'JSON'} to ${path}.`;
}
