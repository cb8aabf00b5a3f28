import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {StreamingThinking, thinkingDuration, thoughtLines} from '../../../source/ui/chat/thinking-lines.js';
import {messageLines} from '../../../source/ui/chat/transcript-lines.js';
import {offsetShowing, thinkingAnchor} from '../../../source/ui/chat/thinking-toggle.js';
import {sliceFromBottom} from '../../../source/ui/chat/line-view.js';
import type {StoredMessage} from '../../../source/store/types.js';
import {displayWidth, stripAnsi} from '../text/ansi.js';

const plain = (lines: readonly string[]) => lines.map(line => stripAnsi(line));
const collapsed = {expanded: false, hideLive: false};
const expanded = {expanded: true, hideLive: false};

const thinking = '\n\nThe user asks for the answer.\nFirst I recall what it is: a number that is often quoted, 42.\n\nThen I say it briefly.\n\n';

function reply(fields: Partial<StoredMessage>): StoredMessage {
	return {
		id: 1, sessionId: 's', position: 1, role: 'assistant', content: 'It is **42**.', status: 'complete', error: null, createdAt: 0,
		usage: null, thinking, thinkingMs: 12_400, model: null, superseded: false, ...fields,
	};
}

describe('thinking in the transcript', () => {
	test('durations read as people say them', () => {
		assert.equal(thinkingDuration(300), 'under a second');
		assert.equal(thinkingDuration(12_400), '12 s');
		assert.equal(thinkingDuration(125_000), '2 min 5 s');
	});

	test('a stored reply\'s thinking is one collapsed line naming the key, above the answer', () => {
		const lines = plain(messageLines(reply({}), 'ada', 'model', 60));
		assert.deepEqual(lines.slice(0, 3), ['◆ model', '  ▸ Thought for 12 s — Ctrl+X to expand', '  It is 42.']);
		assert.ok(!lines.join('\n').includes('The user asks'));
	});

	test('expanded, the whole thinking shows, wrapped in a gutter with blank edges dropped, then the answer', () => {
		const lines = plain(messageLines(reply({}), 'ada', 'model', 44, true));
		assert.equal(lines[1], '  ▾ Thought for 12 s — Ctrl+X to collapse');
		assert.deepEqual(lines.slice(2, 9), [
			'  ┊ The user asks for the answer.',
			'  ┊ First I recall what it is: a number that',
			'  ┊ is often quoted, 42.',
			'  ┊',
			'  ┊ Then I say it briefly.',
			'  ',
			'  It is 42.',
		]);
	});

	test('no time kept (an imported reply), no thinking or a blank one', () => {
		assert.equal(plain(messageLines(reply({thinkingMs: null}), 'ada', 'model', 60))[1], '  ▸ Thought — Ctrl+X to expand');
		for (const none of [null, '', ' \n ']) {
			assert.deepEqual(plain(messageLines(reply({thinking: none}), 'ada', 'model', 60)).slice(0, 2), ['◆ model', '  It is 42.']);
		}
	});

	test('hostile thinking is shown without its control sequences, and every line fits', () => {
		const hostile = 'Clear \u001B[2J the screen, copy \u001B]52;c;QUJD\u0007 this, bidi \u202E here, and a very long word ' + 'x'.repeat(90);
		for (const width of [12, 30, 77]) {
			for (const line of thoughtLines(hostile, 1000, true, width)) {
				// eslint-disable-next-line no-control-regex -- looking for control characters is the point
				assert.doesNotMatch(stripAnsi(line), /[\u0000-\u001F\u007F-\u009F\u202E]/);
				assert.ok(displayWidth(line) <= width, `${JSON.stringify(line)} fits ${width}`);
			}
		}
	});

	test('streaming: the block grows under "Thinking…" and equals wrapping the whole text at once, piece by piece', () => {
		const live = new StreamingThinking();
		const text = 'Let me think.\nThe question has two parts, the first of which is long enough to wrap twice over here.\n\nSo: 42.';
		for (let end = 1; end <= text.length; end += 3) {
			const part = text.slice(0, end);
			const lines = plain(live.lines(part, 7900, false, collapsed, 30));
			assert.equal(lines[0], '▾ Thinking… 7 s');
			const fresh = plain(new StreamingThinking().lines(part, 7900, false, collapsed, 30));
			assert.deepEqual(lines, fresh, `after ${end} characters`);
			const whole = plain(thoughtLines(part, 0, true, 30)).slice(1).filter((line, index, all) => index < all.length - 1 || line !== '');
			assert.deepEqual(lines.slice(1), whole, `after ${end} characters, as a stored reply shows it`);
		}
	});

	test('streaming: once the answer begins the block collapses to one line, or stays whole while expanded', () => {
		const live = new StreamingThinking();
		assert.deepEqual(plain(live.lines('Hmm.\nYes.', 3000, true, collapsed, 60)), ['▸ Thought for 3 s — Ctrl+X to expand']);
		assert.deepEqual(plain(live.lines('Hmm.\nYes.', 3000, true, expanded, 60)), ['▾ Thought for 3 s — Ctrl+X to collapse', '┊ Hmm.', '┊ Yes.', '']);
	});

	test('--hide-thinking: while it thinks only the line with the time and the key, never the text (unless expanded)', () => {
		const live = new StreamingThinking();
		const hidden = {expanded: false, hideLive: true};
		assert.deepEqual(plain(live.lines('Secret plan.\nMore.', 2000, false, hidden, 60)), ['▸ Thinking… 2 s — Ctrl+X to expand']);
		assert.deepEqual(plain(live.lines('Secret plan.\nMore.', 2000, false, {expanded: true, hideLive: true}, 60)), ['▾ Thinking… 2 s', '┊ Secret plan.', '┊ More.']);
	});

	test('the collapsed line is cut to fit a narrow pane', () => {
		const [line] = thoughtLines('x', 12_000, false, 20);
		assert.equal(stripAnsi(line!), '▸ Thought for 12 s …');
	});
});

describe('where Ctrl+X leaves the view', () => {
	/** Blocks of the given line counts; `thinking` lists the ones that are replies with thinking. */
	function source(lengths: number[], thinking: number[]) {
		return {
			count: lengths.length,
			lines: (index: number) => Array.from({length: lengths[index]!}, (_, line) => `${index}:${line}`),
			hasThinking: (index: number) => thinking.includes(index),
		};
	}

	test('the newest reply with thinking that starts at or above the bottom row of the view', () => {
		const blocks = source([3, 5, 2, 40, 2, 30], [1, 3, 5]);
		assert.equal(thinkingAnchor(blocks, 0), 0, 'following: the last reply');
		assert.equal(thinkingAnchor(blocks, 29), 0, 'its first line is the bottom row');
		assert.equal(thinkingAnchor(blocks, 30), 2, 'scrolled above it: the one before');
		assert.equal(thinkingAnchor(blocks, 75), 4);
		assert.equal(thinkingAnchor(blocks, 80), undefined, 'none starts that high');
		assert.equal(thinkingAnchor(source([3, 4], []), 0), undefined);
	});

	test('that reply\'s first line goes to the top row, or the view follows the end when all of it fits', () => {
		const blocks = source([3, 5, 2, 40, 2, 30], [1, 3, 5]);
		assert.equal(offsetShowing(blocks, 20, 0), 10);
		assert.equal(offsetShowing(blocks, 20, 2), 52);
		assert.equal(offsetShowing(blocks, 40, 0), 0);
		assert.equal(sliceFromBottom(blocks, 20, offsetShowing(blocks, 20, 2)).lines[0], '3:0');
	});
});
