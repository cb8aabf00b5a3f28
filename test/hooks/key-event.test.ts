import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {isText, keyEvent, toKeyEvents} from '../../source/hooks/key-event.js';

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};
const ink = (input: string, flags: Partial<Key> = {}) => toKeyEvents(input, {...noKey, ...flags});

test('Ink key flags become named keys with their modifiers', () => {
	assert.deepEqual(ink('', {upArrow: true}), [keyEvent('up')]);
	assert.deepEqual(ink('', {upArrow: true, shift: true}), [keyEvent('up', '', {shift: true})]);
	assert.deepEqual(ink('', {home: true, ctrl: true}), [keyEvent('home', '', {ctrl: true})]);
	assert.deepEqual(ink('\r', {return: true, meta: true}), [keyEvent('enter', '', {meta: true})]);
	assert.deepEqual(ink('', {tab: true, shift: true}), [keyEvent('tab', '', {shift: true})]);
	assert.deepEqual(ink('', {backspace: true}), [keyEvent('backspace')]);
	assert.deepEqual(ink('', {delete: true}), [keyEvent('delete')]);
	assert.deepEqual(ink('', {escape: true}), [keyEvent('escape')]);
});

test('chords keep their letter; Ctrl+J (a bare line feed) and Ctrl+Space are named as such', () => {
	assert.deepEqual(ink('c', {ctrl: true}), [keyEvent(undefined, 'c', {ctrl: true})]);
	assert.deepEqual(ink('b', {meta: true}), [keyEvent(undefined, 'b', {meta: true})]);
	assert.deepEqual(ink('\n'), [keyEvent(undefined, 'j', {ctrl: true})]);
	assert.deepEqual(ink('`', {ctrl: true}), [keyEvent(undefined, ' ', {ctrl: true})]);
});

test('F-keys (no name from Ink) and stray controls are nothing', () => {
	assert.deepEqual(ink(''), []);
	assert.deepEqual(ink('\u001C'), []);
});

test('keys read together are split: text, then Enter; controls around a run are keys of their own', () => {
	assert.deepEqual(ink('hello\r'), [keyEvent(undefined, 'hello'), keyEvent('enter')]);
	assert.deepEqual(ink('\u0002\u0015xyz\r\n'), [
		keyEvent(undefined, 'b', {ctrl: true}), keyEvent(undefined, 'u', {ctrl: true}), keyEvent(undefined, 'xyz'), keyEvent('enter'),
	]);
	assert.deepEqual(ink('\r\r'), [keyEvent('enter'), keyEvent('enter')]);
});

test('line breaks inside a run stay text (a paste from a terminal without bracketed paste)', () => {
	assert.deepEqual(ink('line one\rline two'), [keyEvent(undefined, 'line one\rline two')]);
});

test('text is what has characters and no Ctrl or Alt', () => {
	assert.equal(isText(keyEvent(undefined, 'a')), true);
	assert.equal(isText(keyEvent(undefined, 'a', {ctrl: true})), false);
	assert.equal(isText(keyEvent(undefined, 'a', {meta: true})), false);
	assert.equal(isText(keyEvent('enter')), false);
});

test('mouse reports (SGR) become mouse events, never text', () => {
	const wheel = (kind: 'wheelUp' | 'wheelDown', x: number, y: number) => ({...keyEvent(undefined), mouse: {kind, x, y}});
	assert.deepEqual(ink('[<64;10;5M'), [wheel('wheelUp', 9, 4)]);
	assert.deepEqual(ink('[<65;1;1M'), [wheel('wheelDown', 0, 0)]);
	assert.deepEqual(ink('[<64;10;5M[<64;10;5M'), [wheel('wheelUp', 9, 4), wheel('wheelUp', 9, 4)]);
	assert.deepEqual(ink('[<0;3;4M'), [{...keyEvent(undefined), mouse: {kind: 'press', x: 2, y: 3}}]);
	assert.deepEqual(ink('[<0;3;4m'), [{...keyEvent(undefined), mouse: {kind: 'release', x: 2, y: 3}}]);
	assert.deepEqual(ink('[<35;3;4M'), [], 'motion is dropped');
	assert.deepEqual(ink('[<not a report'), [keyEvent(undefined, '[<not a report')]);
});
