import {test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {firstFrom, highlightLine, highlightedSource, needleOf, plainText, revealOffset, spansIn, TranscriptFinder} from '../../../source/ui/chat/find-matches.js';
import type {BlockSource} from '../../../source/ui/chat/line-view.js';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {theme} from '../../../source/ui/text/theme.js';
import {displayWidth, openStylesAtEnd, stripAnsi} from '../text/ansi.js';

chalk.level = 3;

const find = (text: string, query: string) => spansIn(text, needleOf(query)).map(({start, end}) => text.slice(start, end));

test('matches are case-insensitive, do not overlap, and find CJK and emoji as shown', () => {
	assert.deepEqual(find('Answer, ANSWER and answers', 'answer'), ['Answer', 'ANSWER', 'answer']);
	assert.deepEqual(find('aaaa', 'aa'), ['aa', 'aa']);
	assert.deepEqual(find('漢字かな交じり文と漢字', '漢字'), ['漢字', '漢字']);
	assert.deepEqual(find('Ünïcödé STRASSE ΟΔΟΣ', 'ünï'), ['Ünï']);
	assert.deepEqual(find('ΟΔΟΣ and οδος', 'οδοσ'), ['ΟΔΟΣ', 'οδος'], 'final sigma finds both forms');
	// A letter whose lowercase is longer (İ → i̇) does not shift later matches.
	assert.deepEqual(find('İstanbul: ISTANBUL', 'stanbul'), ['stanbul', 'STANBUL']);
	assert.deepEqual(find('👍🏽 thumbs', 'thumbs'), ['thumbs']);
	assert.deepEqual(find('anything', ''), []);
});

test('a match never splits a character: an accent or a skin tone comes with it', () => {
	assert.deepEqual(find('cafe\u0301 au lait', 'cafe'), ['cafe\u0301']);
	assert.deepEqual(find('👍🏽', '👍'), ['👍🏽']);
});

test('the plain text of a styled line drops SGR and OSC 8, and says where each character is', () => {
	const line = `${chalk.bold('bold')} and \u001B]8;;https://example.com\u0007${chalk.underline('link')}\u001B]8;;\u0007 end`;
	const {text, at} = plainText(line);
	assert.equal(text, 'bold and link end');
	assert.equal(line[at![9]!], 'l');
	assert.deepEqual(plainText('no styles'), {text: 'no styles', at: undefined});
});

test('highlighting keeps the text, the width and the styles of a line', () => {
	const styled = renderMarkdown('Some **bold text** with `code`, a [link](https://example.com), 漢字 and more text.', 60);
	for (const line of styled) {
		const plain = plainText(line).text;
		for (const query of ['text', 'old t', '漢字', 'e', 'code`']) {
			const spans = spansIn(plain, needleOf(query));
			const lit = highlightLine(line, spans, index => (index === 0 ? theme.findCurrent : theme.findMatch));
			assert.equal(stripAnsi(lit), stripAnsi(line), `text of ${JSON.stringify(line)} with "${query}"`);
			assert.equal(displayWidth(lit), displayWidth(line));
			assert.deepEqual(openStylesAtEnd(lit), []);
			// eslint-disable-next-line no-control-regex -- the escape sequence is what is looked for
			assert.equal((lit.match(/\u001B\[7m/g) ?? []).length, spans.length, 'one inverse run per match');
		}
	}
});

test('the inverse run covers exactly the match, inside a styled run too', () => {
	const line = `say ${chalk.cyan('Hello World')}!`;
	const lit = highlightLine(line, spansIn(plainText(line).text, needleOf('lo wo')), () => chalk.inverse);
	assert.equal(lit, `say ${chalk.cyan(`Hel${chalk.inverse('lo Wo')}rld`)}!`);
});

function source(blocks: string[][]): BlockSource {
	return {count: blocks.length, lines: index => blocks[index]!};
}

test('every match of the transcript, top to bottom, with how far each is from the bottom; blocks searched once per query', () => {
	const blocks = [['Q one', 'match here'], ['A', 'no', 'Match and MATCH'], ['last match']];
	const finder = new TranscriptFinder();
	const matches = finder.find(source(blocks), 'match');
	assert.deepEqual(matches.map(({block, line, start, fromBottom}) => [block, line, start, fromBottom]), [
		[0, 1, 0, 4], [1, 2, 0, 1], [1, 2, 10, 1], [2, 0, 5, 0],
	]);
	let calls = 0;
	const counted: BlockSource = {count: 3, lines: index => {
		calls++;
		return blocks[index]!;
	}};
	finder.find(counted, 'match');
	assert.equal(calls, 3, 'each block read once');
	assert.deepEqual(finder.find(source(blocks), ''), []);
});

test('the first match from the top row of the view, and the offset that shows a match', () => {
	const matches = new TranscriptFinder().find(source([['match'], ['x', 'x', 'match'], ['x', 'x', 'x', 'match']]), 'match');
	assert.deepEqual(matches.map(match => match.fromBottom), [7, 4, 0]);
	assert.equal(firstFrom(matches, 9), 0, 'all in view: the first');
	assert.equal(firstFrom(matches, 5), 1, 'the first one is above the view');
	assert.equal(firstFrom(matches, -1), 2, 'all above the view: the nearest above');
	// A view of 4 rows at the bottom shows lines 0–3 from the bottom.
	assert.equal(revealOffset(3, 0, 4, 8), 0, 'in view: no scroll');
	assert.equal(revealOffset(7, 0, 4, 8), 4, 'above: centred, but not past the top');
	assert.equal(revealOffset(0, 4, 4, 8), 0, 'below: back down');
	assert.equal(revealOffset(50, 0, 10, 100), 45, 'centred');
});

test('the highlighted source marks the chosen match apart and leaves other blocks as they are', () => {
	const blocks = [['one match'], ['nothing'], ['match match']];
	const plainSource = source(blocks);
	const matches = new TranscriptFinder().find(plainSource, 'match');
	// The chosen one is the third: the second on the last line.
	const lit = highlightedSource(plainSource, matches, 2, {match: chalk.inverse, current: chalk.underline});
	assert.equal(lit.lines(1), blocks[1], 'a block without matches is the same array');
	assert.deepEqual(lit.lines(0), [`one ${chalk.inverse('match')}`]);
	assert.deepEqual(lit.lines(2), [`${chalk.inverse('match')} ${chalk.underline('match')}`]);
	assert.equal(highlightedSource(plainSource, [], undefined, {match: chalk.inverse, current: chalk.underline}), plainSource);
});
