import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {
	backspace, deleteForward, deleteWordBack, editorWithText, emptyEditor, insert, insertNewline, killToLineEnd,
	killToLineStart, layout, moveDown, moveLeft, moveLineEnd, moveLineStart, moveRight, moveUp, moveWordLeft,
	moveWordRight, recallNewer, recallOlder,
} from '../../../source/ui/composer/editor.js';
import type {EditorState} from '../../../source/ui/composer/editor.js';
import {displayText} from '../../../source/ui/composer/layout.js';

/** Text with a | where the cursor is, e.g. 'ab|c'. */
function show(state: EditorState): string {
	return `${state.text.slice(0, state.cursor)}|${state.text.slice(state.cursor)}`;
}

function at(marked: string): EditorState {
	const cursor = marked.indexOf('|');
	return {...emptyEditor, text: marked.slice(0, cursor) + marked.slice(cursor + 1), cursor};
}

function rowsOf(state: EditorState, width: number): string[] {
	return layout(state, width).rows.map(row => state.text.slice(row.start, row.end));
}

describe('editing', () => {
	test('insert puts text at the cursor and moves past it', () => {
		assert.equal(show(insert(at('ac|'), 'b')), 'acb|');
		assert.equal(show(insert(at('a|c'), 'b')), 'ab|c');
		assert.equal(show(insertNewline(at('ab|cd'))), 'ab\n|cd');
	});

	test('backspace and delete remove one grapheme, not one code unit', () => {
		assert.equal(show(backspace(at('a👍🏽|'))), 'a|');
		assert.equal(show(backspace(at('🇫🇷🇩🇪|'))), '🇫🇷|');
		assert.equal(show(deleteForward(at('|e\u0301x'))), '|x');
		assert.equal(show(backspace(at('ab\n|c'))), 'ab|c');
		assert.equal(show(backspace(at('|abc'))), '|abc');
		assert.equal(show(deleteForward(at('abc|'))), 'abc|');
	});

	test('left and right step over whole graphemes and newlines', () => {
		assert.equal(show(moveLeft(at('a漢字|'))), 'a漢|字');
		assert.equal(show(moveRight(at('|👨‍👩‍👧x'))), '👨‍👩‍👧|x');
		assert.equal(show(moveRight(at('a|\nb'))), 'a\n|b');
		assert.equal(show(moveLeft(at('|a'))), '|a');
	});

	test('home and end go to the ends of the current line', () => {
		assert.equal(show(moveLineStart(at('one\ntw|o'))), 'one\n|two');
		assert.equal(show(moveLineEnd(at('o|ne\ntwo'))), 'one|\ntwo');
	});

	test('word movement skips whitespace then a word', () => {
		assert.equal(show(moveWordLeft(at('hello big  world|'))), 'hello big  |world');
		assert.equal(show(moveWordLeft(at('hello big  |world'))), 'hello |big  world');
		assert.equal(show(moveWordRight(at('|hello big'))), 'hello| big');
		assert.equal(show(moveWordRight(at('hello| big'))), 'hello big|');
		assert.equal(show(moveWordLeft(at('a\n|b'))), '|a\nb');
	});

	test('Ctrl+W deletes the word before the cursor', () => {
		assert.equal(show(deleteWordBack(at('send this now  |'))), 'send this |');
		assert.equal(show(deleteWordBack(at('send th|is'))), 'send |is');
		assert.equal(show(deleteWordBack(at('|x'))), '|x');
	});

	test('Ctrl+U and Ctrl+K kill to the line start and end, joining lines at the edge', () => {
		assert.equal(show(killToLineStart(at('one\ntw|o'))), 'one\n|o');
		assert.equal(show(killToLineStart(at('one\n|two'))), 'one|two');
		assert.equal(show(killToLineEnd(at('o|ne\ntwo'))), 'o|\ntwo');
		assert.equal(show(killToLineEnd(at('one|\ntwo'))), 'one|two');
	});
});

describe('history recall', () => {
	const history = ['first', 'second'];

	test('older and newer walk the history and restore the draft', () => {
		let state = editorWithText('draft');
		state = recallOlder(state, history);
		assert.equal(show(state), 'second|');
		state = recallOlder(state, history);
		assert.equal(show(state), 'first|');
		assert.equal(recallOlder(state, history), state, 'stays on the oldest');
		state = recallNewer(state, history);
		assert.equal(show(state), 'second|');
		state = recallNewer(state, history);
		assert.equal(show(state), 'draft|');
		assert.equal(state.recalled, undefined);
		assert.equal(recallNewer(state, history), state, 'nothing newer than the draft');
	});

	test('editing a recalled input makes it the text being typed', () => {
		let state = recallOlder(editorWithText('draft'), history);
		state = insert(state, '!');
		assert.equal(state.recalled, undefined);
		assert.equal(recallNewer(state, history).text, 'second!');
		assert.equal(recallOlder(state, history).text, 'second');
	});

	test('with no history, up and down change nothing', () => {
		const state = editorWithText('x');
		assert.equal(recallOlder(state, []), state);
		assert.equal(recallNewer(state, []), state);
	});

	test('up moves between rows before recalling; down comes back and then restores the draft', () => {
		let state = at('line one\nline| two');
		state = moveUp(state, 40, history);
		assert.equal(show(state), 'line| one\nline two');
		state = moveUp(state, 40, history);
		assert.equal(state.text, 'second', 'on the first row, up recalls');
		state = moveDown(state, 40, history);
		assert.equal(state.text, 'line one\nline two', 'on the last row, down returns to the draft');
	});

	test('up and down move between wrapped rows at the same column', () => {
		const state = at('aaaa bbbb cc|cc');
		assert.deepEqual(rowsOf(state, 5), ['aaaa ', 'bbbb ', 'cccc']);
		assert.equal(show(moveUp(state, 5, [])), 'aaaa bb|bb cccc');
		// On a wrapped row the cursor never lands past the row's end (it would show on the next row).
		assert.equal(show(moveUp(at('aa bbbbb|'), 5, [])), 'aa| bbbbb');
	});
});

