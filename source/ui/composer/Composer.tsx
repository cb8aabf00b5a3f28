/**
 * The message input at the bottom of the chat view: multi-line editing with wrapping,
 * history recall, and bracketed paste (a pasted newline never sends).
 *
 * Keys and pastes come from the app's input provider, at the focus layer while focused: keys it
 * does not use (Esc, Tab, PgUp …) go on to the chat screen.
 */

import {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {useInputLayer} from '../../hooks/input-provider.js';
import type {KeyEvent} from '../../hooks/key-event.js';
import {editorWithText, emptyEditor, insert, layout as layoutEditor} from './editor.js';
import {matches} from '../keys.js';
import type {EditorState} from './editor.js';
import {cleanInput, composerKey} from './key-map.js';
import {scrollTop} from './layout.js';
import {sanitize, textWidth, truncateEnd} from '../text/index.js';
import {ComposerView} from './ComposerView.js';
import {assertNever} from '../../assert-never.js';

export interface ComposerProps {
	/** Shown as the prompt, e.g. `ada › `. */
	user: string;
	/** Columns available, prompt included. */
	width: number;
	/** Most visual rows shown; longer text scrolls to keep the cursor in view. */
	maxRows: number;
	/** When false, keys and pastes are ignored and the prompt is dim. */
	focused: boolean;
	/** Earlier inputs, oldest first, recalled with ↑/↓. */
	history: readonly string[];
	placeholder?: string;
	/**
	 * Enter with non-blank text: the trimmed text. The composer then clears itself, unless this
	 * returns false (the parent refused it, e.g. a reply is still streaming): the text stays.
	 */
	onSubmit: (text: string) => unknown;
	/** '?' typed into an empty composer. Without it, '?' is typed like any other character. */
	onHelp?: () => void;
	/** The number of screen rows the composer takes (1 to maxRows), whenever it changes. */
	onHeightChange?: (rows: number) => void;
	/** Whether the input line is empty, whenever that changes. */
	onEmptyChange?: (empty: boolean) => void;
	/** ↑ in an empty input line: a queued message to edit again, taken out of the queue (before earlier inputs are recalled). */
	onRecallQueued?: () => string | undefined;
	/** Text to put in the input line in place of what is there (an earlier message to edit): each new object once. */
	draft?: {text: string} | null;
}

const defaultPlaceholder = 'Message — Enter to send, Alt+Enter for a new line, /help';

/** The user's name as the prompt shows it: at most a third of the width, at most 20 columns. */
function promptName(rawUser: string, width: number): string {
	return truncateEnd(sanitize(rawUser).replaceAll(/\s/g, ' '), Math.max(1, Math.min(20, Math.floor(width / 3))));
}

export function Composer(props: ComposerProps) {
	const {user, width, maxRows, focused, history, placeholder = defaultPlaceholder, onSubmit, onHelp, onHeightChange, onEmptyChange, onRecallQueued, draft} = props;
	const [state, setState] = useState<EditorState>(emptyEditor);
	// Events can arrive several per tick (a typed burst, text then Enter): each must see the
	// previous one's result, so the ref is the source of truth and the state only re-renders.
	const current = useRef(state);

	const name = promptName(user, width);
	const gutterWidth = textWidth(name) + 3;
	const fieldWidth = Math.max(2, width - gutterWidth);
	const wrapWidth = fieldWidth - 1;
	const layout = useMemo(() => layoutEditor(state, wrapWidth), [state, wrapWidth]);

	const [top, setTop] = useState(0);
	const nextTop = scrollTop(top, layout.cursorRow, layout.rows.length, maxRows);
	if (nextTop !== top) {
		// Adjusting state while rendering, from the previous render's value (React's documented pattern).
		setTop(nextTop);
	}

	const height = state.text === '' ? 1 : Math.min(layout.rows.length, Math.max(1, maxRows));
	useEffect(() => {
		onHeightChange?.(height);
	}, [height, onHeightChange]);
	const empty = state.text === '';
	useEffect(() => {
		onEmptyChange?.(empty);
	}, [empty, onEmptyChange]);

	// A new draft replaces the text: in state while rendering (React's pattern for adjusting state to a prop), in the ref
	// the key handlers read right after the commit.
	const [seenDraft, setSeenDraft] = useState(draft);
	if (draft !== seenDraft) {
		setSeenDraft(draft);
		if (draft) setState(editorWithText(draft.text));
	}
	useLayoutEffect(() => {
		if (draft) current.current = editorWithText(draft.text);
	}, [draft]);

	const update = (next: EditorState): void => {
		if (next !== current.current) {
			current.current = next;
			setState(next);
		}
	};

	/** Acts on a key; false leaves it to the screen. */
	const handleKey = (event: KeyEvent): boolean => {
		if (current.current.text === '' && matches('composer.up', event)) {
			const queued = onRecallQueued?.();
			if (queued !== undefined) {
				update(editorWithText(queued));
				return true;
			}
		}
		const outcome = composerKey(current.current, event, {width: wrapWidth, history, helpOnQuestionMark: onHelp !== undefined});
		switch (outcome.kind) {
			case 'edit': {
				update(outcome.state);
				return true;
			}
			case 'submit': {
				if (onSubmit(outcome.text) !== false) {
					update(outcome.state);
				}
				return true;
			}
			case 'help': {
				onHelp?.();
				return true;
			}
			case 'ignore': {
				return false;
			}
			default: {
				return assertNever(outcome);
			}
		}
	};

	useInputLayer('focus', {
		onKey: handleKey,
		onPaste(text) {
			const clean = cleanInput(text);
			if (clean !== '') update(insert(current.current, clean));
			return true;
		},
	}, focused);

	return (
		<ComposerView
			name={name}
			gutterWidth={gutterWidth}
			textWidth={fieldWidth}
			text={state.text}
			cursor={state.cursor}
			layout={layout}
			top={nextTop}
			maxRows={maxRows}
			focused={focused}
			placeholder={placeholder}
		/>
	);
}
