import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {
	jsonCloseLine,
	jsonEmptyLine,
	jsonGutterWidth,
	JsonLinesCache,
	jsonOpenLine,
	messageJsonLines,
	type JsonMessage,
} from '../../../source/ui/text/json-lines.js';
import {theme} from '../../../source/ui/text/theme.js';
import {displayWidth, openStylesAtEnd, stripAnsi} from './ansi.js';

chalk.level = 3;

const messages: JsonMessage[] = [
	{role: 'user', content: 'Hello! Can you explain "quotes" and back\\slashes?'},
	{
		role: 'assistant',
		content: '# Answer\n\nSure — here is a long line that will certainly need wrapping in a narrow pane, with tabs\tand more text.\n\n```js\nconst s = "x\\\\y";\n```\n',
	},
	{role: 'user', content: 'Unicode: café, 漢字かな交じり文, emoji 😀👍🏽👩‍👩‍👧, and a lone surrogate \uD800 here.'},
	{role: 'assistant', content: 'Controls: \u001B]52;c;QUJD\u0007 \u001B[2J \r\n \b \u0000 C1: \u009B2J \u0085 DEL: \u007F separators: \u2028 \u2029 end'},
	{role: 'user', content: ''},
	{role: 'assistant', content: 'x'.repeat(300) + ' ' + '\\u001b'.repeat(40)},
];

/** What the pane must show once wrapping is undone: the pretty JSON, with the extra escapes. */
function expectedJson(list: readonly JsonMessage[]): string {
	const json = JSON.stringify(list.map(({role, content}) => ({role, content})), null, 2);
	return json.replace(/[\u007F-\u009F\u2028\u2029]/g, char => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0'));
}

function documentLines(list: readonly JsonMessage[], width: number): string[] {
	if (list.length === 0) {
		return [jsonEmptyLine];
	}

	return [
		jsonOpenLine,
		...list.flatMap((message, index) =>
			messageJsonLines(message, {width, last: index === list.length - 1, marked: index % 2 === 1}),
		),
		jsonCloseLine,
	];
}

/** The continuation indent the pane uses: 4 columns (under the key), less in a very narrow pane. */
function continuationIndent(inner: number): number {
	return Math.max(0, Math.min(4, inner - 10));
}

/** A line of the JSON itself: a bracket or brace (2 columns in), or a property (4 columns in, `"key": `). */
const startsJsonLine = /^(?: {0,2}[[\]{}]| {4}"(?:[^"\\]|\\.)*": )/;

/** Strips colours and gutters and joins continuation lines back onto their line. */
function unwrap(lines: readonly string[], width: number): string {
	const inner = width - jsonGutterWidth;
	const logical: string[] = [];
	let indent = 0;
	for (const styled of lines) {
		const line = stripAnsi(styled).slice(jsonGutterWidth);
		if (startsJsonLine.test(line)) {
			logical.push(line);
			indent = line.startsWith('    "') ? continuationIndent(inner) : 0;
		} else {
			assert.ok(line.startsWith(' '.repeat(indent)), `continuation ${JSON.stringify(line)} is indented by ${indent}`);
			logical[logical.length - 1] += line.slice(indent);
		}
	}

	return logical.join('\n');
}

