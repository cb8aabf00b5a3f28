/**
 * What a key means on the picker screen in each mode, as a pure function. The container
 * turns the intent into state changes and store calls.
 *
 * Typing filters at once: every printable key is text (like fzf); commands sit on keys that
 * cannot collide with typing (Enter, Ctrl+N, Ctrl+R, Delete/Ctrl+D, Esc, Tab).
 */

import {assertNever} from '../../assert-never.js';
import type {KeyEvent} from '../../hooks/key-event.js';
import {isText} from '../../hooks/key-event.js';
import {actionOf, matches} from '../keys.js';
import type {LineState} from './line-edit.js';
import {cleanTyped, editLine} from './line-edit.js';
import type {NavigateTo, PickerState} from './picker-state.js';

export type PickerIntent =
	| {type: 'navigate'; to: NavigateTo}
	| {type: 'open'}
	| {type: 'new'}
	| {type: 'quit'}
	| {type: 'startFilter'; text: string}
	| {type: 'editFilter'; line: LineState}
	| {type: 'clearFilter'}
	| {type: 'startRename'}
	| {type: 'editRename'; line: LineState}
	| {type: 'submitRename'; title: string}
	| {type: 'cancel'}
	| {type: 'askDelete'}
	| {type: 'confirmDelete'}
	| {type: 'toggleOrder'}
	| {type: 'none'};

const navigation = {
	'picker.up': 'up',
	'picker.down': 'down',
	'picker.pageUp': 'pageUp',
	'picker.pageDown': 'pageDown',
	'picker.home': 'home',
	'picker.end': 'end',
} as const satisfies Record<string, NavigateTo>;

const listActions = [...Object.keys(navigation) as Array<keyof typeof navigation>, 'picker.open', 'picker.new', 'picker.rename', 'picker.delete', 'picker.back', 'picker.order'] as const;

/** Keys of the list, the same with or without a filter; undefined when the key is not one. */
function listIntent(state: PickerState, event: KeyEvent): PickerIntent | undefined {
	const action = actionOf(listActions, event);
	switch (action) {
		case undefined: {
			return undefined;
		}
		case 'picker.open': {
			return {type: 'open'};
		}
		case 'picker.new': {
			return {type: 'new'};
		}
		case 'picker.rename': {
			return {type: 'startRename'};
		}
		case 'picker.delete': {
			return {type: 'askDelete'};
		}
		case 'picker.back': {
			return state.mode.kind === 'filter' ? {type: 'clearFilter'} : {type: 'quit'};
		}
		case 'picker.order': {
			// Without words every session is listed by recency: there is nothing to rank.
			return state.mode.kind === 'filter' ? {type: 'toggleOrder'} : {type: 'none'};
		}
		case 'picker.up':
		case 'picker.down':
		case 'picker.pageUp':
		case 'picker.pageDown':
		case 'picker.home':
		case 'picker.end': {
			return {type: 'navigate', to: navigation[action]};
		}
		default: {
			return assertNever(action);
		}
	}
}

export function pickerIntent(state: PickerState, event: KeyEvent): PickerIntent {
	const {mode} = state;
	switch (mode.kind) {
		case 'browse': {
			const intent = listIntent(state, event);
			if (intent) return intent;
			const text = isText(event) ? cleanTyped(event.text) : '';
			return text ? {type: 'startFilter', text} : {type: 'none'};
		}

		case 'filter': {
			const line = editLine(mode.line, event);
			if (line) return {type: 'editFilter', line};
			return listIntent(state, event) ?? {type: 'none'};
		}

		case 'rename': {
			if (matches('field.submit', event)) return {type: 'submitRename', title: mode.line.value};
			if (matches('field.cancel', event)) return {type: 'cancel'};
			const line = editLine(mode.line, event);
			return line ? {type: 'editRename', line} : {type: 'none'};
		}

		case 'confirmDelete': {
			return matches('picker.confirm', event) ? {type: 'confirmDelete'} : {type: 'cancel'};
		}

		default: {
			return assertNever(mode);
		}
	}
}
