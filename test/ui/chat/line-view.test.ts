import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sliceFromBottom, clampOffset, messageJump} from '../../../source/ui/chat/line-view.js';
import type {BlockSource} from '../../../source/ui/chat/line-view.js';

function source(blocks: string[][]): BlockSource & {asked: number[]} {
	const asked: number[] = [];
	return {
		asked,
		count: blocks.length,
		lines(index: number) {
			asked.push(index);
			return blocks[index]!;
		},
	};
}

const blocks = Array.from({length: 100}, (_, b) => [`${b}.a`, `${b}.b`]);

test('the tail is shown and only the blocks it needs are rendered', () => {
	const s = source(blocks);
	const view = sliceFromBottom(s, 5, 0);
	assert.deepEqual(view.lines, ['97.b', '98.a', '98.b', '99.a', '99.b']);
	assert.deepEqual(s.asked, [99, 98, 97]);
	assert.equal(view.below, 0);
	assert.equal(view.above, undefined, 'not counted: the top was never reached');
});

test('scrolling up shows earlier lines and reports what is below', () => {
	const view = sliceFromBottom(source(blocks), 3, 4);
	assert.deepEqual(view.lines, ['96.b', '97.a', '97.b']);
	assert.equal(view.below, 4);
});

test('offsets past the top are clamped so the first line stays at the top', () => {
	const small = source([['a', 'b'], ['c']]);
	const view = sliceFromBottom(small, 2, 50);
	assert.deepEqual(view.lines, ['a', 'b']);
	assert.equal(view.offset, 1);
	assert.equal(view.above, 0);
	assert.equal(clampOffset(small, 2, 50), 1);
	assert.deepEqual(sliceFromBottom(small, 10, 3).lines, ['a', 'b', 'c'], 'content shorter than the pane');
});

test('empty content', () => {
	assert.deepEqual(sliceFromBottom(source([]), 4, 0).lines, []);
});

test('messageJump puts the previous or next message\'s first line at the top', () => {
	// Blocks of 3, 4 and 2 lines: headers at lines 0, 3 and 7 from the top (8, 5 and 1 from the bottom).
	const three = source([['a0', 'a1', 'a2'], ['b0', 'b1', 'b2', 'b3'], ['c0', 'c1']]);
	const top = (offset: number) => sliceFromBottom(three, 3, offset).lines[0];
	assert.equal(top(0), 'b3');
	assert.equal(top(messageJump(three, 3, 0, 'previous')), 'b0');
	assert.equal(top(messageJump(three, 3, messageJump(three, 3, 0, 'previous'), 'previous')), 'a0');
	assert.equal(messageJump(three, 3, 6, 'previous'), 6, 'at the first message it stays');
	assert.equal(top(messageJump(three, 3, 6, 'next')), 'b0');
	assert.equal(messageJump(three, 3, 0, 'next'), 0, 'at the tail it stays');
});
