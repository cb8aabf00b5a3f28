import type {ChatModel} from './types.js';

/** The name a session records when it was made with the built-in offline model. */
export const offlineModelName = 'offline';

/**
 * The model id a session's requests ask for: the session's own (set with /model, or the one it was made with), except
 * where that cannot mean anything to the server the app talks to now: a session made offline, or an empty name. The
 * offline model answers everything itself.
 */
export function requestModel(model: ChatModel, sessionModel: string): string {
	if (model.offline || sessionModel.trim() === '' || sessionModel === offlineModelName) return model.name;
	return sessionModel;
}
