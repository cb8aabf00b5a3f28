import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {
	fitEnd,
	fitStart,
	formatCount,
	formatMessageCount,
	graphemes,
	oneLine,
	relativeTime,
	truncateEnd,
	truncateStart,
} from '../../source/ui/format.js';

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
	assert.equal(formatMessageCount(1), '1 msg');
	assert.equal(formatMessageCount(0), '0 msgs');
	assert.equal(formatMessageCount(1000), '1,000 msgs');
});

test('oneLine turns line breaks and tabs into spaces', () => {
	assert.equal(oneLine('a\nb\r\nc\rd\te'), 'a b c d e');
});

describe('width-aware truncation', () => {
	test('short text is left alone, long text ends with …', () => {
		assert.equal(truncateEnd('hello', 5), 'hello');
		assert.equal(truncateEnd('hello world', 8), 'hello w…');
		assert.equal(truncateEnd('hello', 0), '');
		assert.equal(truncateEnd('hello', 1), '…');
	});

	test('wide characters count as two cells and are never split', () => {
		const cut = truncateEnd('日本語のタイトル', 7);
		assert.equal(cut, '日本語…');
		assert.ok(stringWidth(cut) <= 7);
		const emoji = truncateEnd('👩‍👩‍👧 family 👍', 3);
		assert.equal(emoji, '👩‍👩‍👧…');
	});

	test('truncateStart keeps the end (for paths)', () => {
		assert.equal(truncateStart('/home/me/data/agents.db', 12), '…a/agents.db');
		assert.equal(stringWidth(truncateStart('/home/me/data/agents.db', 12)), 12);
	});

	test('fitEnd and fitStart pad to the exact width', () => {
		assert.equal(fitEnd('ab', 4), 'ab  ');
		assert.equal(fitStart('ab', 4), '  ab');
		assert.equal(fitEnd('日本語', 5), '日本…');
		assert.equal(stringWidth(fitEnd('日本語', 5)), 5);
		assert.equal(stringWidth(fitEnd('日本語', 4)), 4);
	});
});

describe('long text stays cheap', () => {
	const mixed = 'Plain words, 日本語のテキスト, e\u0301 accents, 👩‍👩‍👧 family, 🇵🇹 flag, 👍🏽 skin tone. ';

	test('graphemes split long text in pieces exactly as Intl.Segmenter does', () => {
		const segmenter = new Intl.Segmenter();
		for (const text of [mixed.repeat(60), '日本語👍🏽'.repeat(400), 'x' + 'e\u0301'.repeat(700), '日本🇵🇹🇯🇵'.repeat(150)]) {
			assert.deepEqual(graphemes(text), Array.from(segmenter.segment(text), part => part.segment));
		}
	});

	test('100,000 characters split and truncate in well under a second', () => {
		const text = mixed.repeat(1300);
		assert.ok(text.length > 100_000);
		const started = performance.now();
		assert.ok(graphemes(text).length > 80_000);
		assert.equal(truncateEnd(text, 20), 'Plain words, 日本語…');
		assert.equal(stringWidth(truncateStart(text, 20)), 20);
		assert.equal(stringWidth(fitEnd(text, 30)), 30);
		assert.ok(graphemes('🇵🇹'.repeat(50_000)).length >= 50_000, 'a flood of flags still splits');
		assert.ok(graphemes('a' + '\u0301'.repeat(100_000)).length >= 1, 'a flood of marks still splits');
		const elapsed = performance.now() - started;
		assert.ok(elapsed < 1500, `took ${Math.round(elapsed)} ms`);
	});
});
