import {SqlJsSessionStore} from './session-store.js';
import type {SessionStore} from './types.js';

export {storedSystemPrompt} from './agno/system-prompt.js';
export {StoreError} from './errors.js';
export type {StoreErrorKind} from './errors.js';
export type * from './types.js';

/**
 * Opens the session database at `path`, creating it and its folder on first run. Rejects with a StoreError whose message
 * is one sentence for the user when the file is not an agent-session database or was written by a newer version.
 */
export async function openSessionStore(path: string): Promise<SessionStore> {
	return SqlJsSessionStore.open(path);
}
