import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {waitFor} from '../../support/wait-for.js';
import {keys, mountPicker, selectedLine, tempStore} from './picker-fixtures.js';
import type {TempStore} from './picker-fixtures.js';

after(() => {
	cleanup();
});

describe('navigating and opening', () => {
	let temp: TempStore;
	before(async () => {
		temp = await tempStore([
			{messages: ['Plan a trip to Lisbon']},
			{messages: ['Explain monads', 'And functors?']},
			{messages: ['Write a haiku about rain']},
			{messages: ['Fix my regex'], name: 'Regex help'},
			{messages: ['Newest question']},
		]);
	});
	after(async () => temp.cleanup());

	test('lists "+ New session" first, then sessions most recent first, with time, count and model', async () => {
		const picker = mountPicker(temp.store);
		const frame = await picker.until(text => text.includes('Plan a trip'));
		const lines = frame.split('\n');
		const order = ['+ New session', 'Newest question', 'Regex help', 'Write a haiku', 'Explain monads', 'Plan a trip'];
		const positions = order.map(text => lines.findIndex(line => line.includes(text)));
		assert.deepEqual([...positions].sort((a, b) => a - b), positions, frame);
		assert.match(selectedLine(frame), /\+ New session/);
		assert.match(lines.find(line => line.includes('Explain monads'))!, /just now\s+4 msgs\s+gpt-4o/);
		assert.match(frame, /agent-session · alice · 5 sessions/);
		picker.unmount();
	});

	test('arrows move the highlight; Enter opens the selected session', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('Plan a trip'));
		await picker.press(keys.arrowDown, text => selectedLine(text).includes('Newest question'));
		await picker.press(keys.arrowDown, text => selectedLine(text).includes('Regex help'));
		await picker.press(keys.arrowDown, text => selectedLine(text).includes('Write a haiku'));
		await picker.press(keys.arrowUp, text => selectedLine(text).includes('Regex help'));
		await picker.press(keys.arrowUp, text => selectedLine(text).includes('Newest question'));
		await picker.press(keys.arrowDown, text => selectedLine(text).includes('Regex help'));
		picker.stdin.write(keys.enter);
		await waitFor(() => picker.opened.length === 1);
		assert.deepEqual(picker.opened, [temp.ids[1]]);
		picker.unmount();
	});

	test('End, Home, PgDn and PgUp jump', async () => {
		const picker = mountPicker(temp.store, {height: 8});
		await picker.until(text => text.includes('New session'));
		await picker.press(keys.end, text => selectedLine(text).includes('Plan a trip'));
		await picker.press(keys.home, text => selectedLine(text).includes('+ New session'));
		// 8 rows leave 5 list rows: a page moves 4.
		await picker.press(keys.pageDown, text => selectedLine(text).includes('Explain monads'));
		await picker.press(keys.pageUp, text => selectedLine(text).includes('+ New session'));
		picker.unmount();
	});

	test('text and Enter read together ("haiku\\r") filter, then open the match', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('Plan a trip'));
		picker.stdin.write('haiku\r');
		await waitFor(() => picker.opened.length === 1);
		assert.deepEqual(picker.opened, [temp.ids[2]]);
		picker.unmount();
	});

	test('Enter on "+ New session", or Ctrl+N, starts a new session; Esc quits; typed words never run commands', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('New session'));
		picker.stdin.write(keys.enter);
		await waitFor(() => picker.calls.news === 1);
		picker.stdin.write(keys.ctrlN);
		await waitFor(() => picker.calls.news === 2);
		await picker.press('query', text => text.includes('/ query'));
		await picker.press(keys.escape, text => !text.includes('/ query'));
		await picker.press('delta', text => text.includes('/ delta') && !text.includes('? y/n'));
		await picker.press(keys.escape, text => !text.includes('/ delta'));
		assert.equal(picker.calls.quits, 0, 'typing "query" did not quit, Esc cleared the filter first');
		picker.stdin.write(keys.escape);
		await waitFor(() => picker.calls.quits === 1);
		assert.deepEqual(picker.opened, []);
		picker.unmount();
	});

	test('Ctrl+R and Delete on "+ New session" only explain themselves', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('New session'));
		await picker.press(keys.ctrlR, text => text.includes('Select a session (↓) to rename it.'));
		await picker.press(keys.delete, text => text.includes('Select a session (↓) to delete it.'));
		assert.equal(temp.store.countSessions('alice'), 5);
		picker.unmount();
	});

	test('a notice from the app shows in the footer until the next key', async () => {
		const picker = mountPicker(temp.store, {notice: 'That session no longer exists.'});
		await picker.until(text => text.includes('That session no longer exists.'));
		await picker.press(keys.arrowDown, text => !text.includes('That session no longer exists.') && text.includes('Enter open'));
		picker.setNotice('Could not open it: the file is locked.');
		await picker.until(text => text.includes('Could not open it: the file is locked.'));
		await picker.press(keys.arrowUp, text => !text.includes('Could not open it') && text.includes('Enter open'));
		picker.unmount();
	});

	test('a long notice (a recovery file\'s path) wraps onto up to three footer rows, the frame still fits, the list follows', async () => {
		const notice = 'Recovered 2 unsaved messages from /tmp/agent-session-recovery-207d2b6404c5dff8-1796246951696-18428-280438.json.';
		const picker = mountPicker(temp.store, {notice, width: 80, height: 12});
		const frame = await picker.until(text => text.includes('280438.json.'));
		picker.assertFits();
		assert.match(frame.replaceAll('\n', ' '), /Recovered 2 unsaved messages from \/tmp\/agent-session-recovery-/);
		assert.doesNotMatch(frame, /…/, 'nothing cut');
		// The next key takes the notice away and gives the list its rows back; the selection stays on screen.
		for (let index = 0; index < 5; index++) picker.stdin.write(keys.arrowDown);
		await picker.until(text => !text.includes('Recovered') && selectedLine(text) !== '');
		picker.assertFits();
		picker.unmount();
	});
});

