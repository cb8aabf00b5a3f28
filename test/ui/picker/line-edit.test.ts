import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {keyEvent} from '../../../source/hooks/key-event.js';
import type {KeyName} from '../../../source/hooks/key-event.js';
import {editLine, lineAt, lineWindow} from '../../../source/ui/picker/line-edit.js';
import type {LineState} from '../../../source/ui/picker/line-edit.js';

type Step = string | {key: KeyName} | {ctrl: string};

function event(step: Step) {
	if (typeof step === 'string') return keyEvent(undefined, step);
	return 'key' in step ? keyEvent(step.key) : keyEvent(undefined, step.ctrl, {ctrl: true});
}

function edit(line: LineState, ...steps: Step[]): LineState {
	return steps.reduce<LineState>((current, step) => {
		const next = editLine(current, event(step));
		assert.ok(next, `step ${JSON.stringify(step)} is an editing key`);
		return next;
	}, line);
}

const left = {key: 'left'} as const;
const right = {key: 'right'} as const;
const backspace = {key: 'backspace'} as const;

test('typing inserts at the cursor; arrows move by whole graphemes', () => {
	const line = edit(lineAt('ab'), left, 'X', left, left, left, '👩‍👩‍👧');
	assert.deepEqual(line, {value: '👩‍👩‍👧aXb', cursor: 1});
	assert.deepEqual(edit(line, right, right, right, right), {value: '👩‍👩‍👧aXb', cursor: 4});
	assert.deepEqual(edit(line, {ctrl: 'e'}), {value: '👩‍👩‍👧aXb', cursor: 4});
	assert.deepEqual(edit(line, {ctrl: 'a'}), {value: '👩‍👩‍👧aXb', cursor: 0});
});

test('Backspace erases to the left, Ctrl+W a word, Ctrl+U to the start', () => {
	assert.deepEqual(edit(lineAt('日本語'), backspace), {value: '日本', cursor: 2});
	assert.deepEqual(edit(lineAt('ab'), backspace, backspace, backspace), {value: '', cursor: 0});
	assert.deepEqual(edit(lineAt('keep drop it  '), {ctrl: 'w'}, {ctrl: 'w'}), {value: 'keep ', cursor: 5});
	assert.deepEqual(edit({value: 'abcd', cursor: 2}, {ctrl: 'u'}), {value: 'cd', cursor: 0});
});

test('typed or pasted text loses controls, escapes and line breaks', () => {
	assert.deepEqual(edit(lineAt(''), 'a\u001B]52;c;aGk=\u0007b\nc\td\u0008'), {value: 'ab c d', cursor: 6});
});

test('non-editing keys are left to the caller', () => {
	for (const name of ['up', 'down', 'enter', 'escape', 'tab', 'pagedown', 'home', 'delete'] as const) {
		assert.equal(editLine(lineAt('a'), keyEvent(name)), undefined, name);
	}

	assert.equal(editLine(lineAt('a'), keyEvent(undefined, 'x', {ctrl: true})), undefined);
	assert.equal(editLine(lineAt('a'), keyEvent(undefined, 'x', {meta: true})), undefined);
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
