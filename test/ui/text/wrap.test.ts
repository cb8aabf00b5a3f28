import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {graphemes} from '../../../source/ui/text/graphemes.js';
import {breakLine} from '../../../source/ui/text/line-break.js';
import {textWidth} from '../../../source/ui/text/text-width.js';
import {expandTabs, wrapStyled, wrapText} from '../../../source/ui/text/wrap.js';
import {displayWidth, openStylesAtEnd, stripAnsi} from './ansi.js';

chalk.level = 3;

const samples = [
	'The quick brown fox jumps over the lazy dog. '.repeat(8),
	'漢字かな交じり文は一文字が二桁の幅を取るので、折り返しの位置が英語と違います。'.repeat(3),
	'Mixed: café, naïve, 漢字 and emoji 😀👩‍👩‍👧🇯🇵 in one line, with e\u0301 combining marks.',
	'Flags 🇯🇵🇺🇸🇫🇷 skin 👍🏽👋🏿 keycaps 1️⃣#️⃣ hearts ❤️❤ 한국어 ᄀᄀ각 ᄒ ᅡ 가\u11A8 ｶﾞ हिन्दी ไทย กำลัง',
	'https://example.com/a/very/long/url/without/any/spaces/that/must/be/cut/somewhere/in/the/middle',
	'   indented line with    several   spaces   ',
	'x\u200Dy\u200D'.repeat(40) + ' ' + 'ᄀ'.repeat(30) + ' ' + 'e\u0301\u0302\u0303'.repeat(20),
	'',
	'a',
];