describe('layout', () => {
	test('wraps at word boundaries with one space hanging at the edge', () => {
		assert.deepEqual(rowsOf(editorWithText('hello world again'), 11), ['hello world ', 'again']);
		assert.deepEqual(rowsOf(editorWithText('hello world again'), 10), ['hello ', 'world ', 'again']);
		assert.deepEqual(rowsOf(editorWithText('hello world'), 5), ['hello ', 'world']);
		assert.deepEqual(rowsOf(editorWithText('one\n\ntwo'), 10), ['one', '', 'two']);
		assert.deepEqual(rowsOf(emptyEditor, 10), ['']);
	});

	test('breaks a word longer than the width', () => {
		assert.deepEqual(rowsOf(editorWithText('abcdefghij'), 4), ['abcd', 'efgh', 'ij']);
		assert.deepEqual(rowsOf(editorWithText('go https://example.com/x'), 10), ['go ', 'https://ex', 'ample.com/', 'x']);
	});

	test('wide characters never split across the edge', () => {
		const rows = rowsOf(editorWithText('漢字漢字漢字'), 5);
		assert.deepEqual(rows, ['漢字', '漢字', '漢字']);
		const emoji = rowsOf(editorWithText('a👍🏽b👍🏽c👍🏽'), 4);
		assert.deepEqual(emoji, ['a👍🏽b', '👍🏽c', '👍🏽']);
	});

	test('every row fits the width plus one column for the cursor', () => {
		const text = 'The quick  brown fox 🦊 jumps over\tthe lazy 犬 — supercalifragilisticexpialidocious!\n\n  indented';
		for (const width of [4, 5, 7, 10, 13, 20, 33]) {
			for (let cursor = 0; cursor <= text.length; cursor++) {
				const result = layout({...emptyEditor, text, cursor}, width);
				for (const row of result.rows) {
					const shown = stringWidth(displayText(text.slice(row.start, row.end)));
					assert.ok(shown <= width + 1, `width ${width}: row ${JSON.stringify(text.slice(row.start, row.end))}`);
				}
				assert.ok(result.cursorColumn <= width, `cursor column ${result.cursorColumn} > ${width}`);
			}
		}
	});

	test('hidden characters take the columns of their placeholders; the text keeps them', () => {
		const text = 'abc\u202Edef \u200Bghi';
		assert.equal(displayText(text), 'abc⟨U+202E⟩def ⟨U+200B⟩ghi');
		assert.equal(layout(editorWithText(text), 40).cursorColumn, stringWidth(displayText(text)));
		for (const width of [4, 6, 9, 12]) {
			const result = layout(editorWithText(text), width);
			assert.equal(result.rows.map(row => text.slice(row.start, row.end)).join(''), text);
			for (const row of result.rows) {
				assert.ok(stringWidth(displayText(text.slice(row.start, row.end))) <= Math.max(width + 1, 9), `width ${width}`);
			}
		}
	});

	test('tiny widths still terminate and never drop text', () => {
		const text = 'ab 漢字 👍🏽 xyz';
		for (const width of [0, 1, 2, 3]) {
			const {rows} = layout(editorWithText(text), width);
			assert.equal(rows.map(row => text.slice(row.start, row.end)).join(''), text);
			for (const row of rows) {
				assert.ok(stringWidth(text.slice(row.start, row.end)) <= Math.max(width + 1, 2));
			}
		}
	});

	test('rows cover the text in order, newlines between logical lines', () => {
		const text = 'alpha beta gamma\ndelta epsilon';
		const {rows} = layout(editorWithText(text), 6);
		const rebuilt = rows.map((row, index) => text.slice(row.start, row.end) + (row.wraps || index === rows.length - 1 ? '' : '\n')).join('');
		assert.equal(rebuilt, text);
	});

	test('cursor row and column', () => {
		assert.deepEqual(pick(layout(at('hello |world'), 5)), [1, 0]);
		assert.deepEqual(pick(layout(at('hello| world'), 5)), [0, 5]);
		assert.deepEqual(pick(layout(at('ab\nc|d'), 5)), [1, 1]);
		assert.deepEqual(pick(layout(at('漢字|'), 10)), [0, 4]);
		// After a hanging space at the end of the text, the cursor starts a new row.
		const after = layout(at('hello |'), 5);
		assert.deepEqual(pick(after), [1, 0]);
		assert.equal(after.rows.length, 2);
	});
});

function pick(result: {cursorRow: number; cursorColumn: number}): [number, number] {
	return [result.cursorRow, result.cursorColumn];
}
