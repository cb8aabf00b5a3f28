/**
 * Steering the conversation, as the chat screen's commands and keys ask for it: regenerate, flip alternatives, undo the
 * last exchange, fork from an edited message, the session's model and system prompt. Store writes happen here (each
 * followed by a save); the reducer is told what the store returned.
 */

import {useMemo} from 'react';
import type {Dispatch, RefObject} from 'react';
import type {ChatTurns} from '../../hooks/chat-turns.js';
import type {ChatAction, ChatState} from '../../state/chat-state.js';
import {lastUserIndex, neighbourAlternative} from '../../state/conversation.js';
import type {SessionStore} from '../../store/types.js';
import {keysLabel} from '../keys.js';
import {oneLine} from '../format.js';
import {truncateEnd} from '../text/index.js';

export interface SteeringInput {
	store: SessionStore;
	turns: ChatTurns;
	/** The state as of the last commit (key handlers may run before the next render). */
	stateRef: RefObject<ChatState>;
	dispatch: Dispatch<ChatAction>;
	/** Settles the reply and forgets the queue before another session opens. */
	leaveSession: () => Promise<void>;
}

export interface Steering {
	/** Alt+E or /edit: the message cursor, unless a reply streams (then it says so). True when it started. */
	selectMessages: () => boolean;
	regenerate: () => void;
	flip: (replyId: number, direction: -1 | 1) => void;
	/** /undo: asks first. */
	askUndo: () => void;
	answerUndo: (yes: boolean) => void;
	/** /model NAME, or a name chosen in the list. */
	setModel: (name: string) => void;
	/** /system TEXT ('' sends none; null: back to the app's default). */
	setSystemPrompt: (prompt: string | null) => void;
	/** /system alone: the prompt in the input line. */
	editSystemPrompt: () => void;
	/** Enter while editing (a fork, the system prompt); false when nothing is being edited. */
	submitEdit: (text: string) => boolean;
}

/** A message as a question quotes it: one line, at most 40 columns. */
function quoted(text: string): string {
	return `"${truncateEnd(oneLine(text).replaceAll(/\s+/g, ' ').trim(), 40)}"`;
}

export function useSteering({store, turns, stateRef, dispatch, leaveSession}: SteeringInput): Steering {
	return useMemo(() => {
		const notice = (text: string) => {
			dispatch({type: 'noticeShown', text});
		};
		const save = () => {
			store.save().catch((error: unknown) => {
				notice((error as Error).message);
			});
		};
		/** Runs a store write; a refusal (unknown message, a name it will not take) becomes the notice. */
		const attempt = (write: () => void) => {
			try {
				write();
				save();
			} catch (error) {
				notice((error as Error).message);
			}
		};
		const busy = (what: string): boolean => {
			if (!stateRef.current.streaming) return false;
			notice(`A reply is streaming: wait for it, or ${keysLabel('chat.stop')} stops it, then ${what}.`);
			return true;
		};

		const setSystemPrompt = (prompt: string | null) => {
			const {session} = stateRef.current;
			if (!session) return;
			attempt(() => {
				const updated = store.setSystemPrompt(session.id, prompt);
				const text = prompt === null
					? 'System prompt: back to the app\'s default (--system) for this session.'
					: prompt === '' ? 'This session now sends no system prompt.' : `System prompt for this session: ${quoted(prompt)}.`;
				dispatch({type: 'sessionUpdated', session: updated, notice: text});
			});
		};

		const fork = (messageId: number, text: string) => {
			const {session} = stateRef.current;
			if (!session) return;
			void (async () => {
				await leaveSession();
				try {
					const forked = store.forkSession(session.id, messageId, text);
					dispatch({
						type: 'sessionOpened',
						session: forked.session,
						messages: forked.messages,
						resumed: false,
						notice: `Forked Session: ${forked.session.id} (the original is kept as it was)`,
					});
					turns.regenerate(forked.session.id);
				} catch (error) {
					notice((error as Error).message);
				}
			})();
		};

		return {
			selectMessages() {
				if (busy('select a message')) return false;
				dispatch({type: 'cursorStarted'});
				return true;
			},
			regenerate() {
				const {session} = stateRef.current;
				if (!session || busy('ask again')) return;
				if (!turns.regenerate(session.id)) notice('There is no message to answer yet: type one and press Enter.');
			},
			flip(replyId, direction) {
				if (busy('flip the alternatives')) return;
				const next = neighbourAlternative(stateRef.current.messages, replyId, direction);
				if (!next) return;
				attempt(() => {
					const chosen = store.chooseAlternative(next.id);
					dispatch({type: 'alternativeChosen', chosen: next.id, ...chosen});
				});
			},
			askUndo() {
				const {messages} = stateRef.current;
				const last = messages[lastUserIndex(messages)];
				if (!last) {
					notice('There is no exchange to delete.');
					return;
				}
				const replies = messages.length - 1 - messages.indexOf(last);
				const what = replies === 0 ? '' : replies === 1 ? ' and its reply' : ` and its ${replies} replies`;
				dispatch({type: 'dialogOpened', dialog: {kind: 'confirmUndo', question: `Delete your last message ${quoted(last.content)}${what}?`, messageId: last.id}});
			},
			answerUndo(yes) {
				const {session, dialog} = stateRef.current;
				dispatch({type: 'dialogClosed'});
				if (!yes || !session || dialog?.kind !== 'confirmUndo') {
					if (!yes) notice('Kept: nothing was deleted.');
					return;
				}
				void (async () => {
					// A reply still streaming belongs to the exchange: it ends (stopped, stored) before the exchange goes.
					await turns.settle();
					const messages = store.getSession(session.id)?.messages ?? [];
					if (messages[lastUserIndex(messages)]?.id !== dialog.messageId) {
						notice('The last exchange changed meanwhile (a queued message was sent): nothing was deleted. /undo asks again.');
						return;
					}
					attempt(() => {
						const undone = store.undoLastExchange(session.id);
						dispatch({type: 'exchangeUndone', session: undone.session, messages: undone.messages, removed: undone.removed.length});
					});
				})();
			},
			setModel(name) {
				const {session} = stateRef.current;
				if (!session) return;
				dispatch({type: 'dialogClosed'});
				attempt(() => {
					const updated = store.setModel(session.id, name);
					dispatch({type: 'sessionUpdated', session: updated, notice: `Model for this session: ${turns.modelOf(updated)}. The next reply uses it.`});
				});
			},
			setSystemPrompt,
			editSystemPrompt() {
				const {session, messages} = stateRef.current;
				if (!session) return;
				dispatch({type: 'editStarted', editing: {kind: 'system'}, text: turns.systemPromptOf({session, messages})});
			},
			submitEdit(text) {
				const {editing} = stateRef.current;
				switch (editing?.kind) {
					case 'fork': {
						dispatch({type: 'editCancelled'});
						fork(editing.messageId, text);
						return true;
					}
					case 'system': {
						dispatch({type: 'editCancelled'});
						setSystemPrompt(text);
						return true;
					}
					case undefined: {
						return false;
					}
				}
			},
		};
	}, [store, turns, stateRef, dispatch, leaveSession]);
}
