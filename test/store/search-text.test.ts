import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {insertMessage, insertSession, toRecord} from '../../source/store/mutations.js';
import {openDatabase} from '../../source/store/schema.js';
import {fold, matchExpression, matchRanges, queryWords, snippetText} from '../../source/store/search-text.js';
import {loadSqlJs, queryAll} from '../../source/store/sqljs.js';

describe('search text rules', () => {
	test('a query becomes quoted words; the word being typed matches as a prefix, finished and short ones whole, CJK and Hangul always as prefixes', () => {
		const words = queryWords('Go  tERm "OR" c++ 東京 서울 go termin');
		assert.deepEqual(words.map(word => [word.text, word.folded, word.prefix]), [
			['Go', 'go', false], ['tERm', 'term', false], ['OR', 'or', false], ['c', 'c', false], ['東京', '東京', true], ['서울', '서울', true], ['termin', 'termin', true],
		], 'each word once');
		assert.equal(queryWords('termin ')[0]!.prefix, false, 'a space after it finishes the word');
		assert.equal(queryWords('term term')[0]!.prefix, true, 'a word typed again is matched as the prefix it is now');
		assert.equal(matchExpression(words, 'messages'), '"Go" "tERm" "OR" "c" "東京*" "서울*" "termin*"');
		assert.equal(matchExpression(words, 'titles'), '"Go*" "tERm*" "OR*" "c*" "東京*" "서울*" "termin*"');
		assert.deepEqual(queryWords(' ¿? -- ** '), []);
		assert.equal(fold('ÉCOLE Ärger naïve'), 'ecole arger naive');
	});

	test('the words found here are the words the index matched (unicode61), so highlights fit the results', async () => {
		const {db} = openDatabase(await loadSqlJs(), undefined, 'test.db');
		const texts = [
			'cafe\u0301 au lait', 'don\'t stop', 'snake_case name', 'emoji😀inside', 'Die Straße', 'x-ray OR NOT', 'Straße ÉCOLE über',
			'हिन्दी भाषा', 'ko 안녕하세요 세계', 'c++ and c#', '3.14 pi v2', 'Go go GO', 'ﬁle ligature', 'Ｆｕｌｌ width', 'İstanbul',
		];
		insertSession(db, {id: 'S', userId: 'ada', model: 'm', systemPrompt: null, createdAt: 1});
		const ids = texts.map((content, index) => insertMessage(db, 'S', toRecord({role: 'user', content}, index + 2)).id);
		const queries = ['cafe', 'café', 'don', 't', 'snake', 'case', 'emoji', 'inside', 'strasse', 'straße', 'ray', 'or', 'ecole', 'uber', 'हिन्दी', '안녕', 'c', 'v2', '14', 'go', 'file', 'full', 'istanbul', 'sta'];
		for (const query of queries) {
			const words = queryWords(query);
			const fromIndex = queryAll(db, 'SELECT docid FROM message_search WHERE message_search MATCH ? ORDER BY docid', [matchExpression(words, 'messages')]).map(row => Number(row['docid']));
			const here = ids.filter((_, index) => matchRanges(texts[index]!, words, 'messages').length > 0);
			assert.deepEqual(here, fromIndex, `"${query}"`);
		}
		db.close();
	});

	test('a snippet is one line around the first match, never splitting a word or a surrogate pair', () => {
		const words = queryWords('needle');
		const text = `${'😀 emoji '.repeat(20)}the needle\nis\there ${'and a long tail '.repeat(20)}`;
		const {text: shown, matches} = snippetText(text, words);
		assert.match(shown, /^…😀 emoji .* the needle is here and a long tail .*…$/u);
		assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(shown), 'no lone surrogate');
		assert.deepEqual(matches.map(range => shown.slice(range.start, range.end)), ['needle']);
		assert.deepEqual(snippetText('no match here at all', words), {text: 'no match here at all', matches: []});
		assert.deepEqual(snippetText('  needle  ', words), {text: 'needle', matches: [{start: 0, end: 6}]});
	});
});
