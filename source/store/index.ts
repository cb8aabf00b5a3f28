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

let early: {path: string; opening: Promise<SessionStore>} | undefined;

/**
 * Starts opening `path` now, for a caller that will ask for it once its other modules are loaded: reading the file and
 * compiling sql.js's WebAssembly (which runs off the main thread) overlap with loading the UI's code.
 */
export function openEarly(path: string): void {
	const opening = openSessionStore(path);
	// Whoever asks for it sees the failure; until then it must not count as unhandled.
	opening.catch(() => undefined);
	early = {path, opening};
}

/** The store `openEarly` started for `path`, or a new opening when there is none (each is handed out once). */
export async function openSessionStoreOnce(path: string): Promise<SessionStore> {
	if (early?.path !== path) return openSessionStore(path);
	const {opening} = early;
	early = undefined;
	return opening;
}
