/**
 * The session picker, the app's first screen: reads only the page of sessions on screen
 * from the store, turns keys into picker state (pure reducer) and store calls, and hands
 * everything to the pure SessionPickerView.
 */

import type {Key} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import {blankKey} from '../../hooks/raw-input.js';
import {useRawInput} from '../../hooks/use-raw-input.js';
import type {SessionStore} from '../../store/types.js';
import {graphemes} from '../format.js';
import {cleanTyped} from './line-edit.js';
import {pickerIntent} from './picker-keys.js';
import {displayText, screenLines} from './picker-layout.js';
import {activeFilter, createPickerState, pickerReducer, viewport} from './picker-state.js';
import type {PickerAction, PickerState} from './picker-state.js';
import {errorText, readCounts, readPage, sessionAtRow} from './session-queries.js';
import {SessionPickerView} from './SessionPickerView.js';

export interface SessionPickerProps {
	store: SessionStore;
	user: string;
	/** The cells the picker may use; it draws exactly this area. */
	width: number;
	height: number;
	/** The model a new session will use, shown on the "+ New session" row. */
	modelLabel: string;
	/** A line shown in the footer when the picker appears (e.g. why the app came back here). */
	notice?: string;
	onOpen: (sessionId: string) => void;
	onNew: () => void;
	onQuit: () => void;
	/** False while something else (a help overlay) takes the keys. Default true. */
	isActive?: boolean;
}

/** Relative times ("5 min ago") are refreshed this often. */
const clockInterval = 30_000;

function useClock(): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => {
			setNow(Date.now());
		}, clockInterval);
		timer.unref();
		return () => {
			clearInterval(timer);
		};
	}, []);
	return now;
}

