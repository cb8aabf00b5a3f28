import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {assertFits, keys, mountPicker, recordingStore, selectedLine, tempStore} from './picker-fixtures.js';
import type {SeedSession, TempStore} from './picker-fixtures.js';

after(() => {
	cleanup();
});

test('empty state says what to do, where sessions are kept, and whose sessions the file has instead', async () => {
	const temp = await tempStore([{messages: ['Someone else’s'], user: 'bob'}]);
	try {
		const picker = mountPicker(temp.store, {user: 'alice', width: 100});
		const frame = await picker.until(text => text.includes('No saved sessions yet'));
		assert.match(frame, /No saved sessions yet for alice\. Press Enter or Ctrl\+N to start one\./);
		assert.ok(frame.replaceAll('\n', '').includes(temp.path), frame);
		assert.match(selectedLine(frame), /\+ New session/);
		assert.doesNotMatch(frame, /Someone else/);
		assert.match(frame.replaceAll(/\s+/g, ' '), /This file also has sessions of "bob": start with --user NAME to see them\./);
		picker.stdin.write(keys.enter);
		await picker.until(() => picker.calls.news === 1);
		picker.unmount();
	} finally {
		await temp.cleanup();
	}
});

describe('1,000 sessions', () => {
	let temp: TempStore;
	before(async () => {
		const seeds: SeedSession[] = Array.from({length: 1000}, (_, index) => ({messages: [`Question number ${index + 1}`], replies: false}));
		temp = await tempStore(seeds);
	});
	after(async () => temp.cleanup());

	test('End reaches the last session; only a page is rendered and only a page is read', async () => {
		const {store, listCalls} = recordingStore(temp.store);
		const height = 24;
		const picker = mountPicker(store, {height});
		const first = await picker.until(text => text.includes('Question number 1000'));
		assert.match(first, /1–19 of 1,000/);
		await picker.press(keys.end, text => selectedLine(text).includes('Question number 1 '));
		const frame = picker.frame();
		assert.match(frame, /981–1,000 of 1,000/);
		const sessionRows = frame.split('\n').filter(line => line.includes('Question number'));
		assert.equal(sessionRows.length, 20);
		assertFits(frame, 80, height);

		await picker.press(keys.pageUp, text => selectedLine(text).includes('Question number 20 '));
		for (let step = 0; step < 30; step++) {
			picker.stdin.write(keys.arrowUp);
		}

		await picker.until(text => selectedLine(text).includes('Question number 50 '));
		await picker.press(keys.home, text => selectedLine(text).includes('+ New session'));
		assert.ok(listCalls.length > 0);
		for (const call of listCalls) {
			assert.ok(call.limit !== undefined && call.limit <= 20, `listSessions asked for ${call.limit} rows`);
		}

		picker.unmount();
	});

	test('holding ↓ through 200 rows keeps up', async () => {
		const picker = mountPicker(temp.store, {height: 30});
		await picker.until(text => text.includes('Question number 1000'));
		const started = performance.now();
		for (let step = 0; step < 200; step++) {
			picker.stdin.write(keys.arrowDown);
		}

		await picker.until(text => selectedLine(text).includes('Question number 801 '));
		const elapsed = performance.now() - started;
		assert.ok(elapsed < 5000, `200 moves took ${Math.round(elapsed)} ms`);
		picker.unmount();
	});
});

describe('fits its box', () => {
	let temp: TempStore;
	before(async () => {
		temp = await tempStore([
			{messages: ['日本語のタイトルはとても長いのでこの行に収まらないかもしれません']},
			{messages: ['Emoji 👩‍👩‍👧 family planning with a very long title that goes on and on']},
			{messages: ['x'], model: 'a-model-with-an-extraordinarily-long-name-v2'},
			...Array.from({length: 40}, (_, index) => ({messages: [`Filler ${index}`]})),
		]);
	});
	after(async () => temp.cleanup());

	for (const [width, height] of [[80, 24], [200, 60], [40, 10], [30, 6], [24, 3], [60, 2]] as const) {
		test(`${width}×${height}`, async () => {
			const picker = mountPicker(temp.store, {width, height});
			await picker.until(text => text.includes('›'));
			picker.assertFits();
			await picker.press(keys.end, text => selectedLine(text).includes('日本'));
			picker.assertFits();
			await picker.press(keys.home, text => !selectedLine(text).includes('日本'));
			picker.stdin.write('日本語');
			await picker.until(text => selectedLine(text).includes('日本'));
			picker.assertFits();
			picker.unmount();
		});
	}

	test('the rename field scrolls inside the row at a narrow width', async () => {
		const picker = mountPicker(temp.store, {width: 30, height: 10});
		await picker.until(text => text.includes('›'));
		await picker.press(keys.end, text => selectedLine(text).includes('日本'));
		await picker.press(keys.ctrlR, text => text.includes('Enter save'));
		picker.assertFits();
		picker.stdin.write(' and more text typed at the end');
		await picker.until(text => selectedLine(text).includes('at the end'));
		picker.assertFits();
		picker.unmount();
	});
});

test('stored titles and models cannot send escape sequences to the terminal', async () => {
	const temp = await tempStore([
		{messages: ['Evil \u001B]52;c;aGVsbG8=\u0007title\u001B[2J with\u0008\u009B31m controls\rand more\nsecond line'], model: 'gpt\u001B]0;pwned\u0007-4o'},
	]);
	try {
		const picker = mountPicker(temp.store, {width: 100});
		const frame = await picker.until(text => text.includes('Evil'));
		const line = frame.split('\n').find(text => text.includes('Evil'))!;
		assert.match(line, /Evil title with controls ?and more/);
		assert.match(line, /gpt-4o/);
		for (const bad of ['\u001B]', '\u0007', '52;c', 'pwned', '[2J', '\r', '\u0008', '\u009B']) {
			assert.ok(!frame.includes(bad), `frame contains ${JSON.stringify(bad)}`);
		}

		picker.unmount();
	} finally {
		await temp.cleanup();
	}
});

test('a 100,000-character title or paste stays fast and fits', async () => {
	const temp = await tempStore([{messages: ['short'], name: `Huge ${'日本語 words 👍 '.repeat(8000)}`}]);
	try {
		const started = performance.now();
		const picker = mountPicker(temp.store, {width: 80, height: 12});
		await picker.until(text => text.includes('Huge 日本語 words'));
		picker.assertFits();
		picker.stdin.write(`\u001B[200~${'pasted 日本 '.repeat(10_000)}\u001B[201~`);
		await picker.until(text => text.includes('/ ') && text.includes('No sessions match "pasted 日本'));
		picker.assertFits();
		picker.stdin.write(keys.escape);
		await picker.until(text => !text.includes('No sessions match') && text.includes('Huge'));
		picker.stdin.write(keys.arrowDown);
		await picker.until(text => selectedLine(text).includes('Huge'));
		picker.stdin.write(keys.ctrlR);
		await picker.until(text => text.includes('Enter save'));
		picker.assertFits();
		const elapsed = performance.now() - started;
		assert.ok(elapsed < 5000, `took ${Math.round(elapsed)} ms`);
		picker.unmount();
	} finally {
		await temp.cleanup();
	}
});
