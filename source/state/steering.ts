/**
 * The chat reducer's steering part: regenerated replies and their alternatives, undo, per-session settings, the
 * message cursor, editing an earlier message or the system prompt, and the dialogs over the chat. Pure, like the rest.
 */

import {clamp} from '../clamp.js';
import {assertNever} from '../assert-never.js';
import type {SessionSummary, StoredMessage} from '../store/types.js';
import type {ChatState} from './chat-state.js';
import {lastUserIndex, shownMessages, supersedeLastReply} from './conversation.js';

/** What the text in the composer is for, when it is not a new message. */
export type Editing =
	| {kind: 'fork'; messageId: number}
	| {kind: 'system'};

/** A question or chooser over the chat that takes the keys until it is answered. */
export type Dialog =
	| {kind: 'model'}
	/** `messageId`: the user message the question names, so that a later exchange is never deleted in its place. */
	| {kind: 'confirmUndo'; question: string; messageId: number};

/** Text put into the composer from outside (an earlier message to edit); `seq` tells a new one from the last. */
export interface Draft {
	text: string;
	seq: number;
}

export type SteeringAction =
	// Regenerate: the last turn's reply is superseded while the new one streams; the store then gives the whole session.
	| {type: 'regenerateStarted'; at: number}
	| {type: 'alternativeAdded'; message: StoredMessage; session: SessionSummary; messages: readonly StoredMessage[]}
	| {type: 'alternativeChosen'; chosen: number; session: SessionSummary; messages: readonly StoredMessage[]}
	| {type: 'exchangeUndone'; session: SessionSummary; messages: readonly StoredMessage[]; removed: number}
	/** The session's model or system prompt changed. */
	| {type: 'sessionUpdated'; session: SessionSummary; notice: string}
	| {type: 'cursorStarted'}
	| {type: 'cursorMoved'; by: -1 | 1}
	| {type: 'cursorLeft'}
	| {type: 'editStarted'; editing: Editing; text: string}
	| {type: 'editCancelled'}
	| {type: 'dialogOpened'; dialog: Dialog}
	| {type: 'dialogClosed'};

export function steeringReducer(state: ChatState, action: SteeringAction): ChatState {
	switch (action.type) {
		case 'regenerateStarted': {
			return {
				...state,
				messages: supersedeLastReply(state.messages),
				streaming: {text: '', thinking: '', thinkingStartedAt: null, thinkingEndedAt: null, startedAt: action.at, updatedAt: action.at, usage: null},
				lastError: null,
				transcriptOffset: 0,
				historyOffset: 0,
			};
		}
		case 'alternativeAdded': {
			const {message} = action;
			if (message.sessionId !== state.session?.id) return state;
			return {
				...state,
				streaming: null,
				messages: action.messages,
				session: action.session,
				lastError: message.status === 'error' ? message.error ?? 'The reply failed.' : null,
			};
		}
		case 'alternativeChosen': {
			if (action.session.id !== state.session?.id) return state;
			// The cursor was on the reply that was flipped: it stays on the turn's reply, now the chosen one.
			return {...state, messages: action.messages, session: action.session, cursor: state.cursor === null ? null : action.chosen};
		}
		case 'exchangeUndone': {
			if (action.session.id !== state.session?.id) return state;
			const notice = action.removed === 0 ? 'There is no exchange to delete.' : `Deleted the last exchange (${action.removed} ${action.removed === 1 ? 'message' : 'messages'}).`;
			return {...state, messages: action.messages, session: action.session, cursor: null, lastError: null, notice, transcriptOffset: 0, historyOffset: 0};
		}
		case 'sessionUpdated': {
			if (action.session.id !== state.session?.id) return state;
			return {...state, session: action.session, notice: action.notice};
		}
		case 'cursorStarted': {
			const shown = shownMessages(state.messages, state.clearedBefore);
			const last = lastUserIndex(shown);
			const start = shown[last] ?? shown.at(-1);
			if (!start) return {...state, notice: 'There is no message to select yet.'};
			return {...state, cursor: start.id, notice: null};
		}
		case 'cursorMoved': {
			if (state.cursor === null) return state;
			const shown = shownMessages(state.messages, state.clearedBefore);
			const at = shown.findIndex(message => message.id === state.cursor);
			const next = shown[clamp(at + action.by, 0, shown.length - 1)];
			return next ? {...state, cursor: next.id, notice: null} : state;
		}
		case 'cursorLeft': {
			return state.cursor === null ? state : {...state, cursor: null};
		}
		case 'editStarted': {
			return {...state, cursor: null, editing: action.editing, draft: {text: action.text, seq: (state.draft?.seq ?? 0) + 1}, notice: null};
		}
		case 'editCancelled': {
			if (state.editing === null) return state;
			return {...state, editing: null, draft: {text: '', seq: (state.draft?.seq ?? 0) + 1}};
		}
		case 'dialogOpened': {
			return {...state, dialog: action.dialog, cursor: null};
		}
		case 'dialogClosed': {
			return state.dialog === null ? state : {...state, dialog: null};
		}
		default: {
			return assertNever(action);
		}
	}
}
