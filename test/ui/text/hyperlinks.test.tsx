import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {Pane} from '../../../source/ui/chat/Pane.js';
import {safeLinkUrl, terminalAllowsHyperlinks} from '../../../source/ui/text/hyperlinks.js';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {hyperlinks, linksClosed, oscSequences, stripAnsi} from './ansi.js';
import {replyWithAttacks} from './fixtures.js';

chalk.level = 3;
process.env['FORCE_HYPERLINK'] = '1';

after(() => {
	cleanup();
});

/** Runs `body` with some environment variables set (undefined removes one), then puts them back. */
function withEnv<T>(env: Record<string, string | undefined>, body: () => T): T {
	const saved = Object.fromEntries(Object.keys(env).map(name => [name, process.env[name]]));
	const apply = (values: Record<string, string | undefined>): void => {
		for (const [name, value] of Object.entries(values)) {
			if (value === undefined) {
				Reflect.deleteProperty(process.env, name);
			} else {
				process.env[name] = value;
			}
		}
	};

	apply(env);
	try {
		return body();
	} finally {
		apply(saved);
	}
}

describe('terminalAllowsHyperlinks', () => {
	test('on unless the terminal is known to print them; the overrides decide first', () => {
		const cases: Array<[NodeJS.ProcessEnv, boolean]> = [
			[{TERM: 'xterm-256color'}, true],
			[{TERM: 'xterm-kitty'}, true],
			[{TERM: 'tmux-256color', TMUX: '/tmp/tmux-1000/default,1,0'}, true],
			[{TERM: 'screen-256color', TMUX: '/tmp/tmux-1000/default,1,0'}, true],
			[{TERM: 'xterm-256color', VTE_VERSION: '7600'}, true],
			[{TERM: 'xterm-256color', TERM_PROGRAM: 'Apple_Terminal'}, true],
			[{}, true],
			[{TERM: 'dumb'}, false],
			[{TERM: 'linux'}, false],
			[{TERM: 'screen'}, false],
			[{TERM: 'xterm-256color', VTE_VERSION: '4205'}, false],
			[{TERM: 'eterm-color', INSIDE_EMACS: '29.1,term:0.96'}, false],
			[{TERM: 'xterm-256color', NO_HYPERLINKS: '1'}, false],
			[{TERM: 'xterm-256color', FORCE_HYPERLINK: '0'}, false],
			[{TERM: 'dumb', FORCE_HYPERLINK: '1'}, true],
			[{TERM: 'dumb', FORCE_HYPERLINK: '1', NO_HYPERLINKS: ''}, false],
		];
		for (const [env, expected] of cases) {
			assert.equal(terminalAllowsHyperlinks(env), expected, JSON.stringify(env));
		}
	});
});

describe('safeLinkUrl', () => {
	test('only absolute http, https and mailto addresses, re-serialized to printable ASCII', () => {
		assert.equal(safeLinkUrl('https://example.com/a b?q=ü#frag'), 'https://example.com/a%20b?q=%C3%BC#frag');
		assert.equal(safeLinkUrl('HTTP://Example.COM'), 'http://example.com/');
		assert.equal(safeLinkUrl('https://bücher.example/x'), 'https://xn--bcher-kva.example/x');
		assert.equal(safeLinkUrl('mailto:ada@example.com?subject=Hi there'), 'mailto:ada@example.com?subject=Hi%20there');
		assert.equal(safeLinkUrl('mailto:a b@example.com'), 'mailto:a%20b@example.com');
		for (const href of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'ftp://example.com', '/relative', 'example.com', '', 'http://', 'https://user:pass@bank.example', 'https://bank.example@evil.example/']) {
			assert.equal(safeLinkUrl(href), undefined, href);
		}
	});

	test('nothing that could end or extend the escape sequence survives', () => {
		for (const href of ['https://e.example/\u001B\\x', 'https://e.example/\u0007x', 'https://e.example/\u009Cx', 'https://e.example/\u001B]8;;https://evil/\u001B\\', 'https://e.example/\u2028\u202E']) {
			const url = safeLinkUrl(href);
			assert.ok(url !== undefined && /^[!-~]+$/.test(url), `${JSON.stringify(href)} → ${url}`);
		}
	});
});

