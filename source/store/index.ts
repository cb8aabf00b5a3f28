import {SqlJsSessionStore} from './session-store.js';
import type {SessionStore} from './types.js';

export {storedSystemPrompt} from './agno/system-prompt.js';
export {StoreError} from './errors.js';
export type {StoreErrorKind} from './errors.js';
export type * from './types.js';

/**
 * Opens the session database at `path`; a new one (and its folder) is created by the first change's save, so nothing is
 * written before. Rejects with a StoreError whose message is one sentence for the user when `path` is not a regular file
 * or a new path (kind 'bad-path', exitCode 2), or the file is not an agent-session database or is from a newer version.
 */
export async function openSessionStore(path: string): Promise<SessionStore> {
	return SqlJsSessionStore.open(path);
}
