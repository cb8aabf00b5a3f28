import type {TextRange} from './types.js';

// The search's text rules, in one place: how a query becomes FTS4 match expressions, and where the matches are in a
// text (for highlighting). The words are split the way the index's tokenizer (unicode61) splits text, so both agree.

/** Characters unicode61 keeps inside a word: letters, numbers, combining marks, private use. Anything else separates. */
const wordPattern = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** Scripts in which one or two characters already make a selective word (no spaces between words, or syllables). */
const denseScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Words this short are matched whole in messages rather than as prefixes: "c*" or "co*" matches nearly every message
 * (91% and 85% of 100,000 messages of English text), which took 60-115 ms; a prefix index to make that fast would add
 * about 25 MB to such a file. From three characters on, a prefix matches a few terms (≤ 30 ms), except the commonest
 * ("the*": the, then, there, therefore … in 80% of the generated messages) at 58 ms: `npm run bench` row 9.
 */
export const shortWordLength = 2;

export interface QueryWord {
	/** As typed: the index folds case and accents itself. */
	text: string;
	/** Case and accents folded, to find the word in a text here. */
	folded: string;
	/** Whether it matches the start of words in messages (in titles every word does). */
	prefix: boolean;
}

/** Lower case without accents, close to what unicode61 with remove_diacritics=2 does. */
export function fold(word: string): string {
	// Composed again, so that Hangul syllables (which NFD splits into letters) stay as typed.
	return word.normalize('NFD').replaceAll(/\p{M}/gu, '').normalize('NFC').toLowerCase();
}

/**
 * The words of a query typed into the picker. Only the word still being typed (the last one, with nothing after it) matches
 * as a prefix; a word the user finished (a space or other separator came after it) matches whole. Besides being what the
 * user means, that keeps a query fast: "the ses" as `the* ses*` merged the doclists of the/then/there/therefore (each in
 * ~80% of 100,000 generated messages) and took 42–57 ms; as `the ses*` it reads one of them.
 */
export function queryWords(query: string): QueryWord[] {
	const words = new Map<string, QueryWord>();
	for (const found of query.matchAll(wordPattern)) {
		const text = found[0];
		const folded = fold(text);
		const typing = found.index + text.length === query.length;
		const prefix = denseScript.test(text) || (typing && Array.from(text).length > shortWordLength);
		const known = words.get(folded);
		if (known === undefined) words.set(folded, {text, folded, prefix});
		else if (prefix) known.prefix = true;
	}
	return [...words.values()];
}

/**
 * An FTS4 MATCH expression holding every word. Each is quoted, so nothing the user types is query syntax (OR, NOT, -,
 * parentheses, quotes: a word never holds one of those).
 */
export function matchExpression(words: readonly QueryWord[], scope: 'messages' | 'titles'): string {
	return words.map(word => (scope === 'titles' || word.prefix ? `"${word.text}*"` : `"${word.text}"`)).join(' ');
}

function matches(token: string, words: readonly QueryWord[], scope: 'messages' | 'titles'): boolean {
	const folded = fold(token);
	return words.some(word => (scope === 'titles' || word.prefix ? folded.startsWith(word.folded) : folded === word.folded));
}

/** Where the words are in `text`: the matching words, in order. */
export function matchRanges(text: string, words: readonly QueryWord[], scope: 'messages' | 'titles'): TextRange[] {
	const ranges: TextRange[] = [];
	for (const found of text.matchAll(wordPattern)) {
		if (matches(found[0], words, scope)) ranges.push({start: found.index, end: found.index + found[0].length});
	}
	return ranges;
}

/** The first match in `text`, found without splitting all of a long text. */
function firstMatch(text: string, words: readonly QueryWord[]): TextRange | undefined {
	for (const found of text.matchAll(wordPattern)) {
		if (matches(found[0], words, 'messages')) return {start: found.index, end: found.index + found[0].length};
	}
	return undefined;
}

/** Context kept before the first match, and the snippet's length, in UTF-16 units (before whitespace is squeezed). */
const before = 30;
const length = 160;

function isLowSurrogate(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	return code >= 0xDC_00 && code <= 0xDF_FF;
}

/** Moves `index` left to the start of the word it is inside (at most 20 characters), never into a surrogate pair. */
function wordStart(text: string, index: number): number {
	let start = index;
	while (start > 0 && index - start < 20 && /[\p{L}\p{N}\p{M}\p{Co}]/u.test(text.charAt(start - 1))) start--;
	return isLowSurrogate(text, start) ? start - 1 : start;
}

function wordEnd(text: string, index: number): number {
	let end = index;
	while (end < text.length && end - index < 20 && /[\p{L}\p{N}\p{M}\p{Co}]/u.test(text.charAt(end))) end++;
	return isLowSurrogate(text, end) ? end + 1 : end;
}

/** One line of `text` around its first match, with every match in it. */
export function snippetText(text: string, words: readonly QueryWord[]): {text: string; matches: TextRange[]} {
	const first = firstMatch(text, words);
	const from = first === undefined ? 0 : wordStart(text, Math.max(0, first.start - before));
	const to = wordEnd(text, Math.min(text.length, Math.max(from + length, first?.end ?? 0)));
	const line = text.slice(from, to).replaceAll(/\s+/g, ' ').trim();
	const shown = `${from > 0 ? '…' : ''}${line}${to < text.length ? '…' : ''}`;
	return {text: shown, matches: matchRanges(shown, words, 'messages')};
}
