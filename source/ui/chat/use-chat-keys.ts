/**
 * The chat screen's keys and mouse: the history pane's keys while it has the focus, and the screen's
 * own (stop, focus, panes, moving through the conversation, the wheel) for whatever the focused pane
 * leaves. Every key comes from the one binding table.
 */

import type {Dispatch} from 'react';
import {assertNever} from '../../assert-never.js';
import {useInputLayer} from '../../hooks/input-provider.js';
import type {KeyEvent, MouseEvent} from '../../hooks/key-event.js';
import type {ChatAction, ChatState} from '../../state/chat-state.js';
import {alternativePosition, lastReply, lastUserIndex} from '../../state/conversation.js';
import {actionOf, matches} from '../keys.js';
import type {ChatLayout} from './layout.js';
import {clampOffset, messageJump} from './line-view.js';
import type {BlockSource} from './line-view.js';
import {revealMessage} from './use-message-cursor.js';
import type {TranscriptSource} from './use-transcript-source.js';

/** Lines one notch of the wheel scrolls, as most terminals and pagers do. */
const wheelLines = 3;

export interface ChatKeysInput {
	state: ChatState;
	dispatch: Dispatch<ChatAction>;
	layout: ChatLayout;
	transcript: {source: TranscriptSource; rows: number};
	history: {source: BlockSource; rows: number};
	/** Whether the input line is empty (←/→ then flip the last reply's alternatives). */
	composerEmpty: boolean;
	onStop: () => void;
	/** Asks again for the last reply. */
	onRegenerate: () => void;
	/** Starts the message cursor; false when it could not (a reply streams). */
	onSelectMessages: () => boolean;
	/** Makes the reply's neighbouring alternative current (-1: the one before). */
	onFlip: (replyId: number, direction: -1 | 1) => void;
	onNewSession: () => void;
	onSessions: () => void;
	queue: ChatQueue;
	/** Expands or collapses every reply's thinking. */
	onToggleThinking: () => void;
}

/** The messages typed while a reply streamed, waiting to be sent. */
export interface ChatQueue {
	/** Takes the last queued message back out (to edit it, or to drop it). */
	takeLast: () => string | undefined;
	/** Sends the next queued message now, if nothing streams. */
	sendNext: () => boolean;
}

const historyKeys = ['history.up', 'history.down', 'history.pageUp', 'history.pageDown', 'history.top', 'history.follow', 'history.back'] as const;
const chatKeys = [
	'chat.stop', 'chat.focus', 'chat.switchPane', 'chat.newSession', 'chat.sessions', 'chat.pageUp', 'chat.pageDown',
	'chat.lineUp', 'chat.lineDown', 'chat.previousMessage', 'chat.nextMessage', 'chat.top', 'chat.bottom', 'chat.sendQueued',
	'chat.thinking', 'chat.regenerate', 'chat.previousAlternative', 'chat.nextAlternative', 'chat.selectMessage',
] as const;

