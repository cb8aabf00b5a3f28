import type {ChatState} from '../../state/chat-state.js';
import {firstKeyLabel as key} from '../keys.js';

/** The line that says what the keys do in the message cursor or while editing; null otherwise. */
export function modeLine(state: ChatState): string | null {
	if (state.cursor !== null) {
		return `${key('messages.up')}${key('messages.down')} select · ${key('messages.edit')} edit (new session) · ${key('messages.previousAlternative')}${key('messages.nextAlternative')} alternatives · ${key('messages.leave')} back`;
	}
	switch (state.editing?.kind) {
		case 'fork': {
			return `Editing an earlier message: ${key('composer.send')} sends it in a new session (a fork), this one stays. ${key('chat.stop')} cancels.`;
		}
		case 'system': {
			return `Editing this session's system prompt: ${key('composer.send')} keeps it. ${key('chat.stop')} cancels.`;
		}
		case undefined: {
			return null;
		}
	}
}
