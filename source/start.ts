import type {Config} from './config.js';
import type {SessionStore, SessionWithMessages} from './store/types.js';

/** Where the app opens, from --new / --continue / --session / nothing (the picker). */
export type Start =
	| {kind: 'picker'}
	| {kind: 'session'; opened: SessionWithMessages; resumed: boolean};

/** --session with an id that is not there: exit code 2, like any bad flag. */
export class StartError extends Error {}

/** `modelName` is what a new session records as its model (the offline model's name when offline). */
export function resolveStart(store: SessionStore, config: Pick<Config, 'start' | 'user'>, modelName: string): Start {
	const {start, user} = config;
	switch (start.kind) {
		case 'picker': {
			return {kind: 'picker'};
		}
		case 'new': {
			return {kind: 'session', opened: {session: store.createSession(user, modelName), messages: []}, resumed: false};
		}
		case 'continue': {
			const latest = store.latestSession(user);
			const opened = latest && store.getSession(latest.id);
			// Nothing to continue yet: start fresh, as the original script does.
			if (!opened) return {kind: 'session', opened: {session: store.createSession(user, modelName), messages: []}, resumed: false};
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