export function useChatKeys(input: ChatKeysInput): void {
	const {state, dispatch, layout, transcript, history} = input;
	const {streaming, focus, helpOpen} = state;

	const scrollHistory = (by: number) => {
		dispatch({type: 'historyScrolled', by, max: clampOffset(history.source, history.rows, state.historyOffset + Math.max(0, by))});
	};
	const scrollTranscript = (by: number) => {
		dispatch({type: 'transcriptScrolled', by, max: clampOffset(transcript.source, transcript.rows, state.transcriptOffset + Math.max(0, by))});
	};
	const jump = (direction: 'previous' | 'next') => {
		dispatch({type: 'transcriptScrolledTo', offset: messageJump(transcript.source, transcript.rows, state.transcriptOffset, direction)});
	};

	/** The wheel scrolls the pane under the pointer; a click on a pane gives it the focus. */
	const onMouse = (mouse: MouseEvent): boolean => {
		if (mouse.y >= (layout.transcript.height || layout.history.height)) return mouse.kind !== 'release';
		const overHistory = layout.history.width > 0 && (layout.transcript.width === 0 || mouse.x >= layout.transcript.width);
		switch (mouse.kind) {
			case 'wheelUp':
			case 'wheelDown': {
				const by = mouse.kind === 'wheelUp' ? wheelLines : -wheelLines;
				if (overHistory) scrollHistory(by);
				else scrollTranscript(by);
				return true;
			}
			case 'press': {
				if (overHistory !== (focus === 'history') && layout.mode === 'wide') dispatch({type: 'focusToggled'});
				return true;
			}
			case 'release': {
				return true;
			}
			default: {
				return assertNever(mouse.kind);
			}
		}
	};

	const historyPage = Math.max(1, history.rows - 1);
	useInputLayer('focus', {
		onKey(event) {
			const action = actionOf(historyKeys, event);
			switch (action) {
				case 'history.up': {
					scrollHistory(1);
					return true;
				}
				case 'history.down': {
					scrollHistory(-1);
					return true;
				}
				case 'history.pageUp': {
					scrollHistory(historyPage);
					return true;
				}
				case 'history.pageDown': {
					scrollHistory(-historyPage);
					return true;
				}
				case 'history.top': {
					scrollHistory(Number.MAX_SAFE_INTEGER);
					return true;
				}
				case 'history.follow': {
					dispatch({type: 'historyFollowed'});
					return true;
				}
				case 'history.back': {
					// While a reply streams, Esc stops it (the chat screen's binding).
					if (streaming) return false;
					dispatch({type: 'focusToggled'});
					return true;
				}
				case undefined: {
					return false;
				}
				default: {
					return assertNever(action);
				}
			}
		},
	}, focus === 'history' && !helpOpen);

	const transcriptPage = Math.max(1, transcript.rows - 1);
	const onScreenKey = (event: KeyEvent): boolean => {
		if (event.mouse) return onMouse(event.mouse);
		const action = actionOf(chatKeys, event);
		switch (action) {
			case 'chat.stop': {
				if (streaming) input.onStop();
				else if (state.editing !== null) dispatch({type: 'editCancelled'});
				else if (state.queued.length > 0) {
					const dropped = input.queue.takeLast();
					dispatch({type: 'noticeShown', text: `Dropped the queued message${dropped === undefined ? '' : ` "${dropped.length > 40 ? `${dropped.slice(0, 39)}…` : dropped}"`}.`});
				}
				return true;
			}
			case 'chat.sendQueued': {
				return state.queued.length > 0 && input.queue.sendNext();
			}
			case 'chat.regenerate': {
				input.onRegenerate();
				return true;
			}
			case 'chat.previousAlternative':
			case 'chat.nextAlternative': {
				// Only with an empty input line, and only where there is something to flip: otherwise ←/→ do nothing here.
				const reply = lastReply(transcript.source.shown);
				if (!input.composerEmpty || focus !== 'composer' || !reply || !alternativePosition(state.messages, reply.id)) return false;
				input.onFlip(reply.id, action === 'chat.previousAlternative' ? -1 : 1);
				return true;
			}
			case 'chat.selectMessage': {
				if (!input.onSelectMessages()) return true;
				const {shown} = transcript.source;
				const start = lastUserIndex(shown);
				revealMessage({state, dispatch, transcript}, start === -1 ? shown.length - 1 : start);
				return true;
			}
			case 'chat.focus': {
				dispatch({type: layout.mode === 'narrow' ? 'narrowPaneToggled' : 'focusToggled'});
				return true;
			}
			case 'chat.switchPane': {
				if (layout.mode === 'narrow') dispatch({type: 'narrowPaneToggled'});
				return true;
			}
			case 'chat.newSession': {
				input.onNewSession();
				return true;
			}
			case 'chat.sessions': {
				input.onSessions();
				return true;
			}
			case 'chat.pageUp': {
				scrollTranscript(transcriptPage);
				return true;
			}
			case 'chat.pageDown': {
				scrollTranscript(-transcriptPage);
				return true;
			}
			case 'chat.lineUp': {
				scrollTranscript(1);
				return true;
			}
			case 'chat.lineDown': {
				scrollTranscript(-1);
				return true;
			}
			case 'chat.previousMessage': {
				jump('previous');
				return true;
			}
			case 'chat.nextMessage': {
				jump('next');
				return true;
			}
			case 'chat.top': {
				scrollTranscript(Number.MAX_SAFE_INTEGER);
				return true;
			}
			case 'chat.bottom': {
				dispatch({type: 'transcriptFollowed'});
				return true;
			}
			case 'chat.thinking': {
				input.onToggleThinking();
				return true;
			}
			case undefined: {
				// '?' reaches here when the history pane has the focus.
				if (focus === 'history' && matches('composer.help', event)) {
					dispatch({type: 'helpToggled'});
					return true;
				}
				return false;
			}
			default: {
				return assertNever(action);
			}
		}
	};
	useInputLayer('screen', {onKey: onScreenKey}, !helpOpen);
}
