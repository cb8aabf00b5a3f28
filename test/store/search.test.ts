import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {openSessionStore} from '../../source/store/index.js';
import type {SearchHit, SessionStore, TextRange} from '../../source/store/index.js';
import {insertMessage, insertSession, toRecord} from '../../source/store/mutations.js';
import {openDatabase} from '../../source/store/schema.js';
import {searchSessions} from '../../source/store/search.js';
import {loadSqlJs} from '../../source/store/sqljs.js';
import {tempFolder} from './temp-folder.js';

async function newStore(): Promise<SessionStore> {
	return openSessionStore(join(await tempFolder(), 'agents.db'));
}

/** A session of `user` with these messages (user and assistant in turn), optionally named. */
function seed(store: SessionStore, user: string, messages: string[], name?: string): string {
	const {id} = store.createSession(user, 'gpt-4o');
	messages.forEach((content, index) => store.appendMessage(id, {role: index % 2 === 0 ? 'user' : 'assistant', content}));
	if (name !== undefined) store.renameSession(id, name);
	return id;
}

/** The matched pieces of a text, as a user would see them highlighted. */
function marked(text: string, ranges: readonly TextRange[]): string[] {
	return ranges.map(range => text.slice(range.start, range.end));
}

function snippet(hit: SearchHit | undefined): {text: string; marked: string[]} | undefined {
	return hit?.snippet ? {text: hit.snippet.text, marked: marked(hit.snippet.text, hit.snippet.matches)} : undefined;
}

