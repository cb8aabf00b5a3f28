import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {SseDecoder} from '../../source/llm/sse-decoder.js';
import type {SseEvent} from '../../source/llm/sse-decoder.js';

function decode(pieces: readonly string[]): SseEvent[] {
	const decoder = new SseDecoder();
	return [...pieces.flatMap(piece => decoder.push(piece)), ...decoder.end()];
}

/** Every way to cut `text` in two, and one piece per character. */
function cuts(text: string): string[][] {
	const ways = [[text], [...text]];
	for (let at = 0; at <= text.length; at++) ways.push([text.slice(0, at), text.slice(at)]);
	return ways;
}

const data = (value: string, event: string | null = null): SseEvent => ({event, data: value});

describe('SseDecoder', () => {
	const cases: Array<[name: string, body: string, expected: SseEvent[]]> = [
		['LF line ends', 'data: {"a":1}\n\ndata: [DONE]\n\n', [data('{"a":1}'), data('[DONE]')]],
		['CRLF line ends', 'data: one\r\n\r\ndata: two\r\n\r\n', [data('one'), data('two')]],
		['CR line ends', 'data: one\r\rdata: two\r\r', [data('one'), data('two')]],
		['comments (DeepSeek\'s keep-alive) are skipped', ': keep-alive\n\n: keep-alive\n\ndata: x\n\n', [data('x')]],
		['several data lines join with a newline', 'data: a\ndata: b\n\n', [data('a\nb')]],
		['no space after the colon', 'data:tight\n\n', [data('tight')]],
		['only the first space is dropped', 'data:  two spaces\n\n', [data(' two spaces')]],
		['an event name is passed on', 'event: error\ndata: {"message":"boom"}\n\n', [data('{"message":"boom"}', 'error')]],
		['ids, retries and unknown fields are ignored', 'id: 7\nretry: 100\nfoo: bar\ndata: kept\n\n', [data('kept')]],
		['an event without its final blank line is still delivered', 'data: first\n\ndata: last', [data('first'), data('last')]],
		['blank lines alone dispatch nothing', '\n\n\n', []],
		['an HTML page has no events', '<!doctype html>\n<html><body>Open WebUI</body></html>\n', []],
		['non-ASCII data', 'data: {"content":"Grüße 🌍"}\n\n', [data('{"content":"Grüße 🌍"}')]],
	];
	for (const [name, body, expected] of cases) {
		test(`${name}: the same at every cut point`, () => {
			for (const pieces of cuts(body)) assert.deepEqual(decode(pieces), expected, JSON.stringify(pieces));
		});
	}

	test('events come out as soon as their blank line arrives', () => {
		const decoder = new SseDecoder();
		assert.deepEqual(decoder.push('data: a\n'), []);
		assert.deepEqual(decoder.push('\ndata: b'), [data('a')]);
		assert.deepEqual(decoder.push('\n\n'), [data('b')]);
		assert.deepEqual(decoder.end(), []);
	});
});
