import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {theme} from '../../../source/ui/text/theme.js';
import {stripAnsi} from './ansi.js';

chalk.level = 3;

const plain = (markdown: string, width: number): string[] => renderMarkdown(markdown, width).map(line => stripAnsi(line));

describe('entities', () => {
	test('every HTML5 named entity decodes; numeric ones too; unknown names and code stay as written', () => {
		assert.deepEqual(plain('caf&eacute; &rarr; &hellip; &frac12; &Omega; &nbsp;x &NotEqualTilde; &lbrace;&rbrace;', 60), ['café → … ½ Ω \u00A0x ≂̸ {}']);
		assert.deepEqual(plain('&#233; &#xE9; &#X1F600; &#0; &#xD800; &#1114112;', 60), ['é é 😀 \uFFFD \uFFFD \uFFFD']);
		assert.deepEqual(plain('&notanentity; &amp &copy `&eacute;`', 60), ['&notanentity; &amp &copy &eacute;']);
		assert.deepEqual(plain('# caf&eacute;\n\n- &check; done\n\n| &alpha; | &beta; |\n|---|---|\n| &gamma; | &delta; |', 40).filter(line => line !== ''), [
			'café', '• ✓ done', '┌───┬───┐', '│ α │ β │', '├───┼───┤', '│ γ │ δ │', '└───┴───┘',
		]);
	});

	test('an entity that decodes to a control character never reaches the screen', () => {
		for (const line of renderMarkdown('&#27;]52;c;AAAA&#7; &#x9b;2J &#155;31m and &#127; ok', 60)) {
			// eslint-disable-next-line no-control-regex -- looking for control characters is the point
			assert.doesNotMatch(stripAnsi(line), /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		}
	});
});

describe('links', () => {
	test('the title shows after the address, in quotes', () => {
		assert.deepEqual(plain('See [the docs](https://example.com/docs "Read me first").', 80), ['See the docs (https://example.com/docs “Read me first”).']);
		assert.deepEqual(plain('[docs][ref]\n\n[ref]: https://example.com/ref \'Reference &amp; more\'', 80), ['docs (https://example.com/ref “Reference & more”)']);
	});

	test('an address in the link text is not repeated', () => {
		assert.deepEqual(plain('<https://example.com> and [https://example.com](https://example.com) and www.example.com', 80), [
			'https://example.com and https://example.com and www.example.com',
		]);
	});
});

describe('footnotes', () => {
	const text = `Claims need sources[^source], and caveats[^Note-2] too.
A reused note[^source] keeps its number; an undefined one[^missing] gets one.

[^source]: The first footnote, long enough to wrap onto a second line at a narrow width.
[^note-2]: The second one, with **bold** and \`code\`.

    And a second paragraph, indented.

After the notes.`;

	test('references become numbers in order of first use, the notes follow the message', () => {
		assert.deepEqual(plain(text, 50), [
			'Claims need sources[1], and caveats[2] too. A',
			'reused note[1] keeps its number; an undefined',
			'one[3] gets one.',
			'',
			'After the notes.',
			'',
			'────────────────────',
			'[1] The first footnote, long enough to wrap onto a',
			'    second line at a narrow width.',
			'[2] The second one, with bold and code.',
			'',
			'    And a second paragraph, indented.',
		]);
		assert.ok(renderMarkdown(text, 50)[0]!.includes(theme.footnote('[1]')));
	});

	test('a note never referenced is listed after the others; a label defined twice keeps its first text', () => {
		assert.deepEqual(plain('Text[^b].\n\n[^a]: Lonely note.\n[^b]: Used note.\n[^b]: Ignored.', 40), [
			'Text[1].',
			'',
			'────────────────────',
			'[1] Used note.',
			'[2] Lonely note.',
		]);
	});

	test('footnotes in lists and tables are numbered too; [^x] inside code is code', () => {
		assert.deepEqual(plain('- item[^a]\n\n| h |\n|---|\n| cell[^b] |\n\n`[^c]`\n\n[^a]: A.\n[^b]: B.', 40), [
			'• item[1]',
			'',
			'┌─────────┐',
			'│ h       │',
			'├─────────┤',
			'│ cell[2] │',
			'└─────────┘',
			'',
			'[^c]',
			'',
			'────────────────────',
			'[1] A.',
			'[2] B.',
		]);
	});
});

describe('raw HTML', () => {
	test('<details> shows its summary as a line and its body as markdown', () => {
		assert.deepEqual(plain('<details>\n<summary>Why &amp; how?</summary>\n\nThe **body** text.\n\n</details>\n\nAfter.', 40), [
			'▸ Why & how?',
			'',
			'The body text.',
			'',
			'After.',
		]);
		assert.ok(renderMarkdown('<details><summary>S</summary></details>', 40)[0]!.includes(theme.summary('S')));
	});

	test('<br> breaks the line, <kbd> looks like a key, inline tags style their text', () => {
		assert.deepEqual(plain('one<br>two<br/>three', 40), ['one', 'two', 'three']);
		const [keys] = renderMarkdown('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.', 40);
		assert.equal(keys, `Press ${theme.keyCap('Ctrl')}+${theme.keyCap('C')}.`);
		const [styled] = renderMarkdown('<b>bold</b> <i>it</i> <code>x</code> <s>old</s> <u>under</u> <sup>2</sup>', 60);
		assert.equal(styled, `${theme.strong('bold')} ${theme.emphasis('it')} ${theme.inlineCode('x')} ${theme.strike('old')} ${theme.underline('under')} 2`);
	});

	test('other tags vanish and leave their text; comments, scripts and styles show nothing', () => {
		assert.deepEqual(plain('<div align="center">\n<p>Centered <span class="x">text</span></p>\n<img src="logo.png" alt="Logo">\n</div>', 40), ['Centered text', '[image: Logo]']);
		assert.deepEqual(plain('a <!-- hidden --> b <script>alert(1)</script> c <style>p{}</style> d', 40), ['a  b  c  d']);
		assert.deepEqual(plain('<script>\nalert("x")\n</script>\n\n<!-- a comment -->\n\nText.', 40), ['Text.']);
		assert.deepEqual(plain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>', 40), ['• one', '• two']);
		assert.deepEqual(plain('<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>', 40), ['a b', '1 2']);
	});

	test('a link in HTML shows its address; nothing in an attribute reaches the terminal raw', () => {
		assert.deepEqual(plain('<a href="https://example.com/x" title="T">site</a>', 60), ['site (https://example.com/x “T”)']);
		assert.deepEqual(plain('<a href="javascript:alert(1)">click</a>', 60), ['click (javascript:alert(1))']);
		const hostile = renderMarkdown('<img alt="x&#27;]52;c;AAAA&#7;y" src="z"> <a href="https://e.example/&#27;[2J">e</a>', 60).join('\n');
		// The decoded ESC … BEL is a whole OSC sequence (a clipboard write), the ESC [ 2J a CSI: both go.
		assert.equal(stripAnsi(hostile), '[image: xy] e (https://e.example/)');
		assert.ok(!stripAnsi(hostile).includes('\u001B'), 'no escape but our styles and links');
	});
});
