import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {keyEvent} from '../../../source/hooks/key-event.js';
import type {KeyName} from '../../../source/hooks/key-event.js';
import {lineAt} from '../../../source/ui/picker/line-edit.js';
import {pickerIntent} from '../../../source/ui/picker/picker-keys.js';
import {activeFilter, createPickerState, pickerReducer, viewport} from '../../../source/ui/picker/picker-state.js';
import type {PickerAction, PickerState} from '../../../source/ui/picker/picker-state.js';

const press = (name: KeyName) => keyEvent(name);
const type = (text: string) => keyEvent(undefined, text);
const ctrl = (letter: string) => keyEvent(undefined, letter, {ctrl: true});

function run(state: PickerState, ...actions: PickerAction[]): PickerState {
	return actions.reduce(pickerReducer, state);
}

describe('viewport', () => {
	test('keeps the selection on screen and the window inside the list', () => {
		assert.deepEqual(viewport(0, 0, 100, 10), {selected: 0, top: 0});
		assert.deepEqual(viewport(15, 0, 100, 10), {selected: 15, top: 6});
		assert.deepEqual(viewport(3, 6, 100, 10), {selected: 3, top: 3});
		assert.deepEqual(viewport(99, 95, 100, 10), {selected: 99, top: 90});
	});

	test('clamps a selection past the end (after a delete) and a window past the end (after a resize)', () => {
		assert.deepEqual(viewport(12, 5, 10, 4), {selected: 9, top: 6});
		assert.deepEqual(viewport(2, 8, 5, 10), {selected: 2, top: 0});
		assert.deepEqual(viewport(4, 0, 1, 10), {selected: 0, top: 0});
	});
});

