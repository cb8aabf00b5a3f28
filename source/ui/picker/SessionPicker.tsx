/**
 * The session picker, the app's first screen: reads only the page of sessions on screen
 * from the store, turns keys into picker state (pure reducer) and store calls, and hands
 * everything to the pure SessionPickerView.
 */

import type {Key} from 'ink';
import {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {blankKey} from '../../hooks/raw-input.js';
import {useRawInput} from '../../hooks/use-raw-input.js';
import type {SessionStore} from '../../store/types.js';
import {graphemes} from '../text/index.js';
import {cleanTyped} from './line-edit.js';
import {pickerIntent} from './picker-keys.js';
import {runIntent} from './run-intent.js';
import {screenLines} from './picker-layout.js';
import {activeFilter, createPickerState, pickerReducer, viewport} from './picker-state.js';
import type {PickerAction, PickerState} from './picker-state.js';
import {errorText, readCounts, readPage, sessionAtRow} from './session-queries.js';
import type {Counts} from './session-queries.js';
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

/** More characters than this in one read are a paste, not keys typed together. */
const maxKeyBurst = 32;

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

	// Key handlers may run before the render that follows the previous key (and useRawInput
	// passes them on after commit), so they read props and counts through refs, never from
	// this render's closure.
	const live = useRef({store, user, height, onOpen, onNew, onQuit, notice: showNotice ? notice : undefined});
	useLayoutEffect(() => {
		live.current = {store, user, height, onOpen, onNew, onQuit, notice: showNotice ? notice : undefined};
	});
	const revisionRef = useRef(revision);
	const countsRef = useRef<{store: SessionStore; counts: Counts} | undefined>(undefined);

	const apply = (action: PickerAction) => {
		stateRef.current = pickerReducer(stateRef.current, action);
		setState(stateRef.current);
	};

	const fail = (error: unknown) => {
		apply({type: 'showMessage', message: {tone: 'error', text: errorText(error)}});
	};

	const changed = () => {
		revisionRef.current++;
		setRevision(revisionRef.current);
		live.current.store.save().catch(fail);
	};

	/** Rows of the list as it is now (the filter may have changed since the last render). */
	const currentRows = (): number => {
		const {store: currentStore, user: currentUser} = live.current;
		const query = {user: currentUser, filter: activeFilter(stateRef.current), revision: revisionRef.current};
		const cached = countsRef.current;
		if (cached?.store !== currentStore || cached.counts.query.user !== query.user || cached.counts.query.filter !== query.filter
			|| cached.counts.query.revision !== query.revision) {
			countsRef.current = {store: currentStore, counts: readCounts(currentStore, query)};
		}

		return countsRef.current!.counts.matching + 1;
	};

	const visibleRows = () => screenLines(live.current.height).list;

	const selectedRow = () => viewport(stateRef.current.selected, stateRef.current.top, currentRows(), visibleRows()).selected;

	const selectedSession = () => sessionAtRow(live.current.store, live.current.user, activeFilter(stateRef.current), selectedRow());

	/** Acts on one key; false once the picker has handed over to the app (open, new, quit). */
	const handleKey = (input: string, key: Key): boolean => {
		const {store: currentStore, onOpen: open, onNew: startNew, onQuit: quit} = live.current;
		try {
			return runIntent(pickerIntent(stateRef.current, input, key), {
				state: stateRef.current,
				store: currentStore,
				apply,
				rows: currentRows,
				visible: visibleRows(),
				selectedRow,
				selectedSession,
				changed,
				onOpen: open,
				onNew: startNew,
				onQuit: quit,
			});
		} catch (error) {
			apply({type: 'backToBrowse'});
			fail(error);
			return true;
		}
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

	const handleInput = (input: string, key: Key) => {
		if (live.current.notice !== undefined) {
			setDismissedNotice(live.current.notice);
		}

		// Keys read together ("jj" from key repeat or a fast sender) arrive as one run of text;
		// outside a text field every character is a key of its own. A long run is a paste from a
		// terminal without bracketed paste.
		if (input.length > maxKeyBurst) {
			handlePaste(input);
			return;
		}

		let rest = graphemes(input);
		while (rest.length > 1 && !inTextField(stateRef.current)) {
			if (!handleKey(rest[0]!, key)) {
				return;
			}

			rest = rest.slice(1);
		}

		handleKey(rest.join(''), key);
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

