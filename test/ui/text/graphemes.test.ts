import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {graphemeOffsets, graphemes, nextBoundary, previousBoundary} from '../../../source/ui/text/graphemes.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

function segmenterOffsets(text: string): number[] {
	return [...[...segmenter.segment(text)].map(part => part.index), text.length];
}

const samples = [
	'plain ascii only',
	'a漢e\u0301x',
	'e\u0301\u0302 and ü',
	'👍🏽👨‍👩‍👧🇫🇷🇩🇪🇯🇵x',
	'1\uFE0F\u20E3 keycap',
	'tab\there',
	'漢字かな交じり文、カタカナー。한국어 텍스트',
	'mixé👍🏽d 漢 text, ok',
	'🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} flag',
	'नमस्ते दुनिया',
	'क्\u200Dष and क्ष',
	'ന്\u200D chillu, ർ ൽ',
	'\u1112\u1161\u11AB\u1100\u1173\u11AF decomposed Hangul',
	'a\u200Db 👩\u200D💻',
	'❤️ ☺︎ ✌🏿',
	'かﾞ か\u3099 combining sound mark',
	'\u0600a Arabic number sign (prepend)',
	'line\r\nbreak\nand\rreturn',
	'漢'.repeat(300) + '👍🏽'.repeat(150) + 'e\u0301'.repeat(200),
];

describe('grapheme splitting', () => {
	test('agrees with Intl.Segmenter on the scripts and emoji a chat sees', () => {
		for (const text of samples) {
			assert.deepEqual(graphemeOffsets(text), segmenterOffsets(text), text);
			assert.deepEqual(graphemes(text), [...segmenter.segment(text)].map(part => part.segment), text);
		}
	});

	test('skin tones, ZWJ families, flags and Indic conjuncts are one cluster each', () => {
		assert.deepEqual(graphemes('👍🏽👩‍👩‍👧🇵🇹'), ['👍🏽', '👩‍👩‍👧', '🇵🇹']);
		assert.deepEqual(graphemes('क्\u200Dष'), ['क्\u200Dष'], 'virama + ZWJ + consonant');
		assert.deepEqual(graphemes('ന്\u200D'), ['ന്\u200D'], 'Malayalam chillu');
		assert.deepEqual(graphemes('e\u0301'), ['e\u0301']);
	});

	test('agrees with the segmenter next to every Latin, CJK, kana and Hangul character (where boundaries are skipped)', () => {
		// The fast path skips the segmenter between two characters of these blocks: put every one of
		// them next to itself and to characters of each kind, and compare with the segmenter.
		const neighbours = ['a', ' ', '~', 'é', 'ÿ', 'ž', '漢', 'か', 'カ', '한', '。', 'ー'];
		const ranges = [[0x20, 0x2_ff], [0x30_00, 0x30_ff], [0x4e_00, 0x9f_ff], [0xac_00, 0xd7_a3]] as const;
		let text = '';
		for (const [first, last] of ranges) {
			for (let code = first; code <= last; code++) {
				const char = String.fromCharCode(code);
				text += char + char + neighbours.join(char) + char;
			}
		}

		assert.deepEqual(graphemeOffsets(text), segmenterOffsets(text));
	});

	test('previous and next boundaries step through exactly those clusters', () => {
		for (const text of samples) {
			const boundaries = segmenterOffsets(text);
			for (let index = 1; index < boundaries.length; index++) {
				assert.equal(nextBoundary(text, boundaries[index - 1]!), boundaries[index], `${text} next from ${boundaries[index - 1]}`);
				assert.equal(previousBoundary(text, boundaries[index]!), boundaries[index - 1], `${text} previous from ${boundaries[index]}`);
			}
		}

		assert.equal(previousBoundary('abc', 0), 0);
		assert.equal(nextBoundary('abc', 3), 3);
	});

	test('a long paste splits in linear time', () => {
		const text = 'word 漢字 👍🏽 e\u0301 क्\u200Dष '.repeat(10_000);
		const started = performance.now();
		const parts = graphemes(text);
		// Generous bound, only there to catch a return to quadratic splitting (seconds, not ms).
		assert.ok(performance.now() - started < 5000);
		assert.equal(parts.length, 10_000 * [...segmenter.segment('word 漢字 👍🏽 e\u0301 क्\u200Dष ')].length);
		assert.equal(previousBoundary(text, text.length - 1), text.length - 1 - 'क्\u200Dष'.length);
		assert.equal(nextBoundary(text, 0), 1);
	});
});
