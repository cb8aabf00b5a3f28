import {before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import chalk from 'chalk';
import {highlighterGeneration, loadHighlighter, onHighlighterLoaded} from '../../../source/ui/text/code-highlight.js';
import {codeBlocks, renderMarkdown} from '../../../source/ui/text/markdown.js';
import {codeTheme, theme} from '../../../source/ui/text/theme.js';
import {colourCodes, displayWidth, openStylesAtEnd, stripAnsi} from './ansi.js';

chalk.level = 3;

const fence = '```';
const plain = (markdown: string, width: number): string[] => renderMarkdown(markdown, width).map(line => stripAnsi(line));
const typescript = `${fence}ts\nexport function add(a: number, b: number): number {\n\treturn a + b; // sum\n}\n${fence}`;
// eslint-disable-next-line no-control-regex -- SGR sequences start with ESC
const sgr = /\u001B\[([\d;]*)m/g;

/** The SGR parameters of every escape in `text`, which must all be SGR. */
function sgrParameters(text: string): string[] {
	assert.equal(text.replace(sgr, '').includes('\u001B'), false, `only SGR escapes in ${JSON.stringify(text)}`);
	return [...text.matchAll(sgr)].map(match => match[1]!);
}

describe('the highlighter loads lazily', () => {
	test('nothing is loaded until a code block renders; that block is plain, the next one coloured', async () => {
		// This file runs in a process of its own, so the highlighter is not loaded yet.
		assert.equal(highlighterGeneration(), 0);
		const loaded = new Promise<void>(resolve => {
			const unsubscribe = onHighlighterLoaded(() => {
				unsubscribe();
				resolve();
			});
		});
		renderMarkdown('# Prose only\n\nand `inline code`.', 40);
		assert.equal(highlighterGeneration(), 0, 'prose does not load it');
		const first = renderMarkdown(typescript, 60);
		assert.deepEqual(colourCodes(first.slice(1).join('\n')), [], 'the first block renders plain');
		await loaded;
		assert.equal(highlighterGeneration(), 1);
		assert.notDeepEqual(colourCodes(renderMarkdown(typescript, 60).slice(1).join('\n')), []);
	});
});

describe('highlighted code', () => {
	before(async () => {
		await loadHighlighter();
	});

	test('keywords, strings, comments and numbers get the theme\'s styles; the text stays the code', () => {
		const lines = renderMarkdown(`${fence}ts\nconst greeting = "hi"; // say it\nlet count = 42;\n${fence}`, 60);
		assert.equal(lines[1], `${theme.codeGutter('│')} ${codeTheme['keyword']!('const')} greeting = ${codeTheme['string']!('"hi"')}; ${codeTheme['comment']!('// say it')}`);
		assert.ok(lines[2]!.includes(codeTheme['number']!('42')));
		assert.deepEqual(plain(`${fence}ts\nconst greeting = "hi"; // say it\n${fence}`, 60).slice(1), ['│ const greeting = "hi"; // say it']);
	});

	test('languages by name and alias are coloured; unknown ones and plain text stay plain', () => {
		const samples: Record<string, string> = {
			ts: 'const a: number = 1;', typescript: 'let a = 1;', tsx: 'const a = 1;', js: 'const a = 1;', jsx: 'const a = 1;',
			json: '{"a": 1}', python: 'def f(): return 1', py: 'import os', bash: 'echo "$HOME"', sh: 'if true; then echo 1; fi',
			zsh: 'echo "$HOME"', shell: '$ ls -la', go: 'func main() {}', golang: 'package main', rust: 'fn main() {}', rs: 'let x = 1;',
			java: 'public class A {}', c: 'int main(void) { return 0; }', cpp: 'int main() { return 0; }', 'c++': 'int x = 0;',
			css: 'a { color: red; }', html: '<a href="x">y</a>', sql: 'SELECT 1 FROM t;', yaml: 'a: 1', yml: 'a: 1', diff: '+added\n-removed',
			markdown: '# Title', md: '## Section', kotlin: 'fun main() {}', ruby: 'def f; end', php: '<?php echo 1; ?>', swift: 'let a = 1',
		};
		for (const [language, code] of Object.entries(samples)) {
			const body = renderMarkdown(`${fence}${language}\n${code}\n${fence}`, 80).slice(1).join('\n');
			assert.notDeepEqual(colourCodes(body), [], `${language} is highlighted: ${JSON.stringify(body)}`);
		}

		for (const language of ['', 'text', 'txt', 'plaintext', 'klingon', 'no-such-lang']) {
			const body = renderMarkdown(`${fence}${language}\nconst a = "b"; // c\n${fence}`, 80).slice(1).join('\n');
			assert.deepEqual(colourCodes(body), [], `${language || 'no language'} stays plain`);
		}
	});

	test('the info string\'s first word names the language, as shown in the header', () => {
		assert.deepEqual(plain(`${fence}python title="x.py" {.numbered}\nx = 1\n${fence}`, 40), ['│ [1] python', '│ x = 1']);
		assert.notDeepEqual(colourCodes(renderMarkdown(`${fence}python title="x.py"\nx = 1\n${fence}`, 40)[1]!), []);
	});

	test('only the 16 basic colours: no 256-colour or RGB escapes, no white, black or grey text', () => {
		const samples = [typescript, `${fence}python\n@decorator\ndef f(x: int) -> str:\n    """Doc."""\n    return f"{x!r}" + 'a' * 3  # comment\n${fence}`, `${fence}diff\n--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n${fence}`, `${fence}css\n.a:hover > #b { color: #fff; margin: 0 auto !important; }\n${fence}`];
		for (const markdown of samples) {
			for (const parameters of sgrParameters(renderMarkdown(markdown, 80).join('\n'))) {
				for (const code of parameters.split(';').map(Number)) {
					assert.ok(![38, 48, 30, 37, 90, 97].includes(code) && !(code >= 40 && code <= 49) && !(code >= 100), `SGR ${parameters} in ${markdown.slice(0, 20)}`);
				}
			}
		}
	});

	test('control sequences in code never come out, highlighted or not', () => {
		const attack = `${fence}js\nconst a = "\u001B]52;c;ZWNobyBoaQ==\u0007"; // \u001B[2J clear\nconst b = '\u009B31m' + \`\u001B]8;;http://evil\u001B\\link\u001B]8;;\u001B\\\`;\n${fence}`;
		const lines = renderMarkdown(attack, 80);
		for (const line of lines) {
			sgrParameters(line);
			assert.deepEqual(openStylesAtEnd(line), []);
		}

		assert.deepEqual(lines.map(line => stripAnsi(line)), ['│ [1] js', '│ const a = ""; //  clear', '│ const b = \'\' + `link`;']);
		assert.notDeepEqual(colourCodes(lines.join('\n')), [], 'still highlighted');
	});

	test('long lines wrap after a space with ↪ in the gutter, and no character is lost', () => {
		const line = 'const result = computeSomethingQuiteLong(firstArgument, secondArgument, thirdArgument);';
		for (const width of [20, 33, 44, 50, 80]) {
			const lines = plain(`${fence}ts\n${line}\n${fence}`, width);
			assert.equal(lines[0], '│ [1] ts');
			assert.ok(lines.every(row => displayWidth(row) <= width), `fits ${width}`);
			const rows = lines.slice(1);
			assert.match(rows[0]!, /^│ /);
			assert.ok(rows.slice(1).every(row => row.startsWith('↪ ')), `continuations marked at ${width}: ${rows.join('|')}`);
			assert.equal(rows.map(row => row.slice(2)).join(''), line, `nothing cut at ${width}`);
			if (width >= 44) {
				// Every break falls after a space when each word fits a row (the longest is 40 columns).
				assert.ok(rows.slice(0, -1).every(row => row.endsWith(' ')), rows.join('|'));
			}
		}
	});

	test('tabs and blank lines inside code are kept', () => {
		assert.deepEqual(plain(`${fence}go\nfunc f() {\n\treturn\n\n}\n${fence}`, 40), ['│ [1] go', '│ func f() {', '│     return', '│', '│ }']);
	});
});

describe('code block numbers', () => {
	const reply = `Intro.

${fence}ts
const a = 1;
${fence}

- a list item with code:
  ${fence}bash
  npm test
  ${fence}
> quoted:
>
> ${fence}
> plain
> ${fence}

    indented code

A note[^n].

[^n]: With code:

    ${fence}py
    print(1)
    ${fence}

${fence}sql
SELECT 1;
${fence}
`;

	test('the header shows each block\'s number, in document order, the notes\' blocks last', () => {
		const headers = plain(reply, 60).filter(line => /^\s*[│┃] (┃ |│ )?\[\d\]/.test(line)).map(line => line.replace(/^[\s│┃]+/, ''));
		assert.deepEqual(headers, ['[1] ts', '[2] bash', '[3]', '[4]', '[5] sql', '[6] py']);
	});

	test('codeBlocks gives the same numbers with the language and the code', () => {
		assert.deepEqual(codeBlocks(reply), [
			{index: 1, language: 'ts', code: 'const a = 1;'},
			{index: 2, language: 'bash', code: 'npm test'},
			{index: 3, language: '', code: 'plain'},
			{index: 4, language: '', code: 'indented code'},
			{index: 5, language: 'sql', code: 'SELECT 1;'},
			{index: 6, language: 'py', code: 'print(1)'},
		]);
		assert.deepEqual(codeBlocks('No code here.'), []);
	});

	test('codeBlocks gives the code as shown: sanitized, tabs kept', () => {
		assert.deepEqual(codeBlocks(`${fence}sh\necho "\u001B]52;c;AAAA\u0007hi"\n\tindented\n${fence}`), [
			{index: 1, language: 'sh', code: 'echo "hi"\n\tindented'},
		]);
	});
});

test('under NO_COLOR code is not highlighted and nothing is coloured; bold and italic stay', () => {
	const script = `
		import chalk from 'chalk';
		chalk.level = 3;
		const {renderMarkdown} = await import(${JSON.stringify(fileURLToPath(new URL('../../../source/ui/text/markdown.ts', import.meta.url)))});
		const {loadHighlighter} = await import(${JSON.stringify(fileURLToPath(new URL('../../../source/ui/text/code-highlight.ts', import.meta.url)))});
		await loadHighlighter();
		process.stdout.write(JSON.stringify(renderMarkdown(${JSON.stringify(`# Title\n\n**bold** and *it*\n\n${typescript}\n\n| a | b |\n|---|---|\n| 1 | 2 |`)}, 60)));
	`;
	const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
		env: {...process.env, NO_COLOR: '1', FORCE_COLOR: undefined},
		encoding: 'utf8',
	});
	assert.equal(result.status, 0, result.stderr);
	const lines = JSON.parse(result.stdout) as string[];
	assert.deepEqual(colourCodes(lines.join('\n')), []);
	assert.ok(lines.join('\n').includes('\u001B[1m'), 'bold stays');
	assert.ok(lines.some(line => stripAnsi(line) === '│     return a + b; // sum'));
});
