import {before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {loadHighlighter} from '../../../source/ui/text/code-highlight.js';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {StreamingMarkdown} from '../../../source/ui/text/streaming-markdown.js';
import {
	longReply,
	replyWithAttacks,
	replyWithEverything,
	replyWithLateDefinition,
	replyWithTrickyBlocks,
} from './fixtures.js';
import {stripAnsi} from './ansi.js';
import {longAnswers} from './long-answers.js';

chalk.level = 3;
process.env['FORCE_HYPERLINK'] = '1';

before(async () => {
	// Code is highlighted while it streams, as in the app.
	await loadHighlighter();
});

const replyWithNotesAndHtml = `Intro with a note[^1] and <kbd>Ctrl</kbd>+<kbd>C</kbd>.

<details>
<summary>More &rarr; here</summary>

Inside **details**.

</details>

\`\`\`python
def f(x):
    """A docstring
    over two lines."""
    return x  # done
\`\`\`

| A | B |
|:-:|--:|
| 1 | [link](https://example.com "T") |

[^1]: The note, with a [link](https://example.com/n).
    And a lazy second line.

Last paragraph[^2].

[^2]: Second.
`;

/**
 * Feeds `text` in growing prefixes (cut points from `cuts`) and checks every output. A prefix that
 * ends inside a surrogate pair shows nothing of that character yet (its other half is coming),
 * where renderMarkdown of the prefix alone shows the lone half as U+FFFD.
 */
function streamAndCompare(text: string, width: number, cuts: Iterable<number>): void {
	const stream = new StreamingMarkdown();
	for (const cut of cuts) {
		const prefix = text.slice(0, cut);
		const code = prefix.charCodeAt(prefix.length - 1);
		const complete = code >= 0xd8_00 && code <= 0xdb_ff ? prefix.slice(0, -1) : prefix;
		assert.deepEqual(stream.render(prefix, width), renderMarkdown(complete, width), `cut at ${cut} of ${JSON.stringify(text.slice(0, 40))}`);
	}

	assert.deepEqual(stream.render(text, width), renderMarkdown(text, width));
}

function* everyCut(text: string): Iterable<number> {
	for (let cut = 0; cut <= text.length; cut++) {
		yield cut;
	}
}

/** Cut points a few characters apart, like tokens arriving. */
function* tokenCuts(text: string, seed: number): Iterable<number> {
	let state = seed;
	for (let cut = 0; cut < text.length;) {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		cut += 1 + (state % 7);
		yield Math.min(cut, text.length);
	}
}

describe('StreamingMarkdown', () => {
	const samples = {replyWithEverything, replyWithLateDefinition, replyWithTrickyBlocks, replyWithAttacks, replyWithNotesAndHtml};

	for (const [name, text] of Object.entries(samples)) {
		test(`${name}: equals renderMarkdown at every cut point`, () => {
			streamAndCompare(text, 50, everyCut(text));
		});

		test(`${name}: equals renderMarkdown when fed token-sized chunks at several widths`, () => {
			for (const [index, width] of [24, 80, 133].entries()) {
				streamAndCompare(text, width, tokenCuts(text, index + 1));
			}
		});
	}

	for (const [name, text] of Object.entries(longAnswers)) {
		test(`long answer ${name}: equals renderMarkdown at every cut point at 80 columns, and token by token at 200`, () => {
			streamAndCompare(text, 80, everyCut(text));
			streamAndCompare(text, 200, tokenCuts(text, 3));
		});
	}

	test('code block numbers and footnote numbers continue from the stable part into the tail', () => {
		const text = '```ts\nconst a = 1;\n```\n\nText[^x].\n\n```py\nb = 2\n```\n\nMore[^y] and again[^x].\n\n[^y]: Why.\n[^x]: Ex.\n';
		const stream = new StreamingMarkdown();
		let lines: readonly string[] = [];
		for (const cut of everyCut(text)) {
			lines = stream.render(text.slice(0, cut), 40);
		}

		const shown = lines.map(line => stripAnsi(line));
		assert.ok(shown.includes('│ [2] py'), shown.join('\n'));
		assert.ok(shown.includes('More[2] and again[1].'), shown.join('\n'));
		assert.deepEqual(shown.slice(-2), ['[1] Ex.', '[2] Why.']);
	});

	test('a long reply streams with a short tail and ends identical to renderMarkdown', () => {
		const text = longReply(25_000);
		const stream = new StreamingMarkdown();
		let longestTail = 0;
		for (const cut of tokenCuts(text, 7)) {
			stream.render(text.slice(0, cut), 80);
			longestTail = Math.max(longestTail, stream.tailLength);
		}

		assert.deepEqual(stream.render(text, 80), renderMarkdown(text, 80));
		// Only the last block or two is re-lexed per call, however long the reply grows.
		assert.ok(longestTail < 600, `tail grew to ${longestTail}`);
	});

	test('a change of width re-renders the stable part at the new width', () => {
		const text = replyWithEverything;
		const stream = new StreamingMarkdown();
		const half = Math.floor(text.length / 2);
		stream.render(text.slice(0, half), 80);
		assert.deepEqual(stream.render(text.slice(0, half), 40), renderMarkdown(text.slice(0, half), 40));
		assert.deepEqual(stream.render(text, 40), renderMarkdown(text, 40));
		assert.deepEqual(stream.render(text, 80), renderMarkdown(text, 80));
	});

	test('text that does not extend the previous text starts over', () => {
		const stream = new StreamingMarkdown();
		stream.render('# First message\n\nwith a paragraph\n\nand more\n', 40);
		assert.deepEqual(stream.render('Another *reply*', 40), renderMarkdown('Another *reply*', 40));
		assert.deepEqual(stream.render('', 40), []);
	});

	test('the same input returns the same lines without rendering again', () => {
		const stream = new StreamingMarkdown();
		const first = stream.render(replyWithEverything, 60);
		assert.equal(stream.render(replyWithEverything, 60), first);
	});

	test('an unterminated escape sequence hides the rest until it ends, like the full render', () => {
		const text = 'Before.\n\nA \u001B]52;c;QUJD';
		const stream = new StreamingMarkdown();
		assert.deepEqual(stream.render(text, 40), renderMarkdown(text, 40));
		const ended = `${text}\u0007 after.\n\nNext paragraph.`;
		assert.deepEqual(stream.render(ended, 40), renderMarkdown(ended, 40));
		assert.ok(renderMarkdown(ended, 40).includes('A  after.'));
	});
});
