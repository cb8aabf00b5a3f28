import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {Pane} from '../../../source/ui/chat/Pane.js';

afterEach(() => {
	cleanup();
});

test('a long title gives way to the scroll status, which stays whole ("↓ 16 more (End)")', () => {
	const title = 'Compare Python, Rust and TypeScript in a table, with a short Python example';
	for (const width of [80, 50]) {
		const app = render(<Pane title={title} width={width} height={5} focused={false} lines={['one', 'two']} status="↓ 16 more (End)" />);
		const top = (app.lastFrame() ?? '').split('\n')[1] ?? '';
		assert.match(top, /^│ Compare Python, .*… +↓ 16 more \(End\) │$/, `${width} columns: ${top}`);
		app.unmount();
	}
});
