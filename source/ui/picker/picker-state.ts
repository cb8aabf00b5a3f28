/**
 * The session picker's screen state as a pure reducer. Row 0 is "+ New session", row i ≥ 1 is
 * the (i-1)-th session of the current (filtered) list. The store is not here: the container
 * passes the row count and the visible height with the actions that need them.
 */

import {assertNever} from '../../assert-never.js';
import {clamp} from '../../clamp.js';
import {leading} from '../format.js';
import type {LineState} from './line-edit.js';
import {lineAt, maxFieldLength} from './line-edit.js';
import type {Order} from './session-queries.js';

export type PickerMode =
	| {kind: 'browse'}
	| {kind: 'filter'; line: LineState}
	| {kind: 'rename'; sessionId: string; line: LineState}
	| {kind: 'confirmDelete'; sessionId: string; title: string; messageCount: number};

export interface PickerMessage {
	tone: 'info' | 'error';
	text: string;
}

export interface PickerState {
	mode: PickerMode;
	/** Selected row (0 = "+ New session"). May exceed the row count after a delete; see `viewport`. */
	selected: number;
	/** First visible row. */
	top: number;
	/** One line shown in the footer until the next key. */
	message: PickerMessage | undefined;
	/** How matches are ranked while filtering. */
	order: Order;
}

export type NavigateTo = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

export type PickerAction =
	| {type: 'navigate'; to: NavigateTo; rows: number; visible: number}
	| {type: 'startFilter'; text: string}
	| {type: 'editFilter'; line: LineState}
	| {type: 'clearFilter'}
	| {type: 'startRename'; sessionId: string; title: string}
	| {type: 'editRename'; line: LineState}
	| {type: 'askDelete'; sessionId: string; title: string; messageCount: number}
	| {type: 'backToBrowse'}
	| {type: 'showMessage'; message: PickerMessage}
	| {type: 'toggleOrder'};

export function createPickerState(): PickerState {
	return {mode: {kind: 'browse'}, selected: 0, top: 0, message: undefined, order: 'recent'};
}

/** The filter text the list is queried with ('' when not filtering). */
export function activeFilter(state: PickerState): string {
	return state.mode.kind === 'filter' ? state.mode.line.value.trim() : '';
}

/**
 * The selection and first visible row, clamped to `rows` rows shown `visible` at a time, with
 * the selection always on screen. Used both for rendering and before moving, so a stale state
 * (the list shrank after a delete or a resize) never shows a selection off screen.
 */
export function viewport(selected: number, top: number, rows: number, visible: number): {selected: number; top: number} {
	const lastRow = Math.max(0, rows - 1);
	const page = Math.max(1, visible);
	const nextSelected = clamp(selected, 0, lastRow);
	let nextTop = clamp(top, 0, Math.max(0, rows - page));
	if (nextSelected < nextTop) {
		nextTop = nextSelected;
	} else if (nextSelected >= nextTop + page) {
		nextTop = nextSelected - page + 1;
	}

	return {selected: nextSelected, top: nextTop};
}

function navigate(state: PickerState, to: NavigateTo, rows: number, visible: number): PickerState {
	const current = viewport(state.selected, state.top, rows, visible);
	const page = Math.max(1, visible - 1);
	let target: number;
	switch (to) {
		case 'up': {
			target = current.selected - 1;
			break;
		}

		case 'down': {
			target = current.selected + 1;
			break;
		}

		case 'pageUp': {
			target = current.selected - page;
			break;
		}

		case 'pageDown': {
			target = current.selected + page;
			break;
		}

		case 'home': {
			target = 0;
			break;
		}

		case 'end': {
			target = rows - 1;
			break;
		}

		default: {
			return assertNever(to);
		}
	}

	return {...state, ...viewport(target, current.top, rows, visible)};
}

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
	// A message stays until the next thing the user does.
	const base: PickerState = action.type === 'showMessage' ? state : {...state, message: undefined};
	switch (action.type) {
		case 'navigate': {
			return navigate(base, action.to, action.rows, action.visible);
		}

		case 'startFilter': {
			// Matches start at row 1, so Enter opens the best match rather than a new session.
			return {...base, mode: {kind: 'filter', line: lineAt(leading(action.text, maxFieldLength))}, selected: action.text ? 1 : 0, top: 0};
		}

		case 'editFilter': {
			if (base.mode.kind !== 'filter') {
				return base;
			}

			const changed = action.line.value.trim() !== base.mode.line.value.trim();
			return {
				...base,
				mode: {kind: 'filter', line: action.line},
				...(changed ? {selected: action.line.value.trim() ? 1 : 0, top: 0} : {}),
			};
		}

		case 'clearFilter': {
			return {...base, mode: {kind: 'browse'}, selected: 0, top: 0};
		}

		case 'startRename': {
			return {...base, mode: {kind: 'rename', sessionId: action.sessionId, line: lineAt(leading(action.title, maxFieldLength))}};
		}

		case 'editRename': {
			return base.mode.kind === 'rename' ? {...base, mode: {...base.mode, line: action.line}} : base;
		}

		case 'askDelete': {
			return {
				...base,
				mode: {kind: 'confirmDelete', sessionId: action.sessionId, title: action.title, messageCount: action.messageCount},
			};
		}

		case 'backToBrowse': {
			return {...base, mode: {kind: 'browse'}};
		}

		case 'showMessage': {
			return {...base, message: action.message};
		}

		case 'toggleOrder': {
			// The best match of the new ranking is selected, as after typing.
			return {...base, order: base.order === 'recent' ? 'relevance' : 'recent', selected: base.mode.kind === 'filter' ? 1 : base.selected, top: 0};
		}

		default: {
			return assertNever(action);
		}
	}
}
