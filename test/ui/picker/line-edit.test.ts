import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import stringWidth from 'string-width';
import {editLine, lineAt, lineWindow} from '../../../source/ui/picker/line-edit.js';
import type {LineState} from '../../../source/ui/picker/line-edit.js';

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (overrides: Partial<Key>): Key => ({...noKey, ...overrides});

function edit(line: LineState, ...steps: Array<string | Partial<Key>>): LineState {
	return steps.reduce<LineState>((current, step) => {
		const next = typeof step === 'string' ? editLine(current, step, noKey) : editLine(current, '', key(step));
		assert.ok(next, `step ${JSON.stringify(step)} is an editing key`);
		return next;
	}, line);
}

test('typing inserts at the cursor; arrows move by whole graphemes', () => {
	const line = edit(lineAt('ab'), {leftArrow: true}, 'X', {leftArrow: true}, {leftArrow: true}, {leftArrow: true}, '👩‍👩‍👧');
	assert.deepEqual(line, {value: '👩‍👩‍👧aXb', cursor: 1});
	assert.deepEqual(edit(line, {rightArrow: true}, {rightArrow: true}, {rightArrow: true}, {rightArrow: true}), {value: '👩‍👩‍👧aXb', cursor: 4});
});

test('Backspace erases to the left, Delete to the right, Ctrl+U to the start', () => {
	assert.deepEqual(edit(lineAt('日本語'), {backspace: true}), {value: '日本', cursor: 2});
	assert.deepEqual(edit(lineAt('ab'), {backspace: true}, {backspace: true}, {backspace: true}), {value: '', cursor: 0});
	assert.deepEqual(edit(lineAt('abc'), {leftArrow: true}, {leftArrow: true}, {delete: true}), {value: 'ac', cursor: 1});
	assert.deepEqual(edit(lineAt('abc'), {delete: true}), {value: 'abc', cursor: 3});
	assert.deepEqual(editLine({value: 'abcd', cursor: 2}, 'u', key({ctrl: true})), {value: 'cd', cursor: 0});
});

test('typed or pasted text loses controls, escapes and line breaks', () => {
	assert.deepEqual(edit(lineAt(''), 'a\u001B]52;c;aGk=\u0007b\nc\td\u0008'), {value: 'ab c d', cursor: 6});
});

test('non-editing keys are left to the caller', () => {
	for (const flags of [{upArrow: true}, {downArrow: true}, {return: true}, {escape: true}, {tab: true}, {pageDown: true}, {home: true}]) {
		assert.equal(editLine(lineAt('a'), '', key(flags)), undefined, JSON.stringify(flags));
	}

	assert.equal(editLine(lineAt('a'), 'x', key({ctrl: true})), undefined);
	assert.equal(editLine(lineAt('a'), 'x', key({meta: true})), undefined);
});

test('the window scrolls to keep the cursor visible within the width', () => {
	const long = lineAt('the quick brown fox jumps over the lazy dog');
	const end = lineWindow(long, 10);
	assert.equal(end.before, ' lazy dog');
	assert.equal(end.atCursor, ' ');
	assert.equal(stringWidth(end.before + end.atCursor + end.after), 10);
	const start = lineWindow({...long, cursor: 0}, 10);
	assert.deepEqual(start, {before: '', atCursor: 't', after: 'he quick '});
	const wide = lineWindow(lineAt('日本語日本語'), 5);
	assert.ok(stringWidth(wide.before + wide.atCursor + wide.after) <= 5);
	assert.equal(wide.before, '本語');
});
