import {test} from 'node:test';
import assert from 'node:assert/strict';
import {nextBoundary, previousBoundary, splitGraphemes} from '../../../source/ui/composer/graphemes.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

const samples = [
	'plain ascii only',
	'a漢e\u0301x',
	'e\u0301\u0302 and ü',
	'👍🏽👨‍👩‍👧🇫🇷🇩🇪🇯🇵x',
	'1\uFE0F\u20E3 keycap',
	'tab\there',
	'漢字かな交じり文',
	'mixé👍🏽d 漢 text, ok',
	'🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} flag',
	'नमस्ते दुनिया',
	'a\u200Db 👩\u200D💻',
	'❤️ ☺︎ ✌🏿',
	'漢'.repeat(300) + '👍🏽'.repeat(150) + 'e\u0301'.repeat(200),
];

test('splitGraphemes agrees with Intl.Segmenter on the scripts and emoji a chat sees', () => {
	for (const text of samples) {
		const expected = [...segmenter.segment(text)].map(({segment, index}) => [segment, index]);
		assert.deepEqual(splitGraphemes(text).map(({text: segment, offset}) => [segment, offset]), expected, text);
	}
});

test('decomposed Hangul syllables are one grapheme each', () => {
	const text = '\u1112\u1161\u11AB\u1100\u1173\u11AF';
	assert.deepEqual(splitGraphemes(text).map(grapheme => grapheme.offset), [0, 3]);
});

test('previous and next boundaries step through exactly those graphemes', () => {
	for (const text of samples) {
		const offsets = [...segmenter.segment(text)].map(({index}) => index);
		const boundaries = [...offsets, text.length];
		for (let index = 1; index < boundaries.length; index++) {
			assert.equal(nextBoundary(text, boundaries[index - 1]!), boundaries[index], `${text} next from ${boundaries[index - 1]}`);
			assert.equal(previousBoundary(text, boundaries[index]!), boundaries[index - 1], `${text} previous from ${boundaries[index]}`);
		}
	}
});

test('a long paste splits in linear time', () => {
	const text = 'word 漢字 👍🏽 e\u0301 '.repeat(10_000);
	const started = performance.now();
	const graphemes = splitGraphemes(text);
	// Generous bound, only there to catch a return to quadratic splitting (minutes, not ms).
	assert.ok(performance.now() - started < 5000);
	assert.equal(graphemes.length, 10_000 * [...segmenter.segment('word 漢字 👍🏽 e\u0301 ')].length);
	assert.equal(previousBoundary(text, text.length - 1), text.length - 1 - 'e\u0301'.length);
});
