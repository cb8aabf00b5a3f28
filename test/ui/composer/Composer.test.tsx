import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {useState} from 'react';
import {Box, Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {Composer} from '../../../source/ui/composer/Composer.js';
import type {ComposerProps} from '../../../source/ui/composer/Composer.js';
import {InputProvider, useInputLayer} from '../../../source/hooks/input-provider.js';
import {waitFor, waitForFrame} from '../../support/wait-for.js';

const enter = '\r';
const altEnter = '\u001B\r';
const ctrlJ = '\n';
const up = '\u001B[A';
const down = '\u001B[B';
const left = '\u001B[D';
const altLeft = '\u001B[1;3D';
const ctrlRight = '\u001B[1;5C';
const backspace = '\u007F';
const del = '\u001B[3~';
const home = '\u001B[H';
const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);
const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

afterEach(() => {
	cleanup();
});

interface Harness {
	submitted: string[];
	helps: number;
	stdin: {write: (data: string) => void; listenerCount: (event: string) => number};
	frame: () => string;
	frames: string[];
	type: (...chunks: string[]) => Promise<void>;
	waitFrame: (predicate: (frame: string) => boolean) => Promise<string>;
	rerender: (props?: Partial<ComposerProps>) => void;
	unmount: () => void;
}

async function renderComposer(props: Partial<ComposerProps> = {}): Promise<Harness> {
	const submitted: string[] = [];
	const harness = {submitted, helps: 0} as Harness;
	const element = (overrides: Partial<ComposerProps>) => (
		<InputProvider>
			<Composer
			user='ada'
			width={40}
			maxRows={5}
			focused
			history={[]}
			onSubmit={text => submitted.push(text)}
			onHelp={() => {
				harness.helps++;
			}}
			{...props}
			{...overrides}
			/>
		</InputProvider>
	);
	const result = render(element({}));
	// Input is read once the composer's effects have put stdin in raw mode.
	await waitFor(() => result.stdin.listenerCount('readable') > 0);
	Object.assign(harness, {
		stdin: result.stdin,
		frames: result.frames,
		frame: () => result.lastFrame() ?? '',
		// Ink reads, parses and dispatches each write synchronously (only a lone ESC waits a tick).
		async type(...chunks: string[]) {
			for (const chunk of chunks) {
				result.stdin.write(chunk);
			}
		},
		waitFrame: async (predicate: (frame: string) => boolean) => waitForFrame(result.lastFrame, predicate),
		rerender: (overrides: Partial<ComposerProps> = {}) => {
			result.rerender(element(overrides));
		},
		unmount: result.unmount,
	});
	return harness;
}

function lines(frame: string): string[] {
	return frame.split('\n');
}

