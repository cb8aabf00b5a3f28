import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {formatCount, formatMessageCount, leading, oneLine, relativeTime} from '../../source/ui/format.js';

// Local times, since "yesterday" and dates are about the user's calendar.
const now = new Date(2025, 2, 20, 15, 30).getTime();
const minutes = (count: number) => count * 60_000;

describe('relativeTime', () => {
	test('under a minute, or in the future, is "just now"', () => {
		assert.equal(relativeTime(now, now), 'just now');
		assert.equal(relativeTime(now - 59_000, now), 'just now');
		assert.equal(relativeTime(now + minutes(5), now), 'just now');
	});

	test('minutes, then hours', () => {
		assert.equal(relativeTime(now - minutes(1), now), '1 min ago');
		assert.equal(relativeTime(now - minutes(59), now), '59 min ago');
		assert.equal(relativeTime(now - minutes(60), now), '1 h ago');
		assert.equal(relativeTime(new Date(2025, 2, 20, 0, 5).getTime(), now), '15 h ago');
	});

	test('the previous calendar day is "yesterday", unless it was only a few hours ago', () => {
		assert.equal(relativeTime(new Date(2025, 2, 19, 9, 0).getTime(), now), 'yesterday');
		assert.equal(relativeTime(new Date(2025, 2, 19, 0, 1).getTime(), now), 'yesterday');
		const earlyMorning = new Date(2025, 2, 20, 1, 0).getTime();
		assert.equal(relativeTime(new Date(2025, 2, 19, 23, 0).getTime(), earlyMorning), '2 h ago');
	});

	test('older: day and month, with the year when it is not this year', () => {
		assert.equal(relativeTime(new Date(2025, 2, 12, 10, 0).getTime(), now), '12 Mar');
		assert.equal(relativeTime(new Date(2025, 0, 1, 10, 0).getTime(), now), '1 Jan');
		assert.equal(relativeTime(new Date(2024, 11, 31, 10, 0).getTime(), now), '31 Dec 2024');
	});
});

test('counts use thousands separators and singular/plural', () => {
	assert.equal(formatCount(1_234_567), '1,234,567');
	assert.deepEqual([0, 7, 999, 1000, 12_345, 100_000, -4321].map(count => formatCount(count)), ['0', '7', '999', '1,000', '12,345', '100,000', '-4,321']);
	assert.equal(formatMessageCount(1), '1 msg');
	assert.equal(formatMessageCount(0), '0 msgs');
	assert.equal(formatMessageCount(1000), '1,000 msgs');
});

test('oneLine turns line breaks and tabs into spaces', () => {
	assert.equal(oneLine('a\nb\r\nc\rd\te'), 'a b c d e');
});

test('leading bounds a length in UTF-16 units without splitting a surrogate pair', () => {
	assert.equal(leading('abc', 5), 'abc');
	assert.equal(leading('abcdef', 3), 'abc');
	assert.equal(leading('a👍b', 2), 'a', 'the pair would be cut: it is left out');
	assert.equal(leading('a👍b', 3), 'a👍');
});
