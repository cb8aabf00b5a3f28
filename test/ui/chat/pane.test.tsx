import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {Pane, innerWidth} from '../../../source/ui/chat/Pane.js';
import {messageLines} from '../../../source/ui/chat/transcript-lines.js';
import type {StoredMessage} from '../../../source/store/types.js';
import {wrapText} from '../../../source/ui/text/index.js';
import {colourCodes, stripAnsi} from '../text/ansi.js';

after(() => {
	cleanup();
});

function reply(content: string): StoredMessage {
	return {id: 1, sessionId: 's', position: 1, role: 'assistant', content, status: 'complete', error: null, createdAt: 0, usage: null, thinking: null, thinkingMs: null, superseded: false};
}

/** The column (0-based, in cells) where each row's last character starts. */
function lastColumns(frame: string): number[] {
	return frame.split('\n').map(row => {
		const plain = stripAnsi(row);
		const last = [...plain].at(-1) ?? '';
		return stringWidth(plain.slice(0, plain.length - last.length));
	});
}

test('a row with 👍🏽 keeps the right border in its column', () => {
	const width = 24;
	const inner = innerWidth(width);
	const lines = [
		...wrapText('👍🏽'.repeat(30), inner),
		...wrapText('ok 👍🏽 fine 👍🏽👍🏽 and 👩‍👩‍👧 🇵🇹 漢字 क्\u200Dष', inner),
		...messageLines(reply('Thumbs up 👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽 from me'), 'ada', 'model', inner),
	];
	assert.ok(lines.some(line => stringWidth(line) === inner), 'some row is filled to the border');
	const {lastFrame} = render(<Pane title="Transcript" width={width} height={lines.length + 3} focused={false} lines={lines}/>);
	const frame = lastFrame() ?? '';
	assert.ok(frame.includes('👍🏽'), frame);
	assert.ok(!frame.includes('…'), `Ink cut nothing: our widths are the widths it lays out with\n${frame}`);
	for (const [index, column] of lastColumns(frame).entries()) {
		assert.equal(column, width - 1, `row ${index} ends at column ${column}:\n${frame}`);
	}

	for (const row of stripAnsi(frame).split('\n')) {
		assert.match(row, /[│╮╯]$/u, `row ends with the border: ${row}`);
	}
});

test('with colour on, the focused border is coloured (NO_COLOR takes it away: test/ui/no-color.test.tsx)', {skip: Boolean(process.env['NO_COLOR'])}, () => {
	const level = chalk.level;
	chalk.level = 3;
	try {
		const {lastFrame} = render(<Pane title="Transcript" width={20} height={4} focused lines={['hello']}/>);
		assert.notDeepEqual(colourCodes(lastFrame() ?? ''), []);
	} finally {
		chalk.level = level;
	}
});
