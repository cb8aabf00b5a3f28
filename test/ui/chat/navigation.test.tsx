import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {SessionStore} from '../../../source/store/types.js';
import {mountChat} from './chat-fixtures.js';

afterEach(() => {
	cleanup();
});

const keys = {
	pageUp: '\u001B[5~',
	home: '\u001B[H',
	end: '\u001B[F',
	ctrlEnd: '\u001B[1;5F',
	shiftUp: '\u001B[1;2A',
	shiftDown: '\u001B[1;2B',
	altUp: '\u001B[1;3A',
	altDown: '\u001B[1;3B',
	altM: '\u001Bm',
	wheelUp: (x: number, y: number) => `\u001B[<64;${x + 1};${y + 1}M`,
	wheelDown: (x: number, y: number) => `\u001B[<65;${x + 1};${y + 1}M`,
};

/** 30 exchanges, each question numbered, each answer four paragraphs long. */
function seed(store: SessionStore): void {
	const session = store.createSession('ada', 'mock');
	for (let index = 1; index <= 30; index++) {
		store.appendMessage(session.id, {role: 'user', content: `Question ${index}`});
		store.appendMessage(session.id, {role: 'assistant', content: `Answer ${index}, first part.\n\nSecond part.\n\nThird part.\n\nLast part of answer ${index}.`});
	}
}

/** The transcript's rows: the left pane at 120 columns (66 wide). */
function transcriptText(frame: string): string {
	return frame.split('\n').map(line => line.slice(0, 66)).join('\n');
}

describe('moving through a long conversation', () => {
	test('PgUp scrolls up and says how much is below; End (empty input line) returns to the newest message', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		try {
			await chat.waitFor(f => f.includes('Last part of answer 30.'), 'the tail');
			chat.ui.stdin.write(keys.pageUp);
			let frame = await chat.waitFor(f => /↓ \d+ more \(End\)/.test(f), 'the scroll indicator');
			assert.ok(!transcriptText(frame).includes('Last part of answer 30.'));
			chat.ui.stdin.write(keys.end);
			frame = await chat.waitFor(f => !/↓ \d+ more/.test(f), 'back at the tail');
			assert.ok(transcriptText(frame).includes('Last part of answer 30.'));
		} finally {
			await chat.cleanup();
		}
	});

	test('with text in the input line End is the line\'s, the indicator says Ctrl+End, and Ctrl+End returns', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		try {
			await chat.waitFor(f => f.includes('Last part of answer 30.'), 'the tail');
			await chat.type('draft');
			chat.ui.stdin.write(keys.pageUp);
			await chat.waitFor(f => /↓ \d+ more \(Ctrl\+End\)/.test(f), 'the indicator names Ctrl+End');
			chat.ui.stdin.write(keys.end);
			chat.ui.stdin.write(keys.ctrlEnd);
			await chat.waitFor(f => !/↓ \d+ more/.test(f) && f.includes('ada › draft'), 'back at the tail, the draft kept');
		} finally {
			await chat.cleanup();
		}
	});

	test('Home (empty input line) goes to the first message; Shift+↓ and Shift+↑ move one line', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		try {
			await chat.waitFor(f => f.includes('Last part of answer 30.'), 'the tail');
			chat.ui.stdin.write(keys.home);
			// Rows 0–2 are the border, the title and the notice; the conversation starts on row 3.
			const firstRow = (frame: string) => transcriptText(frame).split('\n').slice(3, 5).join('\n');
			const top = await chat.waitFor(f => firstRow(f).includes('❯ ada') && f.includes('Answer 1, first part.'), 'the first question');
			const before = firstRow(top);
			chat.ui.stdin.write(keys.shiftDown);
			const down = await chat.waitFor(f => firstRow(f) !== before, 'one line down');
			assert.equal(firstRow(down).split('\n')[0], before.split('\n')[1], 'the view moved by exactly one line');
			chat.ui.stdin.write(keys.shiftUp);
			await chat.waitFor(f => firstRow(f) === before, 'one line up again');
		} finally {
			await chat.cleanup();
		}
	});

	test('Alt+↑ and Alt+↓ jump from message to message', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed, rows: 30});
		try {
			await chat.waitFor(f => f.includes('Last part of answer 30.'), 'the tail');
			const headerAtTop = (frame: string) => transcriptText(frame).split('\n').slice(3, 5).join('\n');
			chat.ui.stdin.write(keys.altUp);
			const first = await chat.waitFor(f => /↓ \d+ more/.test(f), 'the first jump');
			assert.match(headerAtTop(first), /^│ ❯ ada +│\n│ {3}Question 29 /, `the header of the message cut off at the top is on the top row:\n${first}`);
			chat.ui.stdin.write(keys.altUp);
			const second = await chat.waitFor(f => headerAtTop(f) !== headerAtTop(first), 'the message before it');
			assert.match(headerAtTop(second), /^│ ◆ mock/, 'the reply before it');
			chat.ui.stdin.write(keys.altDown);
			await chat.waitFor(f => headerAtTop(f) === headerAtTop(first), 'back to the first jump');
		} finally {
			await chat.cleanup();
		}
	});

	test('the wheel scrolls the pane under the pointer; Alt+M turns it off and says so', async () => {
		const chat = await mountChat({start: {kind: 'continue'}, seed});
		try {
			await chat.waitFor(f => f.includes('Last part of answer 30.'), 'the tail');
			chat.ui.stdin.write(keys.wheelUp(10, 10));
			await chat.waitFor(f => /↓ 3 more/.test(f), 'the transcript scrolled three lines');
			chat.ui.stdin.write(keys.wheelDown(10, 10));
			await chat.waitFor(f => !/↓ \d+ more/.test(f), 'and back');
			const historyBefore = chat.frame().split('\n').map(line => line.slice(66)).join('\n');
			chat.ui.stdin.write(keys.wheelUp(90, 10));
			await chat.waitFor(f => f.split('\n').map(line => line.slice(66)).join('\n') !== historyBefore, 'the history pane scrolled');
			assert.ok(!/↓ \d+ more/.test(chat.frame()), 'the transcript did not move');
			chat.ui.stdin.write(keys.altM);
			await chat.waitFor(f => f.includes('Mouse wheel off'), 'the notice');
		} finally {
			await chat.cleanup();
		}
	});
});
