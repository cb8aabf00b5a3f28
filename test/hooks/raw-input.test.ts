import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {normalizeNewlines, parseRawEvent, parseRawEvents, PasteCollector, pasteEnd, pasteStart} from '../../source/hooks/raw-input.js';

/** The key flags (and modifiers) that are set, e.g. 'ctrl+leftArrow'. */
function describeEvent(raw: string): string {
	const event = parseRawEvent(raw);
	if (event.kind !== 'key') {
		return event.kind === 'text' ? `text:${event.text}` : event.kind;
	}
	return describeKey(event.input, event.key);
}

function describeKey(input: string, key: Key): string {
	const flags = Object.entries(key)
		.filter(([, value]) => value === true)
		.map(([name]) => name)
		.sort((a, b) => Number(!['ctrl', 'meta', 'shift'].includes(a)) - Number(!['ctrl', 'meta', 'shift'].includes(b)));
	return [...flags, input === '' ? '' : JSON.stringify(input)].filter(Boolean).join('+');
}

describe('parseRawEvent', () => {
	const cases: Array<[string, string]> = [
		['\r', 'return+"\\r"'],
		['\u001B\r', 'meta+return+"\\r"'],
		['\n', 'ctrl+"j"'],
		['\t', 'tab'],
		['\u001B[Z', 'shift+tab'],
		['\u007F', 'backspace'],
		['\b', 'backspace'],
		['\u001B\u007F', 'meta+backspace'],
		['\u001B[3~', 'delete'],
		['\u001B', 'escape'],
		['\u001B[A', 'upArrow'],
		['\u001BOB', 'downArrow'],
		['\u001B[1;5D', 'ctrl+leftArrow'],
		['\u001B[1;3C', 'meta+rightArrow'],
		['\u001B\u001B[D', 'meta+leftArrow'],
		['\u001BOd', 'ctrl+leftArrow'],
		['\u001B[H', 'home'],
		['\u001B[4~', 'end'],
		['\u001B[5~', 'pageUp'],
		['\u001B[6~', 'pageDown'],
		['\u001Bb', 'meta+"b"'],
		['\u0001', 'ctrl+"a"'],
		['\u0017', 'ctrl+"w"'],
		['\u001BOP', 'f1'],
		['\u001B[11~', 'f1'],
		['\u001B[200~', 'ignored'],
		['\u001B[99;9X', 'ignored'],
		['\u001C', 'ignored'],
		['a', 'text:a'],
		['?', 'text:?'],
		['漢字', 'text:漢字'],
		['line\rline', 'text:line\rline'],
	];
	for (const [raw, expected] of cases) {
		test(`${JSON.stringify(raw)} → ${expected}`, () => {
			assert.equal(describeEvent(raw), expected);
		});
	}
});

describe('parseRawEvents', () => {
	const cases: Array<[string, string[]]> = [
		['hello\r', ['text:hello', 'return+"\\r"']],
		['hello\r\n', ['text:hello', 'return+"\\r"']],
		['\u007F\u007F\u007F', ['backspace', 'backspace', 'backspace']],
		['\u0015\u0001\u000B', ['ctrl+"u"', 'ctrl+"a"', 'ctrl+"k"']],
		['\u0001start', ['ctrl+"a"', 'text:start']],
		['one\rtwo\tthree', ['text:one\rtwo\tthree']],
		['\u001B[A', ['upArrow']],
		['x', ['text:x']],
	];
	for (const [raw, expected] of cases) {
		test(`${JSON.stringify(raw)} → ${expected.join(', ')}`, () => {
			assert.deepEqual(parseRawEvents(raw).map(event => {
				if (event.kind === 'text') {
					return `text:${event.text}`;
				}
				return event.kind === 'key' ? describeKey(event.input, event.key) : event.kind;
			}), expected);
		});
	}
});

describe('PasteCollector', () => {
	test('collects across events, including lone \\r events, and normalises line breaks', () => {
		const collector = new PasteCollector();
		assert.deepEqual(collector.push('x'), {kind: 'pass'});
		assert.deepEqual(collector.push(pasteStart), {kind: 'collecting'});
		assert.equal(collector.pasting, true);
		for (const chunk of ['a', '\r', 'b\r\n', 'c', '\r']) {
			assert.deepEqual(collector.push(chunk), {kind: 'collecting'});
		}
		assert.deepEqual(collector.push(pasteEnd), {kind: 'pasted', text: 'a\nb\nc\n', rest: ''});
		assert.equal(collector.pasting, false);
		assert.deepEqual(collector.push('\r'), {kind: 'pass'});
	});

	test('finds an end marker split across events and hands back what follows it', () => {
		const collector = new PasteCollector();
		collector.push(pasteStart);
		collector.push('text\u001B[20');
		assert.deepEqual(collector.push('1~more'), {kind: 'pasted', text: 'text', rest: 'more'});
	});

	test('flush ends an unterminated paste', () => {
		const collector = new PasteCollector();
		assert.equal(collector.flush(), undefined);
		collector.push(pasteStart);
		collector.push('half\r');
		assert.equal(collector.flush(), 'half\n');
		assert.equal(collector.pasting, false);
	});

	test('normalizeNewlines', () => {
		assert.equal(normalizeNewlines('a\r\nb\rc\nd'), 'a\nb\nc\nd');
	});
});
