// The dialog a quit shows when the save failed (a full disk): every word readable at 80 columns, and each key does
// what the dialog says. How the choices end the process is in test/shutdown.test.ts and the torture rows.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {InputProvider} from '../../source/hooks/input-provider.js';
import {QuitDialog} from '../../source/ui/QuitDialog.js';
import {waitFor} from '../support/wait-for.js';

afterEach(() => {
	cleanup();
});

function mount(width: number) {
	const chosen: string[] = [];
	const app = render(
		<InputProvider>
			<QuitDialog
				width={width}
				height={14}
				messages={2}
				reason="the disk is full"
				busy={false}
				onRetry={() => chosen.push('retry')}
				onRecoveryFile={() => chosen.push('recovery file')}
				onDiscard={() => chosen.push('discard')}
			/>
		</InputProvider>,
	);
	return {app, chosen};
}

test('at 80 and 40 columns every choice is readable in full: wrapped under itself, never cut with …', () => {
	for (const width of [80, 40]) {
		const {app} = mount(width);
		const frame = app.lastFrame() ?? '';
		assert.doesNotMatch(frame, /…/, `${width} columns`);
		const text = frame.replaceAll(/[║╔╗╚╝═]/g, ' ').replaceAll(/\s+/g, ' ');
		assert.match(text, /2 messages are not saved: the disk is full\./);
		assert.match(text, /the next start on this database merges it back\)/);
		assert.match(text, /d \/ D quit without them/);
		app.unmount();
	}
});

test('r retries, w writes the recovery file, d discards; other keys do nothing', async () => {
	const {app, chosen} = mount(80);
	for (const key of ['x', 'r', 'w', 'd']) app.stdin.write(key);
	await waitFor(() => chosen.length === 3);
	assert.deepEqual(chosen, ['retry', 'recovery file', 'discard']);
});
