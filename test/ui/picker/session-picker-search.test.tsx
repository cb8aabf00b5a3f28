import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {openSessionStore} from '../../../source/store/index.js';
import {fitPieces, markedPieces} from '../../../source/ui/picker/highlight.js';
import {copyAgnoFile, fixtureFacts, hasSqlite3, sqlite3} from '../../support/agno-files.js';
import {waitFor} from '../../support/wait-for.js';
import {tempFolder} from '../../store/temp-folder.js';
import {keys, mountPicker, selectedLine, tempStore} from './picker-fixtures.js';

after(() => {
	cleanup();
});

const tab = '\t';

describe('full-text search', () => {
	test('words inside messages find their session, with a snippet of the matching message under its title', async () => {
		const temp = await tempStore([
			{messages: ['Cook dinner', 'Use the wok please']},
			{messages: ['Trip plans']},
		]);
		try {
			const picker = mountPicker(temp.store, {width: 90});
			await picker.until(text => text.includes('Trip plans'));
			picker.stdin.write('wok');
			const frame = await picker.until(text => text.includes('1 match'));
			assert.match(selectedLine(frame), /Cook dinner/);
			assert.match(frame, /^ {4}reply: Reply to Use the wok please/m, 'the latest matching message, as a snippet row');
			assert.doesNotMatch(frame, /Trip plans/);
			picker.stdin.write(keys.enter);
			await waitFor(() => picker.opened.length === 1);
			assert.deepEqual(picker.opened, [temp.ids[1]]);
			picker.unmount();
		} finally {
			await temp.cleanup();
		}
	});

	test('each key shows in the field at once; the list follows once typing pauses', async () => {
		const temp = await tempStore([{messages: ['Write a haiku about rain']}, {messages: ['Other']}]);
		try {
			const picker = mountPicker(temp.store);
			await picker.until(text => text.includes('Other'));
			picker.stdin.write('hai');
			const typing = await picker.until(text => text.includes('/ hai'));
			assert.match(typing, /searching…/, 'the list has not been searched yet');
			await picker.until(text => text.includes('1 match') && !text.includes('Other'));
			picker.unmount();
		} finally {
			await temp.cleanup();
		}
	});

	test('Tab ranks by relevance (a title that matches first) and back by recency', async () => {
		const temp = await tempStore([
			{messages: ['Notes'], name: 'Rust notes'},
			{messages: ['Borrow checker in rust?', 'More rust', 'Even more rust']},
		]);
		try {
			const picker = mountPicker(temp.store, {width: 100});
			await picker.until(text => text.includes('Rust notes'));
			picker.stdin.write('rust');
			let frame = await picker.until(text => text.includes('2 matches · most recent first'));
			assert.match(selectedLine(frame), /Borrow checker/);
			await picker.press(tab, text => text.includes('2 matches · most relevant first'));
			frame = picker.frame();
			assert.match(selectedLine(frame), /Rust notes/);
			await picker.press(tab, text => text.includes('most recent first') && selectedLine(text).includes('Borrow checker'));
			picker.unmount();
		} finally {
			await temp.cleanup();
		}
	});

	test('a fork is marked under its own title', async () => {
		const temp = await tempStore([{messages: ['Original question']}]);
		try {
			const [id] = temp.ids;
			const question = temp.store.getSession(id!)!.messages[0]!;
			temp.store.forkSession(id!, question.id, 'Edited question');
			const picker = mountPicker(temp.store, {width: 90});
			const frame = await picker.until(text => text.includes('(fork)'));
			assert.match(frame, /↳ Original question \(fork\)/);
			picker.unmount();
		} finally {
			await temp.cleanup();
		}
	});
});

describe('matches marked in stored text', () => {
	test('split at the ranges first, then made safe: an escape sequence never survives, the match stays where it was', () => {
		const title = 'Evil \u001B]0;pwned\u0007 wok recipe';
		const start = title.indexOf('wok');
		const pieces = markedPieces(title, [{start, end: start + 3}]);
		assert.deepEqual(pieces.filter(piece => piece.match).map(piece => piece.text), ['wok']);
		assert.ok(!pieces.some(piece => piece.text.includes('\u001B') || piece.text.includes('\u0007')));
		const fitted = fitPieces(markedPieces('a wok and another wok at the end', [{start: 2, end: 5}, {start: 18, end: 21}]), 12);
		assert.equal(fitted.map(piece => piece.text).join(''), 'a wok and a…');
		assert.deepEqual(fitted.filter(piece => piece.match).map(piece => piece.text), ['wok']);
	});
});

describe('Agno sessions in the picker', () => {
	test('marked "Agno"; delete is explained, not asked; a rename copies it into our tables and the list shows the name', async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		const store = await openSessionStore(path);
		try {
			const picker = mountPicker(store, {user: 'ada', width: 100});
			let frame = await picker.until(text => text.includes('Agno · '));
			assert.match(frame, /Agno · m1/);
			await picker.press(keys.arrowDown, text => selectedLine(text).includes('Agno'));
			await picker.press(keys.delete, text => text.includes('read only here: delete this one with Agno'));
			assert.doesNotMatch(picker.frame(), /y\/n/);
			await picker.press(keys.ctrlR, text => text.includes('Enter save'));
			picker.stdin.write(keys.ctrlD);
			await picker.press('\u0015', text => selectedLine(text).trim() === '›');
			picker.stdin.write('Named here');
			await picker.until(text => selectedLine(text).includes('Named here'));
			picker.stdin.write(keys.enter);
			frame = await picker.until(text => selectedLine(text).includes('Named here') && !text.includes('Enter save'));
			assert.doesNotMatch(selectedLine(frame), /Agno · /, 'continued here: ours now');
			assert.equal(store.getSession(fixtureFacts['v1.3.5'].ada)!.session.title, 'Named here');
			picker.unmount();
		} finally {
			await store.close();
		}
	});

	test('rows that cannot be read are noticed when the picker opens', {skip: hasSqlite3 ? false : 'needs the sqlite3 shell'}, async () => {
		const path = await copyAgnoFile('v1.3.5', await tempFolder());
		sqlite3(path, 'INSERT INTO agent_sessions (session_id, user_id, memory, created_at) VALUES (\'broken\', \'ada\', \'{not json\', 1796220000);');
		const store = await openSessionStore(path);
		try {
			const picker = mountPicker(store, {user: 'ada', width: 140});
			await picker.until(text => text.includes('Left out one Agno session that could not be read'));
			await picker.press(keys.arrowDown, text => !text.includes('Left out') && text.includes('Enter open'));
			picker.unmount();
		} finally {
			await store.close();
		}
	});
});