export function SessionPicker({store, user, width, height, modelLabel, notice, onOpen, onNew, onQuit, isActive = true}: SessionPickerProps) {
	const [state, setState] = useState<PickerState>(createPickerState);
	// Keys can arrive faster than renders (a paste, key repeat): each one must see the state the previous one made.
	const stateRef = useRef(state);
	const [revision, setRevision] = useState(0);
	// The app's notice shows until the next key; a different notice shows again.
	const [dismissedNotice, setDismissedNotice] = useState<string | undefined>();
	const showNotice = notice !== undefined && notice !== '' && notice !== dismissedNotice;
	const now = useClock();

	const lines = screenLines(height);
	const filter = activeFilter(state);
	const counts = useMemo(() => readCounts(store, {user, filter, revision}), [store, user, filter, revision]);
	const rows = counts.matching + 1;
	const view = viewport(state.selected, state.top, rows, lines.list);
	const offset = Math.max(0, view.top - 1);
	const limit = Math.max(0, lines.list - (view.top === 0 ? 1 : 0));
	const page = useMemo(() => readPage(store, {user, filter, revision, offset, limit}), [store, user, filter, revision, offset, limit]);

	const apply = (action: PickerAction) => {
		stateRef.current = pickerReducer(stateRef.current, action);
		setState(stateRef.current);
	};

	const fail = (error: unknown) => {
		apply({type: 'showMessage', message: {tone: 'error', text: errorText(error)}});
	};

	const saveInBackground = () => {
		store.save().catch(fail);
	};

	const selectedSession = () => {
		const current = viewport(stateRef.current.selected, stateRef.current.top, rows, lines.list);
		return sessionAtRow(store, user, activeFilter(stateRef.current), current.selected);
	};

	const selectedRow = () => viewport(stateRef.current.selected, stateRef.current.top, rows, lines.list).selected;

	/** Acts on one key; false once the picker has handed over to the app (open, new, quit). */
	const handleKey = (input: string, key: Key): boolean => {
		const current = stateRef.current;
		const intent = pickerIntent(current, input, key);
		try {
			switch (intent.type) {
				case 'navigate': {
					apply({type: 'navigate', to: intent.to, rows, visible: lines.list});
					break;
				}

				case 'open': {
					if (selectedRow() === 0) {
						onNew();
						return false;
					}

					const session = selectedSession();
					if (session) {
						onOpen(session.id);
						return false;
					}

					apply({type: 'showMessage', message: {tone: 'error', text: 'That session is gone (deleted elsewhere?). Pick another one.'}});
					break;
				}

				case 'new': {
					onNew();
					return false;
				}

				case 'quit': {
					onQuit();
					return false;
				}

				case 'startFilter': {
					apply({type: 'startFilter', text: intent.text});
					break;
				}

				case 'editFilter': {
					apply({type: 'editFilter', line: intent.line});
					break;
				}

				case 'clearFilter': {
					apply({type: 'clearFilter'});
					break;
				}

				case 'startRename': {
					const session = selectedSession();
					if (session) {
						apply({type: 'startRename', sessionId: session.id, title: displayText(session.title)});
					} else {
						apply({type: 'showMessage', message: {tone: 'info', text: 'Select a session (↓) to rename it.'}});
					}

					break;
				}

				case 'editRename': {
					apply({type: 'editRename', line: intent.line});
					break;
				}

				case 'submitRename': {
					if (current.mode.kind !== 'rename') {
						break;
					}

					const title = intent.title.trim();
					if (!title) {
						apply({type: 'showMessage', message: {tone: 'error', text: 'A session name cannot be empty: type a name, or press Esc to keep the old one.'}});
						break;
					}

					store.renameSession(current.mode.sessionId, title);
					apply({type: 'backToBrowse'});
					setRevision(value => value + 1);
					saveInBackground();
					break;
				}

				case 'askDelete': {
					const session = selectedSession();
					if (session) {
						apply({type: 'askDelete', sessionId: session.id, title: session.title, messageCount: session.messageCount});
					} else {
						apply({type: 'showMessage', message: {tone: 'info', text: 'Select a session (↓) to delete it.'}});
					}

					break;
				}

				case 'confirmDelete': {
					if (current.mode.kind !== 'confirmDelete') {
						break;
					}

					const {sessionId, title} = current.mode;
					store.deleteSession(sessionId);
					apply({type: 'backToBrowse'});
					apply({type: 'showMessage', message: {tone: 'info', text: `Deleted "${displayText(title) || '(untitled)'}".`}});
					setRevision(value => value + 1);
					saveInBackground();
					break;
				}

				case 'cancel': {
					apply({type: 'backToBrowse'});
					break;
				}

				case 'none': {
					break;
				}

				default: {
					return assertNever(intent);
				}
			}
		} catch (error) {
			apply({type: 'backToBrowse'});
			fail(error);
		}

		return true;
	};

	const handleInput = (input: string, key: Key) => {
		if (showNotice) {
			setDismissedNotice(notice);
		}

		// Keys read together ("jj" from key repeat or a fast sender) arrive as one run of text;
		// outside a text field every character is a key of its own.
		let rest = graphemes(input);
		while (rest.length > 1 && !inTextField(stateRef.current)) {
			if (!handleKey(rest[0]!, key)) {
				return;
			}

			rest = rest.slice(1);
		}

		handleKey(rest.join(''), key);
	};

	// A paste is text, never keys: in the list it starts a filter instead of moving around.
	const handlePaste = (text: string) => {
		const {mode} = stateRef.current;
		if (mode.kind === 'browse') {
			const typed = cleanTyped(text);
			if (typed) {
				apply({type: 'startFilter', text: typed});
			}
		} else if (inTextField(stateRef.current)) {
			handleKey(text, blankKey());
		}
	};

	useRawInput({onKey: handleInput, onPaste: handlePaste}, {isActive});

	const readError = counts.error ?? page.error;
	return (
		<SessionPickerView
			width={width}
			height={height}
			user={user}
			storePath={store.path}
			totalSessions={counts.total}
			matchingSessions={counts.matching}
			sessions={page.sessions}
			top={view.top}
			selected={view.selected}
			mode={state.mode}
			filter={filter}
			modelLabel={modelLabel}
			message={state.message ?? (showNotice ? {tone: 'info', text: notice} : undefined) ?? (readError ? {tone: 'error', text: readError} : undefined)}
			now={now}
		/>
	);
}

function inTextField(state: PickerState): boolean {
	return state.mode.kind === 'filter' || state.mode.kind === 'rename';
}

function assertNever(value: never): never {
	throw new Error(`Unhandled picker intent: ${JSON.stringify(value)}`);
}
