import {defaultSystemPrompt} from './config.js';
import type {Config} from './config.js';
import type {SessionStore, SessionWithMessages} from './store/types.js';

/** Where the app opens, from --new / --continue / --session / nothing (the picker). */
export type Start =
	| {kind: 'picker'}
	| {kind: 'session'; opened: SessionWithMessages; resumed: boolean};

/** --session with an id that is not there: exit code 2, like any bad flag. */
export class StartError extends Error {}

/**
 * What a new session records as its own system prompt: --system when it was given, so the session keeps it later
 * without the flag; otherwise null, the app's default (the same text, as long as it is the default).
 */
export function newSessionSystemPrompt(config: Pick<Config, 'systemPrompt'>): string | null {
	return config.systemPrompt === defaultSystemPrompt ? null : config.systemPrompt;
}

/** `modelName` is what a new session records as its model (the offline model's name when offline). */
export function resolveStart(store: SessionStore, config: Pick<Config, 'start' | 'user'> & Partial<Pick<Config, 'systemPrompt'>>, modelName: string): Start {
	const {start, user} = config;
	const systemPrompt = config.systemPrompt === undefined ? null : newSessionSystemPrompt({systemPrompt: config.systemPrompt});
	switch (start.kind) {
		case 'picker': {
			return {kind: 'picker'};
		}
		case 'new': {
			return {kind: 'session', opened: {session: store.createSession(user, modelName, systemPrompt), messages: []}, resumed: false};
		}
		case 'continue': {
			const latest = store.latestSession(user);
			const opened = latest && store.getSession(latest.id);
			// Nothing to continue yet: start fresh, as the original script does.
			if (!opened) return {kind: 'session', opened: {session: store.createSession(user, modelName, systemPrompt), messages: []}, resumed: false};
			return {kind: 'session', opened, resumed: true};
		}
		case 'session': {
			const opened = store.getSession(start.id);
			if (!opened || opened.session.userId !== user) {
				throw new StartError(`--session ${start.id}: no such session for user "${user}"; run agent-session without --session to pick one.`);
			}
			return {kind: 'session', opened, resumed: true};
		}
	}
}