describe('links on screen', () => {
	test('a link\'s text is an OSC 8 hyperlink, and so is the address shown after it', () => {
		const [line] = renderMarkdown('Read [the docs](https://example.com/docs) now.', 80);
		assert.equal(stripAnsi(line!), 'Read the docs (https://example.com/docs) now.');
		assert.deepEqual(hyperlinks(line!), [
			{url: 'https://example.com/docs', text: 'the docs'},
			{url: 'https://example.com/docs', text: ' (https://example.com/docs)'},
		]);
		assert.ok(line!.startsWith('Read \u001B]8;;https://example.com/docs\u001B\\'), 'OSC 8 with ST, built by us');
	});

	test('autolinks, bare addresses and e-mail addresses link once, to the full URL', () => {
		const links = renderMarkdown('<https://a.example> www.b.example c@d.example', 80).flatMap(line => hyperlinks(line));
		assert.deepEqual(links, [
			{url: 'https://a.example/', text: 'https://a.example'},
			{url: 'http://www.b.example/', text: 'www.b.example'},
			{url: 'mailto:c@d.example', text: 'c@d.example'},
		]);
	});

	test('a link wrapped over lines is a complete link on each line', () => {
		const lines = renderMarkdown('[a link text that is long enough to wrap over several lines](https://example.com/long)', 20);
		assert.ok(lines.length >= 3);
		for (const line of lines) {
			assert.ok(linksClosed(line), `every link closes on its line: ${JSON.stringify(line)}`);
			assert.ok(stringWidth(line) <= 20);
		}
	});

	test('unsafe addresses, terminals that print OSC 8 and plain output get no hyperlink; the address still shows', () => {
		const unsafe = renderMarkdown('[run](javascript:alert(1)) [file](file:///etc/passwd)', 80);
		assert.deepEqual(unsafe.map(line => stripAnsi(line)), ['run (javascript:alert(1)) file (file:///etc/passwd)']);
		assert.deepEqual(oscSequences(unsafe.join('')), []);
		for (const env of [{FORCE_HYPERLINK: '0'}, {FORCE_HYPERLINK: undefined, TERM: 'dumb'}, {FORCE_HYPERLINK: undefined, TERM: 'linux'}]) {
			const lines = withEnv(env, () => renderMarkdown('[docs](https://example.com/docs)', 80));
			assert.deepEqual(lines.map(line => stripAnsi(line)), ['docs (https://example.com/docs)'], JSON.stringify(env));
			assert.deepEqual(oscSequences(lines.join('')), [], JSON.stringify(env));
		}

		const level = chalk.level;
		chalk.level = 0;
		try {
			assert.deepEqual(renderMarkdown('[docs](https://example.com/docs)', 80), ['docs (https://example.com/docs)']);
		} finally {
			chalk.level = level;
		}
	});

	test('model output never produces an OSC sequence: the only ones are our links, to safe addresses', () => {
		const hostile = `${replyWithAttacks}

[x](https://ok.example/\u001B]8;;https://smuggled.example\u001B\\) \u001B]8;;https://smuggled.example\u0007text\u001B]8;;\u0007
[y](https://ok.example/a\u0007b) <https://ok.example/\u009D8;;x\u009C> &#27;]8;;ftp://smuggled.example/&#27;\\z`;
		for (const width of [20, 60, 120]) {
			const output = renderMarkdown(hostile, width).join('\n');
			for (const sequence of oscSequences(output)) {
				const url = sequence.startsWith('\u001B]8;;') && sequence.endsWith('\u001B\\') ? sequence.slice(5, -2) : undefined;
				assert.ok(url !== undefined && /^(?:(?:https?|mailto):[!-~]*)?$/.test(url), `only our OSC 8 at ${width}: ${JSON.stringify(sequence)}`);
				assert.ok(!sequence.includes('smuggled'), `no address from an escape sequence: ${JSON.stringify(sequence)}`);
			}
		}
	});
});

describe('links in an Ink frame', () => {
	test('OSC 8 takes no columns: rows keep their border, a cut row keeps its link closed', () => {
		const width = 40;
		const lines = [
			...renderMarkdown('See [the documentation](https://example.com/docs "Docs") and [more](https://example.com/more).', 36),
			// Wider than the pane: Ink cuts it, inside the link.
			`\u001B]8;;https://example.com/x\u001B\\${'x'.repeat(60)}\u001B]8;;\u001B\\`,
		];
		const {lastFrame} = render(<Pane title="Transcript" width={width} height={lines.length + 3} focused={false} lines={lines}/>);
		const frame = lastFrame() ?? '';
		for (const row of frame.split('\n')) {
			assert.equal(stringWidth(row), width, `row is ${stringWidth(row)} columns: ${JSON.stringify(row)}`);
			assert.match(stripAnsi(row), /[│╮╯]$/u);
			assert.ok(linksClosed(row), `links close on their row: ${JSON.stringify(row)}`);
		}

		const urls = frame.split('\n').flatMap(row => hyperlinks(row)).map(link => link.url);
		assert.ok(urls.includes('https://example.com/docs') && urls.includes('https://example.com/more') && urls.includes('https://example.com/x'), urls.join(' '));
	});
});