describe('filtering', () => {
	let temp: TempStore;
	before(async () => {
		temp = await tempStore([
			{messages: ['Plan a trip to Lisbon']},
			{messages: ['Explain monads', 'What about the Kleisli arrow?']},
			{messages: ['Write a haiku about rain']},
		]);
	});
	after(async () => temp.cleanup());

	test('typing filters by title and Enter opens the match', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('Plan a trip'));
		await picker.press('h', text => text.includes('/ h'));
		picker.stdin.write('a');
		picker.stdin.write('i');
		await picker.until(text => text.includes('/ hai') && text.includes('1 match'));
		const frame = picker.frame();
		assert.match(frame, /Write a haiku/);
		assert.doesNotMatch(frame, /Plan a trip|Explain monads/);
		assert.match(selectedLine(frame), /Write a haiku/);
		picker.stdin.write(keys.enter);
		await waitFor(() => picker.opened.length === 1);
		assert.deepEqual(picker.opened, [temp.ids[0]]);
		picker.unmount();
	});

	test('the filter also matches message content; Backspace edits, Esc clears', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('Plan a trip'));
		await picker.press('k', text => text.includes('Esc clear filter'));
		for (const character of 'leisli') {
			picker.stdin.write(character);
		}

		const frame = await picker.until(text => text.includes('/ kleisli') && text.includes('1 match'));
		assert.match(frame, /Explain monads/);
		assert.doesNotMatch(frame, /Plan a trip|Write a haiku/);
		await picker.press(keys.backspace, text => text.includes('/ kleisl ') || text.includes('/ kleisl\n'));
		await picker.press(keys.escape, text => text.includes('Plan a trip') && text.includes('Write a haiku') && !text.includes('/ kleisl'));
		assert.equal(picker.calls.quits, 0, 'Esc in filter mode clears the filter, it does not quit');
		picker.unmount();
	});

	test('arrows move among the matches while filtering; j is text there', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('Plan a trip'));
		await picker.press('rep', text => text.includes('Esc clear filter') && text.includes('3 matches'));
		await picker.press(keys.arrowDown, text => selectedLine(text).includes('Explain monads'));
		await picker.press('j', text => text.includes('/ repj') && text.includes('No sessions match "repj".'));
		picker.unmount();
	});

	test('a paste filters (it never moves the list), and held Backspace erases several characters', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('Plan a trip'));
		await picker.press('\u001B[200~jjk lisbon\u001B[201~', text => text.includes('/ jjk lisbon'));
		await picker.press(keys.backspace.repeat(7), text => text.includes('/ jjk') && !text.includes('lisbon'));
		await picker.press(keys.backspace.repeat(3), text => ['Plan a trip', 'Explain monads', 'Write a haiku'].every(title => text.includes(title)));
		await picker.press('\u001B[200~Lisbon\u001B[201~', text => text.includes('/ Lisbon') && text.includes('1 match'));
		picker.unmount();
	});

	test('no match says so', async () => {
		const picker = mountPicker(temp.store);
		await picker.until(text => text.includes('Plan a trip'));
		picker.stdin.write('x');
		picker.stdin.write('y');
		picker.stdin.write('z');
		const frame = await picker.until(text => text.includes('No sessions match "xyz".'));
		assert.match(frame, /0 matches/);
		assert.match(selectedLine(frame), /\+ New session/);
		picker.unmount();
	});
});
