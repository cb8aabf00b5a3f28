/** Markdown samples shaped like real model replies, for tests and measurements. */

export const replyWithEverything = `# Getting started with the project

This guide explains **how to set things up**, with *some emphasis*, a bit of ~~old~~ text, and \`inline code\`.
It continues on a second source line that should join the first as one paragraph, and it is long enough to wrap.

## Install

1. Clone the repository.
2. Run \`npm install\` — it takes a while:
   \`\`\`sh
   npm install --no-audit
   \`\`\`
3. Start it.

- A bullet with a [link](https://example.com/docs "Docs") and an autolink <https://example.org>.
- A bullet that is long enough to wrap onto a second line, so the hanging indent shows up clearly here.
  - Nested item one
  - Nested item two
    - Third level
- [x] A finished task
- [ ] An open task

> A quote that says something wise and long enough to wrap inside its gutter at a narrow width.
>
> Second paragraph of the quote.

\`\`\`typescript
export function add(a: number, b: number): number {
	return a + b; // a comment long enough to need a hard break somewhere when the pane is narrow
}
\`\`\`

---

| Option | Default | Meaning |
|:-------|:-------:|--------:|
| \`--history\` | 3 | How many earlier exchanges to send |
| \`--model\` | gpt-4o | Which model answers |

Unicode: café, naïve, 漢字かな, emoji 😀👍🏽, and an entity &amp; &lt;tag&gt;.

<details>
<summary>HTML shows as text</summary>
</details>

### A third-level heading

Final paragraph.
`;

export const replyWithLateDefinition = `See [the docs][docs] and [the API][api] for details.

Some text in between that is long enough to make a block of its own.

- a list
- of things

[docs]: https://example.com/docs
More words after the definition.

[api]: https://example.com/api "API"

The end.
`;

export const replyWithTrickyBlocks = `Paragraph one.

    indented code

    more indented code after a blank line

Para after code.

- loose item one

- loose item two

  continued paragraph of item two

- loose item three

1. ordered

2. ordered again

* different bullet

<!--
a comment

with a blank line
-->

\`\`\`
unclosed fence at first

with blank lines inside
\`\`\`

Setext heading
==============

| a | b |
|---|---|
| 1 | 2 |

> quote

> another quote

Last line without a newline`;

export const replyWithAttacks = `# Title \u001B]0;pwned\u0007 here

Text with a clipboard write \u001B]52;c;ZWNobyBoaQ==\u0007 and a screen clear \u001B[2J\u001B[H and 8-bit \u009B2J CSI.

- bell \u0007 and backspace ab\b\bcd and carriage\rreturn
- entity escape &#27;[31mred&#x1b;[0m and &#155;2J

\`\`\`
code \u001B[?1049l with escapes \u001B]8;;http://evil\u001B\\link\u001B]8;;\u001B\\
\`\`\`

[link \u001B[31mtext](http://evil.example/\u001B]52;c;AAAA\u0007path)

Unterminated OSC at the end \u001B]52;c;AAAAAAAAAAAAAAAAAAAAAAAA`;

/** A long reply built from varied blocks, about `size` characters. */
export function longReply(size: number): string {
	const blocks = [
		'Here is a paragraph of explanation that goes on for a while, mentioning `code`, **bold ideas**, and *nuance*, so it wraps several times at normal widths.',
		'## Section heading',
		'- first point with some words\n- second point, a little longer than the first one\n- third point',
		'```js\nconst value = compute(1, 2);\nconsole.log(value);\n```',
		'1. step one\n2. step two\n3. step three',
		'> a short quote to break things up',
		'| a | b |\n|---|---|\n| 1 | 2 |',
	];
	let text = '';
	for (let index = 0; text.length < size; index++) {
		text += blocks[index % blocks.length]! + '\n\n';
	}

	return text;
}