describe('messageJsonLines', () => {
	test('unwrapping the lines gives back JSON.stringify(messages, null, 2) exactly, and it parses', () => {
		for (let width = 30; width <= 130; width += 7) {
			const lines = documentLines(messages, width);
			const text = unwrap(lines, width);
			assert.equal(text, expectedJson(messages), `width ${width}`);
			assert.deepEqual(JSON.parse(text), messages);
		}

		assert.equal(unwrap(documentLines([], 40), 40), '[]');
	});

	test('lines fit the width, close their styles and hold no raw control character', () => {
		for (let width = 16; width <= 100; width += 3) {
			for (const line of documentLines(messages, width)) {
				assert.ok(displayWidth(line) <= width, `${JSON.stringify(line)} wider than ${width}`);
				assert.deepEqual(openStylesAtEnd(line), []);
				// eslint-disable-next-line no-control-regex -- looking for control characters is the point
				assert.doesNotMatch(stripAnsi(line), /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/);
			}
		}
	});

	test('wrapping never splits an escape sequence', () => {
		for (let width = 20; width <= 60; width++) {
			for (const line of documentLines(messages, width)) {
				const text = stripAnsi(line).trimEnd();
				assert.doesNotMatch(text, /(^|[^\\])(\\\\)*\\(u[\da-f]{0,3})?$/, `${JSON.stringify(text)} at ${width}`);
			}
		}
	});

	test('the shape of one element: braces, keys, comma unless last', () => {
		const lines = messageJsonLines({role: 'user', content: 'hi'}, {width: 60, last: false, marked: false});
		assert.deepEqual(lines.map(line => stripAnsi(line)), ['    {', '      "role": "user",', '      "content": "hi"', '    },']);
		const last = messageJsonLines({role: 'user', content: 'hi'}, {width: 60, last: true, marked: false});
		assert.equal(stripAnsi(last.at(-1)!), '    }');
	});

	test('a kept alternative says so: "superseded": true after its content, as JSON.stringify would write it', () => {
		const lines = messageJsonLines({role: 'assistant', content: 'old', superseded: true}, {width: 60, last: true, marked: false});
		const text = lines.map(line => stripAnsi(line).slice(jsonGutterWidth)).join('\n');
		assert.equal(text, JSON.stringify([{role: 'assistant', content: 'old', superseded: true}], null, 2).split('\n').slice(1, -1).join('\n'));
		const cache = new JsonLinesCache();
		const current = cache.get(1, {role: 'assistant', content: 'old'}, {width: 60, last: true, marked: false});
		assert.notDeepEqual(cache.get(1, {role: 'assistant', content: 'old', superseded: true}, {width: 60, last: true, marked: false}), current, 'superseding it renders it again');
	});

	test('keys and strings are coloured, punctuation is not', () => {
		const [, role] = messageJsonLines({role: 'user', content: 'hi'}, {width: 60, last: true, marked: false});
		assert.equal(role, `      ${theme.jsonKey('"role"')}: ${theme.jsonString('"user"')},`);
	});

	test('messages in the history window carry a marker in the gutter on every line', () => {
		const marked = messageJsonLines(messages[1]!, {width: 40, last: false, marked: true});
		assert.ok(marked.length > 4);
		for (const line of marked) {
			assert.ok(line.startsWith(theme.jsonMark('▌') + ' '));
		}

		for (const line of messageJsonLines(messages[1]!, {width: 40, last: false, marked: false})) {
			assert.ok(line.startsWith('  '));
		}
	});

	test('long values wrap with continuation lines 4 columns in, under the key, leaving the pane\'s width to the text', () => {
		for (const width of [30, 60, 120]) {
			const lines = messageJsonLines({role: 'assistant', content: 'word '.repeat(60)}, {width, last: true, marked: false})
				.map(line => stripAnsi(line));
			assert.ok(lines[2]!.startsWith('      "content": "word word'));
			const continuations = lines.slice(3, -1);
			assert.ok(continuations.length > 0, `the value wraps at ${width}`);
			for (const line of continuations) assert.match(line, /^ {6}word/, `gutter and 4 columns at ${width}`);
			assert.ok(continuations.slice(0, -1).every(line => line.trimEnd().length >= width - 5), `continuations use the width at ${width}`);
		}
	});
});

