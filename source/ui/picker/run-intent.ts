/**
 * Carries out what a key means on the picker: state changes through `apply`, store calls,
 * and handing over to the app. Throws what the store throws; the caller shows it.
 */

import {assertNever} from '../../assert-never.js';
import type {SessionStore, SessionSummary} from '../../store/types.js';
import type {PickerIntent} from './picker-keys.js';
import {displayText} from './picker-layout.js';
import type {PickerAction, PickerState} from './picker-state.js';

export interface IntentContext {
	/** The state the key was read in. */
	state: PickerState;
	store: SessionStore;
	apply: (action: PickerAction) => void;
	/** Rows of the list now, "+ New session" included. */
	rows: () => number;
	visible: number;
	selectedRow: () => number;
	selectedSession: () => SessionSummary | undefined;
	/** After a rename or delete: read the list again and save. */
	changed: () => void;
	onOpen: (sessionId: string) => void;
	onNew: () => void;
	onQuit: () => void;
}

export function runIntent(intent: PickerIntent, context: IntentContext): void {
	switch (intent.type) {
		case 'navigate': {
			context.apply({type: 'navigate', to: intent.to, rows: context.rows(), visible: context.visible});
			break;
		}

		case 'open': {
			if (context.selectedRow() === 0) {
				context.onNew();
				return;
			}

			const session = context.selectedSession();
			if (session) {
				context.onOpen(session.id);
				return;
			}

			context.apply({type: 'showMessage', message: {tone: 'error', text: 'That session is gone (deleted elsewhere?). Pick another one.'}});
			break;
		}

		case 'new': {
			context.onNew();
			return;
		}

		case 'quit': {
			context.onQuit();
			return;
		}

		case 'startFilter': {
			context.apply({type: 'startFilter', text: intent.text});
			break;
		}

		case 'editFilter': {
			context.apply({type: 'editFilter', line: intent.line});
			break;
		}

		case 'clearFilter': {
			context.apply({type: 'clearFilter'});
			break;
		}

		case 'startRename': {
			const session = context.selectedSession();
			if (session) {
				context.apply({type: 'startRename', sessionId: session.id, title: displayText(session.title)});
			} else {
				context.apply({type: 'showMessage', message: {tone: 'info', text: 'Select a session (↓) to rename it.'}});
			}

			break;
		}

		case 'editRename': {
			context.apply({type: 'editRename', line: intent.line});
			break;
		}

		case 'submitRename': {
			if (context.state.mode.kind !== 'rename') {
				break;
			}

			const title = intent.title.trim();
			if (!title) {
				context.apply({type: 'showMessage', message: {tone: 'error', text: 'A session name cannot be empty: type a name, or press Esc to keep the old one.'}});
				break;
			}

			context.store.renameSession(context.state.mode.sessionId, title);
			context.apply({type: 'backToBrowse'});
			context.changed();
			break;
		}

		case 'askDelete': {
			const session = context.selectedSession();
			if (session?.origin === 'agno') {
				// Not asked: the store refuses it (StoreError 'agno-read-only'), and a "y" would only meet that refusal.
				context.apply({type: 'showMessage', message: {tone: 'info', text: 'Sessions from Agno\'s own table are read only here: delete this one with Agno.'}});
			} else if (session) {
				context.apply({type: 'askDelete', sessionId: session.id, title: session.title, messageCount: session.messageCount});
			} else {
				context.apply({type: 'showMessage', message: {tone: 'info', text: 'Select a session (↓) to delete it.'}});
			}

			break;
		}

		case 'confirmDelete': {
			if (context.state.mode.kind !== 'confirmDelete') {
				break;
			}

			const {sessionId, title} = context.state.mode;
			context.store.deleteSession(sessionId);
			context.apply({type: 'backToBrowse'});
			context.apply({type: 'showMessage', message: {tone: 'info', text: `Deleted "${displayText(title) || '(untitled)'}".`}});
			context.changed();
			break;
		}

		case 'cancel': {
			context.apply({type: 'backToBrowse'});
			break;
		}

		case 'toggleOrder': {
			context.apply({type: 'toggleOrder'});
			break;
		}

		case 'none': {
			break;
		}

		default: {
			assertNever(intent);
		}
	}
}