describe('pickerReducer navigation', () => {
	const rows = 1001;
	const visible = 20;
	const go = (to: 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end'): PickerAction => ({type: 'navigate', to, rows, visible});

	test('up and down move one row and stop at the ends', () => {
		const state = run(createPickerState(), go('up'), go('down'), go('down'));
		assert.equal(state.selected, 2);
		assert.equal(run(state, go('up'), go('up'), go('up')).selected, 0);
	});

	test('page keys jump by a page less one row, End and Home go to the ends', () => {
		const paged = run(createPickerState(), go('pageDown'));
		assert.equal(paged.selected, 19);
		assert.equal(paged.top, 0);
		const twice = run(paged, go('pageDown'));
		assert.equal(twice.selected, 38);
		assert.equal(twice.top, 19);
		const end = run(twice, go('end'));
		assert.deepEqual([end.selected, end.top], [1000, 981]);
		assert.deepEqual([run(end, go('pageUp')).selected, run(end, go('home')).selected], [981, 0]);
	});

	test('a message stays until the next action', () => {
		const state = run(createPickerState(), {type: 'showMessage', message: {tone: 'info', text: 'Session not found.'}});
		assert.equal(state.message?.text, 'Session not found.');
		assert.equal(run(state, go('down')).message, undefined);
	});
});

describe('pickerReducer modes', () => {
	test('filtering selects the first match, clearing it returns to the top', () => {
		const filtering = run(createPickerState(), {type: 'startFilter', text: 'a'});
		assert.equal(activeFilter(filtering), 'a');
		assert.equal(filtering.selected, 1);
		const edited = run(filtering, {type: 'navigate', to: 'down', rows: 10, visible: 5}, {type: 'editFilter', line: lineAt('ab')});
		assert.equal(edited.selected, 1);
		const emptied = run(edited, {type: 'editFilter', line: lineAt('')});
		assert.equal(emptied.selected, 0);
		assert.equal(emptied.mode.kind, 'filter');
		const cleared = run(edited, {type: 'clearFilter'});
		assert.equal(cleared.mode.kind, 'browse');
		assert.equal(activeFilter(cleared), '');
	});

	test('moving the cursor in the filter keeps the selection', () => {
		const state = run(createPickerState(), {type: 'startFilter', text: 'ab'}, {type: 'navigate', to: 'down', rows: 10, visible: 5});
		const moved = run(state, {type: 'editFilter', line: {value: 'ab', cursor: 1}});
		assert.equal(moved.selected, 2);
	});

	test('rename and delete modes end with backToBrowse', () => {
		const renaming = run(createPickerState(), {type: 'startRename', sessionId: 's1', title: 'Old'});
		assert.deepEqual(renaming.mode, {kind: 'rename', sessionId: 's1', line: {value: 'Old', cursor: 3}});
		const edited = run(renaming, {type: 'editRename', line: lineAt('New')});
		assert.equal(edited.mode.kind === 'rename' && edited.mode.line.value, 'New');
		assert.equal(run(edited, {type: 'backToBrowse'}).mode.kind, 'browse');
		const asking = run(createPickerState(), {type: 'askDelete', sessionId: 's1', title: 'T', messageCount: 3});
		assert.equal(asking.mode.kind, 'confirmDelete');
	});
});

describe('pickerIntent', () => {
	const browse = createPickerState();

	test('list keys: arrows and page keys move, Enter opens, commands sit on keys that cannot be typed', () => {
		assert.deepEqual(pickerIntent(browse, press('down')), {type: 'navigate', to: 'down'});
		assert.deepEqual(pickerIntent(browse, press('up')), {type: 'navigate', to: 'up'});
		assert.deepEqual(pickerIntent(browse, press('end')), {type: 'navigate', to: 'end'});
		assert.deepEqual(pickerIntent(browse, press('enter')), {type: 'open'});
		assert.deepEqual(pickerIntent(browse, ctrl('n')), {type: 'new'});
		assert.deepEqual(pickerIntent(browse, ctrl('r')), {type: 'startRename'});
		assert.deepEqual(pickerIntent(browse, press('delete')), {type: 'askDelete'});
		assert.deepEqual(pickerIntent(browse, ctrl('d')), {type: 'askDelete'});
		assert.deepEqual(pickerIntent(browse, press('escape')), {type: 'quit'});
	});

	test('every printable key filters, none runs a command or quits', () => {
		for (const text of ['q', 'n', 'r', 'd', 'j', 'k', '/', '?', 'x', 'é', 'query', 'delta']) {
			assert.deepEqual(pickerIntent(browse, type(text)), {type: 'startFilter', text}, text);
		}
		assert.deepEqual(pickerIntent(browse, ctrl('c')), {type: 'none'});
		assert.deepEqual(pickerIntent(browse, press('tab')), {type: 'none'});
	});

	test('while filtering letters are text, arrows move, Esc clears, Enter opens, commands still work', () => {
		const filtering = run(browse, {type: 'startFilter', text: 'a'});
		assert.deepEqual(pickerIntent(filtering, type('j')), {type: 'editFilter', line: {value: 'aj', cursor: 2}});
		assert.deepEqual(pickerIntent(filtering, press('backspace')), {type: 'editFilter', line: {value: '', cursor: 0}});
		assert.deepEqual(pickerIntent(filtering, press('down')), {type: 'navigate', to: 'down'});
		assert.deepEqual(pickerIntent(filtering, press('pagedown')), {type: 'navigate', to: 'pageDown'});
		assert.deepEqual(pickerIntent(filtering, press('escape')), {type: 'clearFilter'});
		assert.deepEqual(pickerIntent(filtering, press('enter')), {type: 'open'});
		assert.deepEqual(pickerIntent(filtering, ctrl('r')), {type: 'startRename'});
		assert.deepEqual(pickerIntent(filtering, press('delete')), {type: 'askDelete'});
		assert.deepEqual(pickerIntent(filtering, press('tab')), {type: 'toggleOrder'});
	});

	test('Tab ranks matches the other way and selects the best one; without a filter it does nothing', () => {
		const filtering = run(browse, {type: 'startFilter', text: 'rust'}, {type: 'navigate', to: 'down', rows: 10, visible: 5});
		assert.equal(filtering.order, 'recent');
		const ranked = run(filtering, {type: 'toggleOrder'});
		assert.equal(ranked.order, 'relevance');
		assert.equal(ranked.selected, 1);
		assert.equal(run(ranked, {type: 'toggleOrder'}).order, 'recent');
	});

	test('rename mode edits, saves on Enter, cancels on Esc; confirm takes y only', () => {
		const renaming = run(browse, {type: 'startRename', sessionId: 's1', title: 'Ol'});
		assert.deepEqual(pickerIntent(renaming, type('d')), {type: 'editRename', line: {value: 'Old', cursor: 3}});
		assert.deepEqual(pickerIntent(renaming, press('enter')), {type: 'submitRename', title: 'Ol'});
		assert.deepEqual(pickerIntent(renaming, press('escape')), {type: 'cancel'});
		assert.deepEqual(pickerIntent(renaming, press('up')), {type: 'none'});
		const asking = run(browse, {type: 'askDelete', sessionId: 's1', title: 'T', messageCount: 1});
		assert.deepEqual(pickerIntent(asking, type('y')), {type: 'confirmDelete'});
		assert.deepEqual(pickerIntent(asking, keyEvent(undefined, 'Y', {shift: true})), {type: 'confirmDelete'});
		assert.deepEqual(pickerIntent(asking, type('n')), {type: 'cancel'});
		assert.deepEqual(pickerIntent(asking, press('enter')), {type: 'cancel'});
	});
});
