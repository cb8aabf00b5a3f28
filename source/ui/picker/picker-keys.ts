/**
 * What a key means on the picker screen in each mode, as a pure function. The container
 * turns the intent into state changes and store calls.
 */

import type {Key} from 'ink';
import {assertNever} from '../../assert-never.js';
import {isKey, keyBindings} from '../keys.js';
import type {LineState} from './line-edit.js';
import {cleanTyped, editLine, isTextInput} from './line-edit.js';
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
	| {type: 'none'};

const navigation: ReadonlyArray<[Parameters<typeof isKey>[0], NavigateTo]> = [
	['picker.up', 'up'],
	['picker.down', 'down'],
	['picker.pageUp', 'pageUp'],
	['picker.pageDown', 'pageDown'],
	['picker.home', 'home'],
	['picker.end', 'end'],
];

function navigationTarget(input: string, key: Key): NavigateTo | undefined {
	return navigation.find(([action]) => isKey(action, input, key))?.[1];
}

/** Keys with a meaning on this screen or everywhere (Ctrl+C, ?) never start a filter. */
function isCommandKey(input: string, key: Key): boolean {
	return keyBindings.some(binding => (binding.context === 'picker' || binding.context === 'global') && binding.match(input, key));
}

function browseIntent(input: string, key: Key): PickerIntent {
	const to = navigationTarget(input, key);
	if (to) {
		return {type: 'navigate', to};
	}

	if (isKey('picker.open', input, key)) {
		return {type: 'open'};
	}

	if (isKey('picker.new', input, key)) {
		return {type: 'new'};
	}

	if (isKey('picker.filter', input, key)) {
		return {type: 'startFilter', text: ''};
	}

	if (isKey('picker.rename', input, key)) {
		return {type: 'startRename'};
	}

	if (isKey('picker.delete', input, key)) {
		return {type: 'askDelete'};
	}

	if (isKey('picker.quit', input, key)) {
		return {type: 'quit'};
	}

	if (!isCommandKey(input, key) && isTextInput(input, key)) {
		return {type: 'startFilter', text: cleanTyped(input)};
	}

	return {type: 'none'};
}

export function pickerIntent(state: PickerState, input: string, key: Key): PickerIntent {
	const {mode} = state;
	switch (mode.kind) {
		case 'browse': {
			return browseIntent(input, key);
		}

		case 'filter': {
			if (isKey('picker.open', input, key)) {
				return {type: 'open'};
			}

			if (key.escape) {
				return {type: 'clearFilter'};
			}

			// Letters (j, k, …) are text here; only the non-text navigation keys move the list.
			const line = editLine(mode.line, input, key);
			if (line) {
				return {type: 'editFilter', line};
			}

			const to = navigationTarget(input, key);
			return to ? {type: 'navigate', to} : {type: 'none'};
		}

		case 'rename': {
			if (key.return) {
				return {type: 'submitRename', title: mode.line.value};
			}

			if (key.escape) {
				return {type: 'cancel'};
			}

			const line = editLine(mode.line, input, key);
			return line ? {type: 'editRename', line} : {type: 'none'};
		}

		case 'confirmDelete': {
			return !key.ctrl && (input === 'y' || input === 'Y') ? {type: 'confirmDelete'} : {type: 'cancel'};
		}

		default: {
			return assertNever(mode);
		}
	}
}