describe('JsonLinesCache', () => {
	test('a hit returns the cached lines without rendering', () => {
		const cache = new JsonLinesCache();
		const options = {width: 60, last: false, marked: false};
		const first = cache.get(1, messages[1]!, options);
		const again = cache.get(1, {...messages[1]!}, {...options});
		assert.equal(again, first);
		assert.deepEqual(cache.stats, {hits: 1, misses: 1});
		assert.deepEqual(first, messageJsonLines(messages[1]!, options));
	});

	test('a change of content, width, last or marked renders again', () => {
		const cache = new JsonLinesCache();
		const options = {width: 60, last: true, marked: false};
		const message = {role: 'assistant', content: 'partial'};
		cache.get('streaming', message, options);
		cache.get('streaming', {...message, content: 'partial reply'}, options);
		cache.get('streaming', {...message, content: 'partial reply'}, {...options, width: 50});
		cache.get('streaming', {...message, content: 'partial reply'}, {...options, width: 50, last: false});
		cache.get('streaming', {...message, content: 'partial reply'}, {...options, width: 50, last: false, marked: true});
		assert.deepEqual(cache.stats, {hits: 0, misses: 5});
		assert.deepEqual(
			cache.get('streaming', {...message, content: 'partial reply'}, {...options, width: 50, last: false, marked: true}),
			messageJsonLines({...message, content: 'partial reply'}, {width: 50, last: false, marked: true}),
		);
		assert.equal(cache.stats.hits, 1);
	});
});

describe('a reply\'s thinking', () => {
	const thought: JsonMessage = {role: 'assistant', content: 'The answer is 42.', thinking: 'The user wants the answer.\n\nIt is \u001B[2J42, "quoted".'};

	test('is its own "thinking" field between role and content, and unwraps to the JSON of the message', () => {
		for (let width = 24; width <= 100; width += 9) {
			const text = unwrap(documentLines([messages[0]!, thought], width), width);
			const expected = JSON.stringify([messages[0], {role: thought.role, thinking: thought.thinking, content: thought.content}], null, 2);
			assert.equal(text, expected, `width ${width}`);
		}
	});

	test('is dim and never marked: no request carries it, even inside the history window', () => {
		const lines = messageJsonLines(thought, {width: 40, last: true, marked: true});
		const content = lines.findIndex(line => stripAnsi(line).includes('"content"'));
		// '{' and the role come first; everything between them and the content is the thinking.
		const thinking = lines.slice(2, content);
		assert.ok(thinking.length > 1, 'the thinking wraps at this width');
		for (const line of thinking) assert.ok(line.startsWith('  ') && !line.includes('▌'), `${JSON.stringify(line)} is not marked`);
		for (const line of [...lines.slice(0, 2), ...lines.slice(content)]) assert.ok(line.startsWith(theme.jsonMark('▌')));
		assert.ok(thinking[0]!.includes(theme.quiet('"thinking"')), 'the key is dim');
		assert.ok(!thinking.some(line => line.includes(theme.jsonString('"The user'))), 'the value is not coloured as text that is sent');
	});

	test('no thinking, null or empty: no field', () => {
		for (const thinking of [undefined, null, '']) {
			assert.deepEqual(messageJsonLines({role: 'assistant', content: 'hi', thinking}, {width: 60, last: true, marked: false}), messageJsonLines({role: 'assistant', content: 'hi'}, {width: 60, last: true, marked: false}));
		}
	});

	test('the cache keeps the thinking\'s lines while the answer under it grows, and renders them again when it changes', () => {
		const cache = new JsonLinesCache();
		const options = {width: 50, last: true, marked: true};
		const first = cache.get('streaming', {role: 'assistant', content: '', thinking: 'Hmm.'}, options);
		const grown = cache.get('streaming', {role: 'assistant', content: '', thinking: 'Hmm. Let me see.'}, options);
		assert.deepEqual(grown, messageJsonLines({role: 'assistant', content: '', thinking: 'Hmm. Let me see.'}, options));
		assert.notDeepEqual(first, grown);
		const answer = cache.get('streaming', {role: 'assistant', content: 'It is 42.', thinking: 'Hmm. Let me see.'}, options);
		assert.deepEqual(answer, messageJsonLines({role: 'assistant', content: 'It is 42.', thinking: 'Hmm. Let me see.'}, options));
		assert.equal(answer[2], grown[2], 'the thinking line is the very same string, not rendered again');
		assert.deepEqual(cache.stats, {hits: 0, misses: 3});
	});
});
