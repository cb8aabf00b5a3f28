import {test} from 'node:test';
import assert from 'node:assert/strict';
import {codeBlocks} from '../../../source/ui/text/index.js';

test('code blocks in the order they appear, nested ones included, numbered from 1', () => {
	const markdown = [
		'Intro.',
		'```ts {.numbered}',
		'const a = 1;',
		'```',
		'- a list item with code:',
		'',
		'  ```python',
		'  print("nested")',
		'  ```',
		'> quoted:',
		'> ```',
		'> plain',
		'> ```',
		'',
		'    indented code',
		'',
		'~~~sh',
		'echo "last"',
		'~~~',
	].join('\n');
	assert.deepEqual(codeBlocks(markdown), [
		{index: 1, language: 'ts', code: 'const a = 1;'},
		{index: 2, language: 'python', code: 'print("nested")'},
		{index: 3, language: '', code: 'plain'},
		{index: 4, language: '', code: 'indented code'},
		{index: 5, language: 'sh', code: 'echo "last"'},
	]);
});

test('code is given as shown: control sequences gone, hidden characters as placeholders, tabs and blank lines kept', () => {
	const [block] = codeBlocks('```js\nif (x)\t{\n\n  evil("\u001B]52;c;QUJD\u0007")\u202E;\n}\n```');
	assert.equal(block!.code, 'if (x)\t{\n\n  evil("")⟨U+202E⟩;\n}');
});

test('none, and an unclosed fence (a reply cut off) still counts', () => {
	assert.deepEqual(codeBlocks('No code here, only `inline` code.'), []);
	assert.deepEqual(codeBlocks('Start:\n```go\nfmt.Println("cut'), [{index: 1, language: 'go', code: 'fmt.Println("cut'}]);
});
