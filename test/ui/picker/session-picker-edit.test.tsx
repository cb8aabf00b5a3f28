import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {openSessionStore} from '../../../source/store/index.js';
import {keys, mountPicker, selectedLine, tempStore} from './picker-fixtures.js';

after(() => {
	cleanup();
});

describe('rename', () => {
	test('r turns the row into a prefilled input; Enter saves the new name to the file', async () => {
		const temp = await tempStore([{messages: ['First question']}, {messages: ['Second question']}]);
		try {
			const picker = mountPicker(temp.store);
			await picker.until(text => text.includes('First question'));
			await picker.press(keys.arrowDown, text => selectedLine(text).includes('Second question'));
			await picker.press(keys.ctrlR, text => text.includes('Enter save') && selectedLine(text).includes('Second question'));
			for (let index = 0; index < 'question'.length; index++) {
				picker.stdin.write(keys.backspace);
			}

			await picker.until(text => selectedLine(text).trimEnd() === '› Second');
			picker.stdin.write('talk ✓');
			await picker.until(text => selectedLine(text).trimEnd() === '› Second talk ✓');
			await picker.press(keys.enter, text => !text.includes('Enter save') && selectedLine(text).includes('Second talk ✓'));
			picker.unmount();

			await temp.store.save();
			const reopened = await openSessionStore(temp.path);
			try {
				assert.equal(reopened.getSession(temp.ids[0]!)?.session.title, 'Second talk ✓');
			} finally {
				await reopened.close();
			}
		} finally {
			await temp.cleanup();
		}
	});

	test('Esc cancels; an empty name is refused with a message', async () => {
		const temp = await tempStore([{messages: ['Keep this title']}]);
		try {
			const picker = mountPicker(temp.store);
			await picker.until(text => text.includes('Keep this title'));
			await picker.press(keys.arrowDown, text => selectedLine(text).includes('Keep this title'));
			await picker.press(keys.ctrlR, text => text.includes('Enter save'));
			picker.stdin.write('!!!');
			await picker.until(text => selectedLine(text).includes('Keep this title!!!'));
			await picker.press(keys.escape, text => !text.includes('Enter save') && selectedLine(text).includes('Keep this title') && !text.includes('!!!'));
			assert.equal(picker.calls.quits, 0);

			await picker.press(keys.ctrlR, text => text.includes('Enter save'));
			for (let index = 0; index < 'Keep this title'.length; index++) {
				picker.stdin.write(keys.backspace);
			}

			await picker.until(text => selectedLine(text).trimEnd() === '›');
			await picker.press(keys.enter, text => text.includes('A session name cannot be empty'));
			await picker.press(keys.escape, text => selectedLine(text).includes('Keep this title'));
			assert.equal(temp.store.getSession(temp.ids[0]!)?.session.title, 'Keep this title');
			picker.unmount();
		} finally {
			await temp.cleanup();
		}
	});
});

describe('delete', () => {
	test('d asks in the footer; n keeps the session, y deletes it and selects the neighbour', async () => {
		const temp = await tempStore([{messages: ['Oldest']}, {messages: ['Middle', 'more']}, {messages: ['Newest']}]);
		try {
			const picker = mountPicker(temp.store);
			await picker.until(text => text.includes('Oldest'));
			await picker.press(keys.arrowDown, text => selectedLine(text).includes('Newest'));
			await picker.press(keys.arrowDown, text => selectedLine(text).includes('Middle'));
			await picker.press(keys.delete, text => text.includes('Delete "Middle" (4 messages)? y/n'));
			await picker.press('n', text => !text.includes('? y/n'));
			assert.match(picker.frame(), /Middle/);
			assert.equal(temp.store.countSessions('alice'), 3);
			assert.equal(picker.calls.news, 0, 'n answers the question, it does not start a session');

			await picker.press(keys.delete, text => text.includes('Delete "Middle" (4 messages)? y/n'));
			const frame = await picker.press('y', text => text.includes('Deleted "Middle".'));
			assert.doesNotMatch(frame.replace('Deleted "Middle".', ''), /Middle/);
			assert.match(selectedLine(frame), /Oldest/);
			assert.match(frame, /2 sessions/);
			picker.unmount();

			await temp.store.save();
			const reopened = await openSessionStore(temp.path);
			try {
				assert.deepEqual(reopened.listSessions('alice').map(session => session.title), ['Newest', 'Oldest']);
			} finally {
				await reopened.close();
			}
		} finally {
			await temp.cleanup();
		}
	});

	test('deleting the last row selects the one above', async () => {
		const temp = await tempStore([{messages: ['Oldest']}, {messages: ['Newest']}]);
		try {
			const picker = mountPicker(temp.store);
			await picker.until(text => text.includes('Oldest'));
			await picker.press(keys.end, text => selectedLine(text).includes('Oldest'));
			await picker.press(keys.delete, text => text.includes('? y/n'));
			const frame = await picker.press('y', text => text.includes('Deleted "Oldest".'));
			assert.match(selectedLine(frame), /Newest/);
			picker.unmount();
		} finally {
			await temp.cleanup();
		}
	});

	test('a failing save shows one red line instead of crashing', async () => {
		const temp = await tempStore([{messages: ['Doomed']}]);
		try {
			// A store whose save fails, as when the disk is full; everything else is the real store.
			const failing = new Proxy(temp.store, {
				get(target, property) {
					if (property === 'save') {
						return async () => {
							throw new Error('Cannot save the sessions: the disk is full.');
						};
					}

					const value: unknown = Reflect.get(target, property, target);
					return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
				},
			});
			const picker = mountPicker(failing);
			await picker.until(text => text.includes('Doomed'));
			await picker.press(keys.arrowDown, text => selectedLine(text).includes('Doomed'));
			await picker.press(keys.delete, text => text.includes('? y/n'));
			await picker.press('y', text => text.includes('Cannot save the sessions: the disk is full.'));
			picker.unmount();
		} finally {
			await temp.cleanup();
		}
	});
});