describe('full-text search', () => {
	test('finds sessions by any message\'s words, by the start of words as they are typed, most recent first', async () => {
		const store = await newStore();
		const cooking = seed(store, 'ada', ['How long do I boil pasta?', 'About ten minutes in salted water.']);
		const terminal = seed(store, 'ada', ['My terminal renders boxes', 'Set a font with box-drawing glyphs.']);
		seed(store, 'bob', ['pasta for bob']);
		const ids = (query: string) => store.searchSessions('ada', query).hits.map(hit => hit.session.id);
		assert.deepEqual(ids('pasta'), [cooking], 'only this user\'s sessions');
		assert.deepEqual(ids('sal'), [cooking], 'a reply, by the start of a word');
		assert.deepEqual(ids('ter'), [terminal]);
		assert.deepEqual(ids('terminal rend'), [terminal], 'every word: the finished one whole, the one being typed by its start');
		assert.deepEqual(ids('term rend'), [], 'a finished word matches whole words only');
		assert.deepEqual(ids('terminal pasta'), [], 'all words in one message');
		assert.deepEqual(ids('BOIL'), [cooking], 'case is ignored');
		assert.deepEqual(ids('box'), [terminal]);
		assert.deepEqual(ids('zebra'), []);
		store.appendMessage(cooking, {role: 'user', content: 'And for the sauce, in a terminal hurry?'});
		assert.deepEqual(ids('terminal'), [cooking, terminal], 'the most recently active first');
		await store.close();
	});

	test('words of one or two letters match whole words in messages, by their start in names', async () => {
		const store = await newStore();
		const go = seed(store, 'ada', ['Is Go good for a CLI?', 'Yes: go build makes one binary.']);
		const google = seed(store, 'ada', ['Search with Google'], 'Gophers and goats');
		const ids = (query: string) => new Set(store.searchSessions('ada', query).hits.map(hit => hit.session.id));
		assert.deepEqual(ids('go'), new Set([go, google]), '"go" in one\'s messages, "Gophers" in the other\'s name');
		assert.deepEqual(ids('goo'), new Set([go, google]), 'from three letters on, by the start in messages too');
		assert.deepEqual(ids('googl'), new Set([google]));
		assert.deepEqual(ids('cl'), new Set(), '"cl" is not a word of any message');
		assert.deepEqual(ids('cli'), new Set([go]));
		await store.close();
	});

	test('beyond ASCII: case and Latin accents folded, CJK runs found by their start, ß stays ß', async () => {
		const store = await newStore();
		const french = seed(store, 'ada', ['Une ÉCOLE près du café']);
		const german = seed(store, 'ada', ['Die Straße ist ÜBERALL']);
		const japanese = seed(store, 'ada', ['東京タワーはどこですか']);
		const greek = seed(store, 'ada', ['ΣΙΣΥΦΟΣ και η πέτρα']);
		const ids = (query: string) => store.searchSessions('ada', query).hits.map(hit => hit.session.id);
		assert.deepEqual(ids('ecole'), [french]);
		assert.deepEqual(ids('école'), [french]);
		assert.deepEqual(ids('CAFÉ'), [french]);
		assert.deepEqual(ids('über'), [german]);
		assert.deepEqual(ids('uberall'), [german]);
		assert.deepEqual(ids('straße'), [german]);
		assert.deepEqual(ids('strasse'), [], 'no full case folding: ß is not ss');
		assert.deepEqual(ids('東京'), [japanese], 'two CJK characters are enough, as the start of the run');
		assert.deepEqual(ids('タワー'), [], 'the middle of a CJK run is not a word start');
		assert.deepEqual(ids('ΠΈΤΡ'), [greek], 'Greek: case');
		assert.deepEqual(ids('πετρ'), [], 'Greek accents are not folded (unicode61 folds Latin ones)');
		await store.close();
	});

	test('what the user types is never query syntax', async () => {
		const store = await newStore();
		const id = seed(store, 'ada', ['Cats OR dogs, NOT birds (and "quotes") - near*']);
		for (const query of ['OR', 'NOT birds', '"quotes', 'dogs)', '(cats', 'near*', '-birds', 'cats NEAR dogs', '*', '"', '*:', 'a:b']) {
			assert.doesNotThrow(() => store.searchSessions('ada', query), query);
		}
		assert.deepEqual(store.searchSessions('ada', 'OR').hits.map(hit => hit.session.id), [id], 'OR is a word here');
		assert.deepEqual(store.searchSessions('ada', 'NOT birds').hits.map(hit => hit.session.id), [id]);
		assert.deepEqual(store.searchSessions('ada', '(cats "quotes').hits.map(hit => hit.session.id), [id]);
		assert.deepEqual(store.searchSessions('ada', '*').hits.map(hit => hit.session.id), [id], 'no word at all: every session');
		await store.close();
	});

	test('a snippet per session: one line around the most recent match, with the matches as ranges', async () => {
		const store = await newStore();
		const long = `${'Lorem ipsum dolor sit amet. '.repeat(6)}Here the\tterminal\n\nrenders a box, and the Terminal  keeps it. ${'Tail words go on. '.repeat(10)}`;
		const id = seed(store, 'ada', ['An old terminal question', long]);
		const [hit] = store.searchSessions('ada', 'terminal').hits;
		assert.equal(hit?.snippet?.messageId, store.getSession(id)?.messages[1]?.id, 'the most recent matching message');
		assert.equal(hit?.snippet?.role, 'assistant');
		const shown = snippet(hit)!;
		assert.match(shown.text, /^….*Here the terminal renders a box, and the Terminal keeps it\. .*…$/, 'one line, cut with …');
		assert.ok(Array.from(shown.text).length <= 200);
		assert.deepEqual(shown.marked, ['terminal', 'Terminal']);
		assert.equal(hit?.matchingMessages, 2);
		assert.deepEqual(marked(hit!.session.title, hit!.titleMatches), ['terminal'], 'the title (the first message) is marked too');

		const short = seed(store, 'ada', ['Über café crème']);
		const [match] = store.searchSessions('ada', 'cafe crem').hits;
		assert.equal(match?.session.id, short);
		assert.deepEqual(snippet(match), {text: 'Über café crème', marked: ['café', 'crème']});
		await store.close();
	});

	test('names: a named session matches by its name, marked in the title, with no snippet when only the name matches', async () => {
		const store = await newStore();
		const id = seed(store, 'ada', ['Where should we go in May?', 'Lisbon.'], 'Trip planning');
		const [hit] = store.searchSessions('ada', 'trip').hits;
		assert.equal(hit?.session.id, id);
		assert.deepEqual(marked(hit!.session.title, hit!.titleMatches), ['Trip']);
		assert.equal(hit?.snippet, null);
		assert.equal(hit?.matchingMessages, 0);
		assert.deepEqual(store.searchSessions('ada', 't').hits.map(found => found.session.id), [id], 'names match by the first letter');
		await store.close();
	});

	test('ranked by relevance: name matches, then the most matching messages, then recency', async () => {
		const store = await newStore();
		const once = seed(store, 'ada', ['rust once']);
		const thrice = seed(store, 'ada', ['rust', 'more rust', 'rust again']);
		const named = seed(store, 'ada', ['something else'], 'Rust notes');
		const recent = seed(store, 'ada', ['rust, recently']);
		const ids = (order: 'recent' | 'relevance') => store.searchSessions('ada', 'rust', {order}).hits.map(hit => hit.session.id);
		assert.deepEqual(ids('recent'), [recent, named, thrice, once]);
		assert.deepEqual(ids('relevance'), [named, thrice, recent, once]);
		await store.close();
	});

	test('pages like listSessions, with the total of every page', async () => {
		const store = await newStore();
		const all = Array.from({length: 7}, (_, index) => seed(store, 'ada', [`needle number ${index}`])).reverse();
		seed(store, 'ada', ['hay only']);
		const page = (limit: number, offset: number) => store.searchSessions('ada', 'needle', {limit, offset});
		assert.deepEqual(page(3, 0).hits.map(hit => hit.session.id), all.slice(0, 3));
		assert.deepEqual(page(3, 3).hits.map(hit => hit.session.id), all.slice(3, 6));
		assert.deepEqual(page(3, 6).hits.map(hit => hit.session.id), all.slice(6));
		assert.deepEqual([page(3, 0).total, page(3, 6).total, page(3, 20).total], [7, 7, 7], 'a page past the end still has the total');
		assert.equal(store.searchSessions('ada', 'zebra', {offset: 5}).total, 0);
		const everything = store.searchSessions('ada', '  ', {limit: 2});
		assert.equal(everything.total, 8, 'an empty query: every session');
		assert.deepEqual(everything.hits.map(hit => hit.snippet), [null, null]);
		assert.throws(() => store.searchSessions('ada', 'x', {limit: 1.5}), /limit must be a whole number/);
		await store.close();
	});

	test('kept in step with every write: append, rename, delete, undo, regenerate, fork, and a reopen', async () => {
		const path = join(await tempFolder(), 'agents.db');
		const store = await openSessionStore(path);
		const ids = (query: string) => store.searchSessions('ada', query).hits.map(hit => hit.session.id);
		const id = seed(store, 'ada', ['first question about apples', 'an answer about pears']);
		store.appendMessage(id, {role: 'user', content: 'second question about plums'});
		assert.deepEqual(ids('plums'), [id]);
		store.undoLastExchange(id);
		assert.deepEqual(ids('plums'), []);
		store.appendAlternative(id, {content: 'a regenerated answer about cherries'});
		assert.deepEqual(ids('cherries'), [id]);
		assert.deepEqual(ids('pears'), [id], 'a superseded reply is still in the session, and found');
		store.renameSession(id, 'Fruit');
		assert.deepEqual(ids('fruit'), [id]);
		store.renameSession(id, '');
		assert.deepEqual(ids('fruit'), []);
		const question = store.getSession(id)!.messages[0]!;
		const fork = store.forkSession(id, question.id, 'first question about quinces').session.id;
		assert.deepEqual(ids('quinces'), [fork]);
		assert.deepEqual(ids('fork'), [fork], 'by its name, "<title> (fork)"');
		const apples = store.searchSessions('ada', 'apples').hits.map(hit => [hit.session.id, hit.matchingMessages]);
		assert.deepEqual(apples, [[fork, 0], [id, 1]], 'the fork holds the edited message instead (its name still has the old one)');
		await store.close();

		const again = await openSessionStore(path);
		assert.deepEqual(again.searchSessions('ada', 'quinces').hits.map(hit => hit.session.id), [fork]);
		again.deleteSession(fork);
		again.deleteSession(id);
		assert.equal(again.searchSessions('ada', 'question').total, 0);
		await again.close();
	});
});

test('the search sees every write, also after an export (older sql.js versions reopen the database then)', async () => {
	const {db} = openDatabase(await loadSqlJs(), undefined, 'test.db');
	insertSession(db, {id: 'A', userId: 'ada', model: 'm', systemPrompt: null, createdAt: 1});
	insertSession(db, {id: 'B', userId: 'ada', model: 'm', systemPrompt: null, createdAt: 2});
	insertMessage(db, 'A', toRecord({role: 'user', content: 'apples'}, 3));
	assert.deepEqual(searchSessions(db, 'ada', 'apples').hits.map(hit => hit.session.id), ['A']);
	db.export();
	db.run('DELETE FROM messages');
	insertMessage(db, 'B', toRecord({role: 'user', content: 'apples'}, 4));
	assert.deepEqual(searchSessions(db, 'ada', 'apples').hits.map(hit => hit.session.id), ['B']);
	db.close();
});
