// The save queue on its own, with a write that fails or succeeds on cue: who hears of a failed save, and when it tries again.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SaveQueue} from '../../source/store/save-queue.js';
import {waitFor} from '../support/wait-for.js';

/**
 * A queue (whose retry timer never fires within a test) with one change asked to be saved, over a write that waits until
 * told how it ends and records each attempt's target.
 */
function controlledQueue() {
	const attempts: number[] = [];
	const endings: Array<(error?: Error) => void> = [];
	const write = async (changes: number) => {
		attempts.push(changes);
		await new Promise<void>((resolve, reject) => {
			endings.push(error => (error === undefined ? resolve() : reject(error)));
		});
	};
	const started = async (count: number) => waitFor(() => attempts.length >= count, {message: () => `attempt ${count} never started`});
	const queue = new SaveQueue(write, {retryDelaysMs: [60_000]});
	queue.changed();
	const saving = queue.save();
	return {queue, saving, attempts, started, end: (index: number, error?: Error) => endings[index]!(error)};
}

test('a save asked for while a failing attempt runs is not failed by it: its later change gets an attempt of its own', async () => {
	const control = controlledQueue();
	const {queue, saving: first} = control;
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
	const control = controlledQueue();
	const {queue, saving} = control;
	await control.started(1);
	control.end(0, new Error('disk full'));
	await assert.rejects(saving, {message: 'disk full'});
	// The change's own scheduled save ran before this (scheduled earlier, same turn): it must not have tried again.
	await new Promise(resolve => setImmediate(resolve));
	assert.deepEqual(control.attempts, [1], 'no second attempt before the timer, a change or a save()');
	assert.equal(queue.pending, true);
	queue.stop();
});
