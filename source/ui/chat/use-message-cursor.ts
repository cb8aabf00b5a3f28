/**
 * The message cursor's keys (Alt+E or /edit): move over the shown messages, edit one of the user's own into a fork,
 * flip a reply's alternatives, leave. At the focus layer while the cursor is on: the input line does not see them.
 */

import {useLayoutEffect, useRef} from 'react';
import type {Dispatch} from 'react';
import {assertNever} from '../../assert-never.js';
import {clamp} from '../../clamp.js';
import {useInputLayer} from '../../hooks/input-provider.js';
import type {ChatAction, ChatState} from '../../state/chat-state.js';
import {actionOf, keysLabel} from '../keys.js';
import {revealBlock} from './line-view.js';
import type {TranscriptSource} from './use-transcript-source.js';

export interface MessageCursorInput {
	state: ChatState;
	dispatch: Dispatch<ChatAction>;
	transcript: {source: TranscriptSource; rows: number};
	/** Makes the reply's neighbouring alternative current (-1: the one before). */
	onFlip: (replyId: number, direction: -1 | 1) => void;
}

const cursorKeys = ['messages.up', 'messages.down', 'messages.edit', 'messages.previousAlternative', 'messages.nextAlternative', 'messages.leave'] as const;

/** Scrolls the transcript so that shown message `index` is in view. */
export function revealMessage(input: Pick<MessageCursorInput, 'state' | 'dispatch' | 'transcript'>, index: number): void {
	const {source, rows} = input.transcript;
	if (index < 0 || index >= source.shown.length) return;
	const offset = revealBlock(source, rows, input.state.transcriptOffset, index);
	if (offset !== input.state.transcriptOffset) input.dispatch({type: 'transcriptScrolledTo', offset});
}

export function useMessageCursor(input: MessageCursorInput): void {
	const {state, dispatch, transcript} = input;
	// Keys read together arrive before the render that follows each one: the cursor moves here first, and the state
	// (the same move, made by the reducer) catches up.
	const cursor = useRef(state.cursor);
	useLayoutEffect(() => {
		cursor.current = state.cursor;
	}, [state.cursor]);
	useInputLayer('focus', {
		onKey(event) {
			const {shown} = transcript.source;
			const at = shown.findIndex(message => message.id === cursor.current);
			const message = shown[at];
			const action = actionOf(cursorKeys, event);
			switch (action) {
				case 'messages.up':
				case 'messages.down': {
					const by = action === 'messages.up' ? -1 : 1;
					const next = clamp(at + by, 0, shown.length - 1);
					cursor.current = shown[next]?.id ?? cursor.current;
					dispatch({type: 'cursorMoved', by});
					revealMessage(input, next);
					return true;
				}
				case 'messages.edit': {
					if (message?.role === 'user') dispatch({type: 'editStarted', editing: {kind: 'fork', messageId: message.id}, text: message.content});
					else dispatch({type: 'noticeShown', text: `Only your own messages can be edited; on a reply, ${keysLabel('messages.previousAlternative')} and ${keysLabel('messages.nextAlternative')} flip its alternatives.`});
					return true;
				}
				case 'messages.previousAlternative':
				case 'messages.nextAlternative': {
					if (message?.role === 'assistant') input.onFlip(message.id, action === 'messages.previousAlternative' ? -1 : 1);
					return true;
				}
				case 'messages.leave': {
					dispatch({type: 'cursorLeft'});
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
	}, state.cursor !== null && !state.helpOpen && state.dialog === null);
}
