import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {ThinkSplitter} from '../../source/llm/think-splitter.js';

/** Feeds `pieces` through one splitter and joins what came out. */
function split(pieces: readonly string[]): {thinking: string; answer: string} {
	const splitter = new ThinkSplitter();
	let thinking = '';
	let answer = '';
	for (const piece of [...pieces.map(piece => splitter.push(piece)), splitter.end()]) {
		thinking += piece.thinking;
		answer += piece.answer;
	}
	return {thinking, answer};
}

/** Every way to cut `text` in two, and one piece per character. */
function cuts(text: string): string[][] {
	const ways = [[text], [...text]];
	for (let at = 0; at <= text.length; at++) ways.push([text.slice(0, at), text.slice(at)]);
	return ways;
}

describe('ThinkSplitter', () => {
	const cases: Array<[name: string, content: string, expected: {thinking: string; answer: string}]> = [
		['a leading think block, then the answer', '<think>Let me see.</think>The answer.', {thinking: 'Let me see.', answer: 'The answer.'}],
		['line breaks after the tags are dropped (DeepSeek-R1 writes them)', '<think>\nStep one.\nStep two.\n</think>\n\nDone.', {thinking: 'Step one.\nStep two.\n', answer: 'Done.'}],
		['leading whitespace before <think> is allowed', ' \n\t<think>hmm</think>ok', {thinking: 'hmm', answer: 'ok'}],
		['no think block: all answer, leading whitespace kept', '  Plain answer.', {thinking: '', answer: '  Plain answer.'}],
		['a <think> later on is answer text', 'Use a <think> tag like <think>this</think>.', {thinking: '', answer: 'Use a <think> tag like <think>this</think>.'}],
		['a second think block after the answer is answer text', '<think>a</think>b<think>c</think>', {thinking: 'a', answer: 'b<think>c</think>'}],
		['an unclosed block at the end is all thinking', '<think>still thinking </thi', {thinking: 'still thinking </thi', answer: ''}],
		['an unfinished <think> at the end is answer text', '<thi', {thinking: '', answer: '<thi'}],
		['a tag that only looks like <think> is answer text', '<thinking>no</thinking>', {thinking: '', answer: '<thinking>no</thinking>'}],
		['< inside the thinking does not end it', '<think>a < b and </b> </thin k></think>yes', {thinking: 'a < b and </b> </thin k>', answer: 'yes'}],
		['an empty think block', '<think></think>Answer', {thinking: '', answer: 'Answer'}],
		['whitespace only', ' \n ', {thinking: '', answer: ' \n '}],
		['nothing', '', {thinking: '', answer: ''}],
		['non-ASCII text on both sides', '<think>Überlegung 🤔</think>Antwort ✓', {thinking: 'Überlegung 🤔', answer: 'Antwort ✓'}],
	];
	for (const [name, content, expected] of cases) {
		test(`${name}: the same at every cut point`, () => {
			for (const pieces of cuts(content)) assert.deepEqual(split(pieces), expected, JSON.stringify(pieces));
		});
	}

	test('every split of a think block over three pieces gives the same result', () => {
		const content = '<think>abc</think>xyz';
		for (let first = 0; first <= content.length; first++) {
			for (let second = first; second <= content.length; second++) {
				const pieces = [content.slice(0, first), content.slice(first, second), content.slice(second)];
				assert.deepEqual(split(pieces), {thinking: 'abc', answer: 'xyz'}, JSON.stringify(pieces));
			}
		}
	});

	test('streams: thinking comes out as it arrives, a cut tag is held back only until it is decided', () => {
		const splitter = new ThinkSplitter();
		assert.deepEqual(splitter.push('<thi'), {thinking: '', answer: ''});
		assert.deepEqual(splitter.push('nk>One '), {thinking: 'One ', answer: ''});
		assert.deepEqual(splitter.push('two </th'), {thinking: 'two ', answer: ''});
		assert.deepEqual(splitter.push('ink>Three'), {thinking: '', answer: 'Three'});
		assert.deepEqual(splitter.push(' four'), {thinking: '', answer: ' four'});
		assert.deepEqual(splitter.end(), {thinking: '', answer: ''});
	});
});
