// The save queue on its own, with a write that fails or succeeds on cue: who hears of a failed save, and when it tries again.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SaveQueue} from '../../source/store/save-queue.js';

/** A write that waits until told how it ends, and records each attempt's target. */
function controlledWrite() {
	const attempts: number[] = [];
	const endings: Array<(error?: Error) => void> = [];
	const write = async (changes: number) => {
		attempts.push(changes);
		await new Promise<void>((resolve, reject) => {
			endings.push(error => (error === undefined ? resolve() : reject(error)));
		});
	};
	const started = async (count: number) => {
		const deadline = Date.now() + 5000;
		while (attempts.length < count) {
			if (Date.now() > deadline) assert.fail(`attempt ${count} never started`);
			await new Promise(resolve => setImmediate(resolve));
		}
	};
	return {attempts, write, started, end: (index: number, error?: Error) => endings[index]!(error)};
}

test('a save asked for while a failing attempt runs is not failed by it: its later change gets an attempt of its own', async () => {
	const control = controlledWrite();
	const queue = new SaveQueue(control.write, {retryDelaysMs: [60_000]});
	queue.changed();
	const first = queue.save();
	await control.started(1);
	queue.changed(); // made while the first attempt runs (the folder being put back, say)
	const second = queue.save();
	control.end(0, new Error('folder missing'));
	await assert.rejects(first, {message: 'folder missing'});
	await control.started(2);
	assert.deepEqual(control.attempts, [1, 2], 'the second attempt writes both changes, at once');
	control.end(1);
	await second;
	assert.equal(queue.pending, false);
	queue.stop();
});

test('a failure nobody else waits on is not tried again at once: a lasting failure does not spin', async () => {
	const control = controlledWrite();
	const queue = new SaveQueue(control.write, {retryDelaysMs: [60_000]});
	queue.changed();
	const saving = queue.save();
	await control.started(1);
	control.end(0, new Error('disk full'));
	await assert.rejects(saving, {message: 'disk full'});
	await new Promise(resolve => setTimeout(resolve, 50));
	assert.deepEqual(control.attempts, [1], 'no second attempt before the timer, a change or a save()');
	assert.equal(queue.pending, true);
	queue.stop();
});
