/**
 * Keys for reading: zoom (the transcript alone) and the find bar. They come before the panes' keys: while the bar is
 * being typed in it takes the keys that edit it, and Esc closes the bar before it leaves the zoom. Scrolling keys
 * (PgUp, Home, Alt+↑ …) pass on to the chat screen, so they work the same zoomed or searching.
 */
import type {Dispatch} from 'react';
import {useInputLayer} from '../../hooks/input-provider.js';
import {isText, keyEvent} from '../../hooks/key-event.js';
import type {KeyEvent} from '../../hooks/key-event.js';
import type {ChatAction, ChatState} from '../../state/chat-state.js';
import {matches} from '../keys.js';
import {editLine, lineAt} from '../picker/line-edit.js';
import {revealOffset} from './find-matches.js';
import {clampOffset} from './line-view.js';
import type {BlockSource} from './line-view.js';
import {totalLines} from './use-find.js';
import type {FoundText} from './use-find.js';

export interface ReadingKeysInput {
	state: ChatState;
	dispatch: Dispatch<ChatAction>;
	/** The transcript as searched, and the rows it shows. */
	transcript: {source: BlockSource; rows: number};
	found: FoundText;
	/** False while something else (help, a dialog) has the screen. */
	active: boolean;
}

export function useReadingKeys({state, dispatch, transcript, found, active}: ReadingKeysInput): void {
	const {find, zoomed} = state;

	const jump = (direction: 1 | -1): void => {
		const {matches: all, current} = found;
		if (current === undefined) return;
		const next = (current + direction + all.length) % all.length;
		const offset = revealOffset(all[next]!.fromBottom, state.transcriptOffset, transcript.rows, totalLines(transcript.source));
		dispatch({type: 'findMoved', current: next, offset});
	};

	const findKey = (event: KeyEvent): boolean | undefined => {
		if (!find) return undefined;
		if (matches('find.close', event)) {
			dispatch({type: 'findClosed'});
			return true;
		}

		// Enter and Shift+Enter are named keys: n and N are text while typing.
		const named = find.editing ? event.name !== undefined : true;
		if (named && matches('find.next', event)) {
			jump(1);
			return true;
		}

		if (named && matches('find.previous', event)) {
			jump(-1);
			return true;
		}

		if (find.editing) {
			const line = editLine({value: find.query, cursor: find.cursor}, event);
			if (line) {
				if (line.value !== find.query || line.cursor !== find.cursor) dispatch({type: 'findTyped', query: line.value, cursor: line.cursor});
				return true;
			}

			// Typed keys never reach the hidden input line.
			return isText(event) || undefined;
		}

		if (matches('find.edit', event)) {
			dispatch({type: 'findOpened', query: find.query, cursor: lineAt(find.query).cursor, editing: true});
			return true;
		}

		// Zoomed, the zoom's own keys (q, k, j) come next.
		return (isText(event) && !zoomed) || undefined;
	};

	const zoomKey = (event: KeyEvent): boolean | undefined => {
		if (!zoomed) return undefined;
		if (matches('zoom.leave', event)) {
			dispatch({type: 'zoomToggled'});
			return true;
		}

		const by = matches('zoom.up', event) ? 1 : matches('zoom.down', event) ? -1 : 0;
		if (by !== 0) {
			dispatch({type: 'transcriptScrolled', by, max: clampOffset(transcript.source, transcript.rows, state.transcriptOffset + Math.max(0, by))});
			return true;
		}

		// The panes are hidden: moving the focus between them would do nothing visible.
		if (matches('chat.focus', event) || matches('chat.switchPane', event)) return true;
		return isText(event) || undefined;
	};

	useInputLayer('overlay', {
		onKey(event) {
			if (event.mouse) return false;
			if (matches('chat.zoom', event)) {
				dispatch({type: 'zoomToggled'});
				return true;
			}

			if (matches('chat.find', event) && !find?.editing) {
				const query = find?.query ?? '';
				dispatch({type: 'findOpened', query, cursor: lineAt(query).cursor, editing: true});
				return true;
			}

			return findKey(event) ?? zoomKey(event) ?? false;
		},
		onPaste(text) {
			if (!find?.editing) return zoomed;
			const line = editLine({value: find.query, cursor: find.cursor}, keyEvent(undefined, text));
			if (line) dispatch({type: 'findTyped', query: line.value, cursor: line.cursor});
			return true;
		},
	}, active);
}
