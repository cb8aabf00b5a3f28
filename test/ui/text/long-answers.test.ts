/**
 * The ten long answers (long-answers.ts) at the widths of an 80×24 and a 200×60 terminal: every
 * line fits, closes its styles, and no word is cut where it would fit on a line of its own.
 * Streaming them is checked in streaming-markdown.test.ts.
 */
import {before, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {loadHighlighter} from '../../../source/ui/text/code-highlight.js';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {colourCodes, displayWidth, openStylesAtEnd, stripAnsi} from './ansi.js';
import {longAnswers} from './long-answers.js';

chalk.level = 3;
process.env['FORCE_HYPERLINK'] = '1';

before(async () => {
	await loadHighlighter();
});

const word = /[A-Za-z0-9_]+/g;

/**
 * Pieces of words on screen that are not words of the source: a word cut in two. Allowed only when
 * the source has a word too long for a row of `width` columns that contains the piece.
 */
function cutWords(markdown: string, lines: readonly string[], width: number): string[] {
	const words = new Set(markdown.match(word));
	const tooLong = [...words].filter(candidate => candidate.length > width - 6);
	const cut: string[] = [];
	for (const line of lines) {
		for (const [piece] of stripAnsi(line).matchAll(word)) {
			if (!words.has(piece) && !/^\d+$/.test(piece) && !tooLong.some(long => long.includes(piece))) {
				cut.push(`${piece} in ${JSON.stringify(stripAnsi(line))}`);
			}
		}
	}

	return cut;
}

for (const [name, markdown] of Object.entries(longAnswers)) {
	test(`${name}: fits 80 and 200 columns (and the transcript's 74 and 104), no word cut where it fits`, () => {
		for (const width of [74, 80, 104, 200]) {
			const lines = renderMarkdown(markdown, width);
			for (const line of lines) {
				assert.ok(displayWidth(line) <= width, `${JSON.stringify(stripAnsi(line))} is wider than ${width}`);
				assert.deepEqual(openStylesAtEnd(line), [], `styles left open in ${JSON.stringify(line)}`);
			}

			assert.deepEqual(cutWords(markdown, lines, width), [], `at ${width}`);
		}
	});
}

test('the answers show what they hold: highlighted code, bordered tables, notes, links', () => {
	const all = Object.values(longAnswers).map(markdown => renderMarkdown(markdown, 80));
	const text = all.flat().map(line => stripAnsi(line));
	assert.equal(text.filter(line => /^\s*│ \[\d+\] \w/.test(line)).length, 19, 'numbered code blocks with their language');
	assert.equal(text.filter(line => line.startsWith('┌')).length, 10, 'bordered tables');
	assert.equal(text.filter(line => line.startsWith('────────────────────')).length, 2, 'two answers list footnotes');
	for (const lines of all) {
		if (lines.some(line => /│ \[1\] (?!text)/.test(stripAnsi(line)))) {
			assert.notDeepEqual(colourCodes(lines.join('\n')), [], 'code is highlighted');
		}
	}
});