describe('Composer', () => {
	test('shows the prompt and placeholder, sends the typed text on Enter and clears', async () => {
		const ui = await renderComposer();
		assert.match(ui.frame(), /ada › .*Message — Enter to send/);
		await ui.type('hello', ' world');
		await ui.waitFrame(frame => frame.includes('ada › hello world'));
		await ui.type(enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['hello world']);
		await ui.waitFrame(frame => frame.includes('Message —'));
	});

	test('when the parent refuses a message (onSubmit returns false) the text stays', async () => {
		const offered: string[] = [];
		let accept = false;
		const ui = await renderComposer({
			onSubmit(text) {
				offered.push(text);
				return accept;
			},
		});
		await ui.type('wait for it', enter);
		await waitFor(() => offered.length === 1);
		await ui.waitFrame(frame => frame.includes('ada › wait for it'));
		accept = true;
		await ui.type(enter);
		await waitFor(() => offered.length === 2);
		await ui.waitFrame(frame => frame.includes('Message —'));
		assert.deepEqual(offered, ['wait for it', 'wait for it']);
	});

	test('a long or hostile user name is cut and cleaned in the prompt', async () => {
		const ui = await renderComposer({user: 'ada\u001B]0;pwned\u0007\nlovelace-with-a-very-long-name'});
		const frame = await ui.waitFrame(text => text.includes('›'));
		assert.match(frame, /^ada lovelace… › /, 'at most a third of the width');
		assert.ok(!frame.includes('pwned'));
	});

	test('Enter on empty or blank text sends nothing', async () => {
		const ui = await renderComposer();
		await ui.type(enter, '   ', enter, '\t', enter);
		await ui.type('x');
		await ui.waitFrame(frame => frame.includes('x'));
		assert.deepEqual(ui.submitted, []);
		await ui.type(enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['x'], 'blank input stays until real text is sent, then all is trimmed');
	});

	test('Alt+Enter and Ctrl+J insert new lines without sending', async () => {
		const ui = await renderComposer();
		await ui.type('one', altEnter, 'two', ctrlJ, 'three');
		const frame = await ui.waitFrame(text => text.includes('three'));
		assert.deepEqual(lines(frame).map(line => line.trimEnd()), ['ada › one', '      two', '      three']);
		assert.deepEqual(ui.submitted, []);
		await ui.type(enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['one\ntwo\nthree']);
	});

	test('a bracketed paste in many chunks, with lone \\r chunks, is inserted whole and never sends', async () => {
		const ui = await renderComposer({maxRows: 10});
		await ui.type('> ');
		// '\r' then '\n' in separate chunks is still one CRLF line break; '\r', '\r' are two.
		await ui.type(pasteStart, 'first line', '\r', 'second\r\nthird', '\r', '\n', 'fourth', '\r', '\r', 'fifth', pasteEnd);
		await ui.waitFrame(frame => frame.includes('fifth'));
		assert.deepEqual(ui.submitted, [], 'the pasted line breaks did not send');
		assert.deepEqual(lines(ui.frame()).map(line => line.trimEnd()), [
			'ada › > first line', '      second', '      third', '      fourth', '', '      fifth',
		]);
		await ui.type(enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['> first line\nsecond\nthird\nfourth\n\nfifth']);
	});

	test('a paste arriving in one chunk with its markers is one paste too', async () => {
		const ui = await renderComposer();
		await ui.type(`${pasteStart}a\rb${pasteEnd}`);
		await ui.waitFrame(frame => frame.includes('b'));
		await ui.type(enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['a\nb']);
	});

	test('escape sequences and control characters in a paste are stripped', async () => {
		const ui = await renderComposer();
		await ui.type(pasteStart, 'safe\u001B]52;c;ZXZpbA==\u0007text', '\u001B[31m', ' red\u0007\u0008', '\u001B]0;title\u001B\\', '!', pasteEnd);
		await ui.waitFrame(frame => frame.includes('!'));
		await ui.type(enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['safetext red!']);
	});

	test('a line break inside text read at once (a terminal without bracketed paste) is a newline, not Enter', async () => {
		const ui = await renderComposer();
		await ui.type('line one\rline two');
		await ui.waitFrame(frame => frame.includes('line two'));
		assert.deepEqual(ui.submitted, []);
	});

	test('keys read together are still keys: text then Enter, a held Backspace, Ctrl+U Ctrl+K', async () => {
		const ui = await renderComposer();
		ui.stdin.write('hello\r');
		await waitFor(() => ui.submitted.length === 1);
		ui.stdin.write('abcdef\u007F\u007F\u007F');
		ui.stdin.write('\u0002\u0002\u0015\u000Bxyz\r');
		ui.stdin.write('abc\u007F\u007F\u0015\u000B\r');
		ui.stdin.write('ok\r');
		await waitFor(() => ui.submitted.length === 3);
		assert.deepEqual(ui.submitted, ['hello', 'xyz', 'ok']);
	});

	test('↑/↓ recall earlier inputs and bring the draft back', async () => {
		const ui = await renderComposer({history: ['first question', 'second question']});
		await ui.type('my draft');
		await ui.waitFrame(frame => frame.includes('my draft'));
		await ui.type(up);
		await ui.waitFrame(frame => frame.includes('second question'));
		await ui.type(up);
		await ui.waitFrame(frame => frame.includes('first question'));
		await ui.type(up);
		await ui.type(down);
		await ui.waitFrame(frame => frame.includes('second question'));
		await ui.type(down);
		await ui.waitFrame(frame => frame.includes('my draft'));
		await ui.type(up, enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['second question']);
	});

	test('long text wraps within the width, scrolls within maxRows and marks hidden rows', async () => {
		const width = 30;
		const ui = await renderComposer({width, maxRows: 3});
		const text = 'The quick brown fox jumps over the lazy dog; 漢字も書ける 👍🏽 and a veryveryveryveryveryverylongword at the end';
		await ui.type(text);
		await ui.waitFrame(frame => frame.includes('the end'));
		for (const frame of ui.frames) {
			for (const line of lines(frame)) {
				assert.ok(stringWidth(line) <= width, `line wider than ${width}: ${JSON.stringify(line)}`);
			}
		}
		const last = lines(ui.frame());
		assert.equal(last.length, 3, 'at most maxRows rows');
		assert.match(last[0]!, /↑\d/, 'rows hidden above are marked');
		await ui.type(home, up, up, up, up);
		const top = await ui.waitFrame(frame => frame.startsWith('ada › The quick'));
		assert.match(lines(top).at(-1)!, /↓\d/, 'rows hidden below are marked');
		await ui.type(enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.equal(ui.submitted[0], text, 'wrapping never changes the text');
	});

	test('reports how many rows it takes', async () => {
		const heights: number[] = [];
		const ui = await renderComposer({width: 20, maxRows: 3, onHeightChange: rows => heights.push(rows)});
		await waitFor(() => heights.at(-1) === 1);
		await ui.type('one two three four five six seven');
		await waitFor(() => heights.at(-1) === 3);
		await ui.type(enter);
		await waitFor(() => heights.at(-1) === 1);
		assert.equal(lines(ui.frame()).length, 1);
	});

	test('cursor movement and editing keys', async () => {
		const ui = await renderComposer();
		const send = async (...chunks: string[]): Promise<string> => {
			const count = ui.submitted.length;
			await ui.type(...chunks, enter);
			await waitFor(() => ui.submitted.length === count + 1);
			return ui.submitted.at(-1)!;
		};
		assert.equal(await send('world', ctrl('a'), 'hello ', ctrl('e'), '!'), 'hello world!');
		assert.equal(await send('one two three', altLeft, altLeft, '_', ctrlRight, '_'), 'one _two_ three');
		assert.equal(await send('abc', left, left, backspace, 'X'), 'Xbc');
		assert.equal(await send('abc', left, left, del, 'Y'), 'aYc');
		assert.equal(await send('keep drop this', ctrl('w'), ctrl('w'), 'me'), 'keep me');
		assert.equal(await send('drop keep', left, left, left, left, ctrl('u'), 'so '), 'so keep');
		assert.equal(await send('keep drop', left, left, left, left, ctrl('k'), 'it'), 'keep it');
		assert.equal(await send('ok 👍🏽', backspace, '✓'), 'ok ✓');
		assert.equal(await send('漢字', left, 'X'), '漢X字');
	});

	test('? in an empty composer asks for help; after text it types a ?', async () => {
		const ui = await renderComposer();
		await ui.type('?');
		await waitFor(() => ui.helps === 1);
		assert.match(ui.frame(), /Message —/, 'the ? was not typed');
		await ui.type('why', '?', enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['why?']);
		assert.equal(ui.helps, 1);
	});

	test('without onHelp, ? is just typed', async () => {
		const ui = await renderComposer({onHelp: undefined});
		await ui.type('?', enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['?']);
	});

	test('F-keys type nothing', async () => {
		const ui = await renderComposer();
		await ui.type('\u001BOP', '\u001B[11~', '\u001B[12~', 'x');
		await ui.waitFrame(frame => frame.includes('ada › x'));
		assert.equal(ui.helps, 0);
	});

	test('when not focused, keys and pastes are ignored', async () => {
		const ui = await renderComposer({focused: false});
		await ui.type('abc', `${pasteStart}pasted${pasteEnd}`, enter);
		assert.match(ui.frame(), /ada › Message —/);
		ui.rerender({focused: true});
		await ui.type('x', enter);
		await waitFor(() => ui.submitted.length === 1);
		assert.deepEqual(ui.submitted, ['x']);
	});
});

describe('Composer inside a parent', () => {
	function Parent({seen}: {seen: string[]}) {
		const [focused, setFocused] = useState(true);
		useInputLayer('screen', {
			onKey(event) {
				seen.push(event.name ?? `${event.ctrl ? 'ctrl+' : ''}${event.text}`);
				if (event.name === 'tab') setFocused(value => !value);
				return true;
			},
			onPaste(text) {
				seen.push(`paste:${text}`);
				return true;
			},
		});
		return (
			<Box flexDirection='column'>
				<Text>{focused ? 'composer focused' : 'history focused'}</Text>
				<Composer user='ada' width={40} maxRows={3} focused={focused} history={[]} onSubmit={() => undefined}/>
			</Box>
		);
	}

	test('Esc, Tab and Ctrl keys reach the screen and type nothing; a paste goes to the composer only', async () => {
		const seen: string[] = [];
		const {stdin, lastFrame} = render(<InputProvider><Parent seen={seen}/></InputProvider>);
		await waitFor(() => stdin.listenerCount('readable') > 0);
		stdin.write('hi');
		stdin.write(ctrl('n'));
		stdin.write(ctrl('o'));
		stdin.write(ctrl('t'));
		stdin.write('\u001B');
		await waitFor(() => seen.includes('escape'));
		stdin.write(pasteStart);
		stdin.write('\t');
		stdin.write('x');
		stdin.write(pasteEnd);
		await waitForFrame(lastFrame, frame => frame.includes('ada › hi    x'));
		stdin.write('\t');
		await waitForFrame(lastFrame, frame => frame.includes('history focused'));
		stdin.write('typed while the composer has no focus');
		await waitFor(() => seen.length === 6);
		assert.deepEqual(seen, ['ctrl+n', 'ctrl+o', 'ctrl+t', 'escape', 'tab', 'typed while the composer has no focus']);
	});
});
