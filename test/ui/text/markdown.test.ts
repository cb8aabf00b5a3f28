import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {theme} from '../../../source/ui/text/theme.js';
import {displayWidth, openStylesAtEnd, stripAnsi} from './ansi.js';
import {longReply, replyWithAttacks, replyWithEverything, replyWithTrickyBlocks} from './fixtures.js';

chalk.level = 3;

const plain = (markdown: string, width: number): string[] => renderMarkdown(markdown, width).map(line => stripAnsi(line));

/** Runs `body` with colours off, so any ESC left in the output could only come from the input. */
function withoutColour<T>(body: () => T): T {
	const level = chalk.level;
	chalk.level = 0;
	try {
		return body();
	} finally {
		chalk.level = level;
	}
}

describe('renderMarkdown', () => {
	test('every line fits the width and closes the styles it opens', () => {
		for (const markdown of [replyWithEverything, replyWithTrickyBlocks, replyWithAttacks, longReply(5000)]) {
			for (let width = 12; width <= 120; width += 3) {
				for (const line of renderMarkdown(markdown, width)) {
					assert.ok(displayWidth(line) <= width, `${JSON.stringify(line)} is wider than ${width}`);
					assert.deepEqual(openStylesAtEnd(line), [], `styles left open in ${JSON.stringify(line)}`);
				}
			}
		}
	});

	test('headings are styled, H1 and H2 differently', () => {
		const lines = renderMarkdown('# One\n\n## Two\n\n### Three', 40);
		assert.deepEqual(lines, [theme.heading1('One'), '', theme.heading2('Two'), '', theme.heading3('Three')]);
		assert.notEqual(theme.heading1('x'), theme.heading2('x'));
		assert.notEqual(theme.heading2('x'), 'x');
	});

	test('paragraphs wrap to the width and soft line breaks become spaces', () => {
		assert.deepEqual(plain('one two three\nfour five six seven', 14), ['one two three', 'four five six', 'seven']);
		assert.deepEqual(plain('first  \nsecond\\\nthird', 40), ['first', 'second', 'third']);
	});

	test('emphasis, strike-through and inline code are styled inline', () => {
		const [line] = renderMarkdown('a **b** *c* ~~d~~ `e`', 40);
		assert.equal(line, `a ${chalk.bold('b')} ${chalk.italic('c')} ${chalk.strikethrough('d')} ${theme.inlineCode('e')}`);
		assert.equal(renderMarkdown('**bold `code` bold**', 40)[0], chalk.bold('bold ') + chalk.bold(theme.inlineCode('code')) + chalk.bold(' bold'));
	});

	test('fenced code gets a gutter and a numbered language label; long lines wrap after a space with ↪', () => {
		const lines = plain('```ts\nconst answer = 42; // the answer\n\n  indented\n```', 20);
		assert.deepEqual(lines, ['│ [1] ts', '│ const answer = ', '↪ 42; // the answer', '│', '│   indented']);
		assert.ok(renderMarkdown('```ts\nx\n```', 20)[0]!.includes(theme.codeLabel('[1] ts')));
	});

	test('code keeps markdown characters and entities literally', () => {
		assert.deepEqual(plain('```\n**not bold** &amp; <b>\n```', 40), ['│ [1]', '│ **not bold** &amp; <b>']);
		assert.deepEqual(plain('`&amp;` &amp;', 40), ['&amp; &']);
	});

	test('lists: bullets by depth, numbers from the start number, hanging indent on wrap', () => {
		assert.deepEqual(plain('- alpha beta gamma delta\n  - nested\n    - deeper\n- two', 16), [
			'• alpha beta',
			'  gamma delta',
			'  ◦ nested',
			'    ▪ deeper',
			'• two',
		]);
		assert.deepEqual(plain('7. seven\n8. eight\n9. nine\n10. ten', 20), ['7.  seven', '8.  eight', '9.  nine', '10. ten']);
		assert.deepEqual(plain('- [x] done\n- [ ] todo', 20), ['• [x] done', '• [ ] todo']);
	});

	test('loose lists keep a blank line between items', () => {
		assert.deepEqual(plain('- a\n\n- b', 20), ['• a', '', '• b']);
	});

	test('blockquotes get a gutter, nested ones two', () => {
		assert.deepEqual(plain('> quoted words here\n>\n> > inner', 16), ['┃ quoted words', '┃ here', '┃', '┃ ┃ inner']);
	});

	test('links show their address after the text when it differs, and their title', () => {
		assert.deepEqual(plain('[docs](https://example.com/docs) <https://auto.example> www.example.com me@example.com', 80), [
			'docs (https://example.com/docs) https://auto.example www.example.com',
			'me@example.com',
		]);
		assert.deepEqual(plain('[docs](https://example.com/docs "The docs") and [same](https://x.example "Title")', 80), [
			'docs (https://example.com/docs “The docs”) and same (https://x.example “Title”)',
		]);
		assert.deepEqual(plain('[https://x.example](https://x.example "Home")', 80), ['https://x.example (“Home”)']);
		assert.deepEqual(plain('![a cat](https://img.example/cat.png "Cat")', 80), ['[image: a cat] (https://img.example/cat.png “Cat”)']);
	});

	test('horizontal rules span the width', () => {
		assert.deepEqual(plain('a\n\n---\n\nb', 10), ['a', '', '─'.repeat(10), '', 'b']);
	});

	test('tables get a border and align their columns', () => {
		const table = '| Name | Qty | Note |\n|:--|--:|:-:|\n| apple | 3 | fresh |\n| kiwi | 12 | ok |';
		assert.deepEqual(plain(table, 40), [
			'┌───────┬─────┬───────┐',
			'│ Name  │ Qty │ Note  │',
			'├───────┼─────┼───────┤',
			'│ apple │   3 │ fresh │',
			'│ kiwi  │  12 │  ok   │',
			'└───────┴─────┴───────┘',
		]);
	});

	test('raw html shows as its text, never as tags', () => {
		assert.deepEqual(plain('<div>\n<b>hi</b>\n</div>', 40), ['hi']);
		assert.deepEqual(plain('a <span>b</span> c', 40), ['a b c']);
	});

	test('entities are decoded', () => {
		assert.deepEqual(plain('&amp; &lt;x&gt; &quot; &#65; &#x42; &copy; &unknown;', 60), ['& <x> " A B © &unknown;']);
		assert.deepEqual(plain('caf&eacute; &rarr; &ThinSpace;&hearts; &#x1F600; &copy no semicolon', 60), ['café → \u2009♥ 😀 &copy no semicolon']);
	});

	test('control sequences in any part of the markdown never reach the output', () => {
		const output = withoutColour(() => renderMarkdown(replyWithAttacks, 60));
		const text = output.join('\n');
		// eslint-disable-next-line no-control-regex -- looking for control characters is the point
		assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		assert.ok(text.includes('Title  here'));
		// The 8-bit CSI takes its parameters with it ("2J"), as a terminal would.
		assert.ok(text.includes('clipboard write  and a screen clear  and 8-bit\nCSI.'));
		assert.ok(text.includes('backspace abcd and carriagereturn'));
		assert.ok(text.includes('entity escape red and\n'));
		assert.ok(text.includes('│ code  with escapes link'));
		assert.ok(text.includes('link text (http://evil.example/path)'));
		assert.ok(text.endsWith('Unterminated OSC at the end'));
	});

	test('with colours off the output is plain text', () => {
		const output = withoutColour(() => renderMarkdown(replyWithEverything, 80));
		assert.ok(!output.join('').includes('\u001B'));
		assert.deepEqual(output, plain(replyWithEverything, 80));
	});

	test('CJK and emoji wrap by display width', () => {
		const lines = plain('漢字漢字漢字 😀😀😀 かなかな', 8);
		assert.deepEqual(lines, ['漢字漢字', '漢字', '😀😀😀', 'かなかな']);
	});
});
