import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {graphemes} from '../../../source/ui/text/graphemes.js';
import {fitEnd, fitStart, takeEnd, takeStart, truncateEnd, truncateStart} from '../../../source/ui/text/truncate.js';

describe('truncation', () => {
	test('short text is left alone, long text ends with …', () => {
		assert.equal(truncateEnd('hello', 5), 'hello');
		assert.equal(truncateEnd('hello world', 8), 'hello w…');
		assert.equal(truncateEnd('hello', 0), '');
		assert.equal(truncateEnd('hello', 1), '…');
	});

	test('wide characters count as two columns and are never split', () => {
		const cut = truncateEnd('日本語のタイトル', 7);
		assert.equal(cut, '日本語…');
		assert.ok(stringWidth(cut) <= 7);
		assert.equal(truncateEnd('👩‍👩‍👧 family 👍', 3), '👩‍👩‍👧…');
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

	test('takeStart and takeEnd cut without an ellipsis', () => {
		assert.equal(takeStart('abcdef', 3), 'abc');
		assert.equal(takeEnd('abcdef', 3), 'def');
		assert.equal(takeStart('漢字漢字', 3), '漢');
		assert.equal(takeEnd('漢字漢字', 3), '字');
		assert.equal(takeStart('abc', 0), '');
	});

	test('a cluster is kept whole or left out whole, from either end, at every width', () => {
		const clusters = ['👍🏽', '👩‍👩‍👧', '🇵🇹', '漢', 'e\u0301', 'क्\u200Dष', 'ന്\u200D', 'x'];
		const text = clusters.join(' ');
		for (let width = 0; width <= stringWidth(text) + 1; width++) {
			for (const cut of [truncateEnd(text, width), truncateStart(text, width), takeStart(text, width), takeEnd(text, width), fitEnd(text, width)]) {
				assert.ok(stringWidth(cut) <= width, `${JSON.stringify(cut)} wider than ${width}`);
				for (const part of graphemes(cut)) {
					assert.ok(part === '…' || part === ' ' || clusters.includes(part), `width ${width}: ${JSON.stringify(part)} is a piece of a cluster`);
				}
			}
		}
	});

	test('an emoji with a skin tone is two columns, as Ink lays it out', () => {
		assert.equal(fitEnd('👍🏽', 4), '👍🏽  ');
		assert.equal(truncateEnd('👍🏽👍🏽👍🏽', 5), '👍🏽👍🏽…');
	});
});

describe('long text stays cheap', () => {
	const mixed = 'Plain words, 日本語のテキスト, e\u0301 accents, 👩‍👩‍👧 family, 🇵🇹 flag, 👍🏽 skin tone. ';

	test('only the part that can show is measured, and flags at the cut still pair up', () => {
		const text = mixed.repeat(1300);
		assert.ok(text.length > 100_000);
		assert.equal(truncateEnd(text, 20), 'Plain words, 日本語…');
		assert.equal(stringWidth(truncateStart(text, 20)), 20);
		assert.equal(stringWidth(fitEnd(text, 30)), 30);
		// Wherever the measured tail starts, even inside a flag, the flags shown are whole.
		const flags = ('ab' + '🇵🇹🇯🇵'.repeat(10)).repeat(100);
		for (let shift = 0; shift < 4; shift++) {
			assert.equal(takeEnd(flags.slice(shift), 6), '🇯🇵🇵🇹🇯🇵');
		}
	});
});