describe('wrapText', () => {
	test('no line is wider than the width, for ASCII, CJK, emoji and combining text', () => {
		for (const sample of samples) {
			for (let width = 2; width <= 60; width++) {
				for (const line of wrapText(sample, width)) {
					assert.ok(displayWidth(line) <= width, `${JSON.stringify(line)} at ${width}`);
				}
			}
		}
	});

	test('textWidth agrees with string-width (which Ink measures with)', () => {
		for (const sample of samples) {
			assert.equal(textWidth(sample), displayWidth(sample), sample);
		}
	});

	test('words mode keeps every word in order and only drops spaces', () => {
		for (const sample of samples) {
			for (const width of [5, 10, 17, 33, 80]) {
				const lines = wrapText(sample, width);
				assert.equal(lines.join('').replaceAll(' ', ''), sample.replaceAll(' ', ''), `width ${width}`);
			}
		}
	});

	test('breaks at spaces and cuts only words longer than the width', () => {
		assert.deepEqual(wrapText('aaa bbb ccc ddd', 7), ['aaa bbb', 'ccc ddd']);
		assert.deepEqual(wrapText('aaa bbb ccc ddd', 8), ['aaa bbb', 'ccc ddd']);
		assert.deepEqual(wrapText('see abcdefghijklmnop', 8), ['see', 'abcdefgh', 'ijklmnop']);
		assert.deepEqual(wrapText('    indented words here', 12), ['    indented', 'words here']);
	});

	test('CJK characters count two columns and are never split', () => {
		assert.deepEqual(wrapText('漢字漢字漢字', 5), ['漢字', '漢字', '漢字']);
		assert.deepEqual(wrapText('漢字漢字漢字', 6), ['漢字漢', '字漢字']);
		assert.deepEqual(wrapText('ab 😀 😀 cd', 6), ['ab 😀', '😀 cd']);
		assert.deepEqual(wrapText('ab 😀😀 cd', 6), ['ab', '😀😀', 'cd']);
		assert.deepEqual(wrapText('👩‍👩‍👧👩‍👩‍👧', 3), ['👩‍👩‍👧', '👩‍👩‍👧']);
	});

	test('without a space, a line breaks next to a wide character, so a Latin word in CJK text stays whole', () => {
		assert.deepEqual(wrapText('这个版本的Node.js支持require加载ESM模块了', 12), ['这个版本的', 'Node.js支持', 'require加载', 'ESM模块了']);
		// A space still comes first, and a word too long for the row is still cut.
		assert.deepEqual(wrapText('漢字 Node.js漢字', 12), ['漢字', 'Node.js漢字']);
		assert.deepEqual(wrapText('漢字internationalization', 10), ['漢字', 'internatio', 'nalization']);
	});

	test('skin tones, ZWJ sequences, flags, CJK, combining marks and Indic conjuncts never split across lines', () => {
		const clusters = ['👍🏽', '👩\u200D👩\u200D👧', '🇵🇹', '漢', 'e\u0301', 'क्\u200Dष', 'ന്\u200D', 'क्ष'];
		// Joined directly, some would join each other (ന്‍ before क is one conjunct): '|' keeps them apart.
		const text = clusters.join('|').repeat(3) + ' ' + clusters.join(' ');
		for (const mode of ['words', 'keep', 'hard'] as const) {
			for (let width = 1; width <= 24; width++) {
				for (const line of wrapText(text, width, mode)) {
					assert.ok(displayWidth(line) <= Math.max(width, 2), `${mode} ${width}: ${JSON.stringify(line)}`);
					for (const part of graphemes(line)) {
						assert.ok(part === ' ' || part === '|' || clusters.includes(part), `${mode} ${width}: ${JSON.stringify(part)} is a piece of a cluster`);
					}
				}
			}
		}
	});

	test('an emoji with a skin tone is one cluster of 2 columns', () => {
		assert.equal(textWidth('👍🏽'), 2);
		assert.deepEqual(wrapText('ab👍🏽cd', 4), ['ab👍🏽', 'cd']);
		assert.deepEqual(wrapText('abc👍🏽', 4), ['abc', '👍🏽']);
	});

	test('keeps blank lines and line breaks', () => {
		assert.deepEqual(wrapText('one\n\ntwo\n', 10), ['one', '', 'two', '']);
	});

	test('expands tabs to the next stop of 4 columns', () => {
		assert.deepEqual(wrapText('a\tb\tc', 20), ['a   b   c']);
		assert.equal(expandTabs('\tx'), '    x');
		assert.equal(expandTabs('漢\tx'), '漢  x');
		assert.equal(expandTabs('ab\t', 1), 'ab ');
	});

	test('hard mode cuts at the width and keeps every character', () => {
		const code = '  const value = compute(alpha, beta); // comment';
		const lines = wrapText(code, 10, 'hard');
		assert.equal(lines.join(''), code);
		assert.ok(lines.slice(0, -1).every(line => line.length === 10));
	});

	test('keep mode breaks after spaces and joins back to the exact line', () => {
		for (const sample of samples) {
			for (const width of [4, 9, 20, 41]) {
				const ranges = breakLine(sample, {width, mode: 'keep'});
				let joined = '';
				for (let index = 0; index < ranges.length; index += 2) {
					const piece = sample.slice(ranges[index], ranges[index + 1]);
					assert.ok(textWidth(piece) <= width);
					joined += piece;
				}

				assert.equal(joined, sample);
			}
		}
	});

	// How long such a line takes is `npm run torture`'s to check (its 5 MB reply row): the search for a space once ran
	// back to the start of the line for every row, and a 5 MB reply froze the history pane for minutes.
	test('a long line with no space at all (a huge reply as one JSON string) wraps into full rows, in every mode', () => {
		const line = '0123456789\\n'.repeat(256 * 1024 / 12);
		for (const mode of ['words', 'keep'] as const) {
			const ranges = breakLine(line, {width: 44, mode});
			assert.equal(ranges.length / 2, Math.ceil(line.length / 44), mode);
			assert.equal(ranges.at(-1), line.length, mode);
		}
	});

	test('with a hanging space, one space may stand past a full row (the composer keeps that column for the cursor)', () => {
		const pieces = (line: string, width: number) => {
			const ranges = breakLine(line, {width, mode: 'keep', hangingSpace: true});
			const out: string[] = [];
			for (let index = 0; index < ranges.length; index += 2) {
				out.push(line.slice(ranges[index], ranges[index + 1]));
			}

			return out;
		};

		assert.deepEqual(pieces('hello world again', 11), ['hello world ', 'again']);
		assert.deepEqual(pieces('漢字漢 字漢', 6), ['漢字漢 ', '字漢']);
		assert.deepEqual(pieces('hello  world', 5), ['hello ', ' ', 'world']);
	});

	test('later lines can be narrower (hanging indent)', () => {
		const ranges = breakLine('x'.repeat(25), {width: 10, restWidth: 5, mode: 'hard'});
		assert.deepEqual(ranges, [0, 10, 10, 15, 15, 20, 20, 25]);
	});

	test('a safe-cut hook moves hard cuts back', () => {
		const line = 'abcdef\\u001bghij';
		const ranges = breakLine(line, {
			width: 8,
			mode: 'hard',
			safeCut: (text, start, end) => {
				const escape = text.indexOf('\\', start);
				return escape >= 0 && escape < end && escape + 6 > end ? escape : end;
			},
		});
		assert.deepEqual(ranges.slice(0, 2), [0, 6]);
	});
});

describe('wrapStyled', () => {
	const runs = [
		{text: 'Plain start and '},
		{text: 'bold words that run on', style: chalk.bold},
		{text: ' then '},
		{text: 'code()', style: chalk.yellow},
		{text: ' and a '},
		{text: 'link with 漢字', style: (text: string) => chalk.blue(chalk.underline(text))},
		{text: '\nafter a hard break.'},
	];

	test('wraps like wrapText and every line closes the styles it opens', () => {
		const plain = runs.map(run => run.text).join('');
		for (let width = 4; width <= 50; width++) {
			const lines = wrapStyled(runs, width);
			assert.deepEqual(lines.map(line => stripAnsi(line)), wrapText(plain, width), `width ${width}`);
			for (const line of lines) {
				assert.deepEqual(openStylesAtEnd(line), [], JSON.stringify(line));
				assert.ok(displayWidth(line) <= width);
			}
		}
	});

	test('styles each piece of a run that spans lines', () => {
		const lines = wrapStyled([{text: 'aaaa bbbb cccc', style: chalk.bold}], 4);
		assert.deepEqual(lines, [chalk.bold('aaaa'), chalk.bold('bbbb'), chalk.bold('cccc')]);
	});
});
