/**
 * The session picker, the app's first screen: reads only the page of sessions on screen
 * from the store, turns keys into picker state (pure reducer) and store calls, and hands
 * everything to the pure SessionPickerView.
 */

import {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {useInputLayer} from '../../hooks/input-provider.js';
import type {KeyEvent} from '../../hooks/key-event.js';
import {keyEvent} from '../../hooks/key-event.js';
import type {SessionStore, SessionSummary} from '../../store/types.js';
import {cleanTyped} from './line-edit.js';
import {pickerIntent} from './picker-keys.js';
import {runIntent} from './run-intent.js';
import {footerLines, itemsOnScreen, rowHeight, screenLines} from './picker-layout.js';
import {activeFilter, createPickerState, pickerReducer, viewport} from './picker-state.js';
import type {PickerAction, PickerState} from './picker-state.js';
import {errorText, readPage} from './session-queries.js';
import type {ListQuery, Page} from './session-queries.js';
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

/**
 * Typed words are searched once typing pauses this long: each key shows in the field at once, and a burst of keys costs
 * one search (≤ 50 ms with 100,000 messages), not one per key. Clearing the filter lists everything at once.
 */
export const searchDelayMs = 120;

function useSettled(words: string): string {
	const [settled, setSettled] = useState(words);
	useEffect(() => {
		if (words === settled || words === '') return;
		const timer = setTimeout(() => {
			setSettled(words);
		}, searchDelayMs);
		return () => {
			clearTimeout(timer);
		};
	}, [words, settled]);
	return words === '' ? '' : settled;
}

/**
 * The page on screen: read for the viewport as it would be if the list were endless, then, once the count is known,
 * again only if the clamped viewport asks for another page (after a delete or a resize). Moving the selection within
 * the page reads nothing.
 */
function usePage(store: SessionStore, list: ListQuery, selected: number, top: number, visible: number): {page: Page; view: {selected: number; top: number}} {
	const {user, words, order, revision} = list;
	const bounds = (view: {top: number}) => ({offset: Math.max(0, view.top - 1), limit: Math.max(0, visible - (view.top === 0 ? 1 : 0))});
	const guess = bounds(viewport(selected, top, Number.MAX_SAFE_INTEGER, visible));
	const first = useMemo(
		() => readPage(store, {user, words, order, revision, offset: guess.offset, limit: guess.limit}),
		[store, user, words, order, revision, guess.offset, guess.limit],
	);
	const view = viewport(selected, top, first.matching + 1, visible);
	const real = bounds(view);
	const page = useMemo(
		() => (real.offset === first.query.offset && real.limit === first.query.limit ? first : readPage(store, {...first.query, offset: real.offset, limit: real.limit})),
		[store, first, real.offset, real.limit],
	);
	return {page, view};
}

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
	// The app's notice (and Agno rows that could not be read) shows until the next key; a different notice shows again.
	const [agnoNotice] = useState(() => {
		try {
			return store.agnoSkipped(user)?.notice;
		} catch {
			return undefined;
		}
	});
	const [dismissedNotice, setDismissedNotice] = useState<string | undefined>();
	const shownNotice = notice !== undefined && notice !== '' ? notice : agnoNotice;
	const showNotice = shownNotice !== undefined && shownNotice !== dismissedNotice;
	const now = useClock();

	// A message wraps onto up to three footer rows, taken from the list (a database error from the page below: one row).
	const footerMessage = state.message ?? (showNotice ? {tone: 'info' as const, text: shownNotice} : undefined);
	const lines = screenLines(height, footerMessage === undefined ? 1 : footerLines(footerMessage.text, width).length);
	const typed = activeFilter(state);
	const words = useSettled(typed);
	const visible = itemsOnScreen(lines.list, rowHeight(lines.list, words));
	const {page, view} = usePage(store, {user, words, order: state.order, revision}, state.selected, state.top, visible);

	// Key handlers may run before the render that follows the previous key, so they read props
	// and the list on screen through refs, never from this render's closure.
	const live = useRef({store, user, onOpen, onNew, onQuit, notice: showNotice ? shownNotice : undefined, page, visible});
	useLayoutEffect(() => {
		live.current = {store, user, onOpen, onNew, onQuit, notice: showNotice ? shownNotice : undefined, page, visible};
	});
	const revisionRef = useRef(revision);
	// Only asked when the user has no session at all (the empty state names whose sessions the file has instead).
	const empty = page.total === 0;
	const otherUsers = useMemo(() => {
		if (!empty) return [];
		try {
			return store.otherUsers(user);
		} catch {
			return [];
		}
	}, [empty, store, user]);

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

	/** Rows of the list on screen, "+ New session" included. */
	const currentRows = (): number => live.current.page.matching + 1;

	const selectedRow = () => viewport(stateRef.current.selected, stateRef.current.top, currentRows(), live.current.visible).selected;

	/**
	 * The session at the selected row of the list on screen; when words were typed since it was searched (Enter read
	 * with the text), of the list those words give now.
	 */
	const selectedSession = (): SessionSummary | undefined => {
		const row = selectedRow();
		if (row < 1) return undefined;
		const {page: shown, store: currentStore, user: currentUser} = live.current;
		const wanted = activeFilter(stateRef.current);
		if (wanted === shown.query.words && stateRef.current.order === shown.query.order) {
			const onScreen = shown.sessions[row - 1 - shown.query.offset];
			if (onScreen) return onScreen.session;
		}
		const fresh = readPage(currentStore, {user: currentUser, words: wanted, order: stateRef.current.order, revision: revisionRef.current, offset: row - 1, limit: 1});
		if (fresh.error !== undefined) throw new Error(fresh.error);
		return fresh.sessions[0]?.session;
	};

	/** Acts on one key; false when the key means nothing here (it goes on to global keys). */
	const handleKey = (event: KeyEvent): boolean => {
		const {store: currentStore, onOpen: open, onNew: startNew, onQuit: quit} = live.current;
		const intent = pickerIntent(stateRef.current, event);
		if (intent.type === 'none') return false;
		try {
			runIntent(intent, {
				state: stateRef.current,
				store: currentStore,
				apply,
				rows: currentRows,
				visible: live.current.visible,
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
		}
		return true;
	};

	// A paste is text, never keys: in the list it starts a filter.
	const handlePaste = (text: string): boolean => {
		const {mode} = stateRef.current;
		if (mode.kind === 'browse') {
			const typed = cleanTyped(text);
			if (typed) {
				apply({type: 'startFilter', text: typed});
			}
		} else if (mode.kind === 'filter' || mode.kind === 'rename') {
			handleKey(keyEvent(undefined, text));
		}
		return true;
	};

	useInputLayer('focus', {
		onKey(event) {
			if (live.current.notice !== undefined) {
				setDismissedNotice(live.current.notice);
			}
			return handleKey(event);
		},
		onPaste: handlePaste,
	}, isActive);

	return (
		<SessionPickerView
			width={width}
			height={height}
			user={user}
			storePath={store.path}
			totalSessions={page.total}
			otherUsers={otherUsers}
			matchingSessions={page.matching}
			sessions={page.sessions}
			top={view.top}
			selected={view.selected}
			mode={state.mode}
			filter={words}
			searching={typed !== words}
			order={state.order}
			modelLabel={modelLabel}
			message={footerMessage ?? (page.error === undefined ? undefined : {tone: 'error', text: page.error})}
			footerRows={lines.footerRows}
			now={now}
		/>
	);
}
