import {test} from 'node:test';
import assert from 'node:assert/strict';
import {clipboardSupport, maxClipboardBytes, maxSequenceBytes, osc52} from '../../source/ui/clipboard.js';

test('one OSC 52 sequence: the clipboard selection, the text in base64 (UTF-8), BEL at the end', () => {
	assert.equal(osc52('hi'), '\u001B]52;c;aGk=\u0007');
	const text = 'café 漢字 😀\nline two\twith a tab';
	const sequence = osc52(text);
	// eslint-disable-next-line no-control-regex -- the escape sequence is what is looked for
	const payload = /^\u001B\]52;c;([A-Za-z0-9+/=]+)\u0007$/.exec(sequence)?.[1];
	assert.ok(payload, 'only base64 between the prefix and BEL');
	assert.equal(Buffer.from(payload, 'base64').toString('utf8'), text);
});

test('the cap: the largest text that fits makes a sequence of at most 100,000 bytes', () => {
	assert.equal(maxSequenceBytes, 100_000);
	assert.equal(maxClipboardBytes, 74_994);
	assert.ok(Buffer.byteLength(osc52('x'.repeat(maxClipboardBytes))) <= maxSequenceBytes);
	assert.ok(Buffer.byteLength(osc52('x'.repeat(maxClipboardBytes + 3))) > maxSequenceBytes);
});

test('terminals known to lack OSC 52 say no; tmux is named; the rest are tried', () => {
	assert.deepEqual(clipboardSupport({TERM_PROGRAM: 'Apple_Terminal', TERM: 'xterm-256color'}), {kind: 'no', terminal: 'Apple\'s Terminal'});
	assert.deepEqual(clipboardSupport({TERM: 'linux'}), {kind: 'no', terminal: 'The Linux console'});
	assert.deepEqual(clipboardSupport({TMUX: '/tmp/tmux-1000/default,123,0', TERM: 'tmux-256color', TERM_PROGRAM: 'tmux'}), {kind: 'tmux'});
	for (const env of [{TERM: 'xterm-256color'}, {TERM_PROGRAM: 'iTerm.app'}, {TERM: 'xterm-kitty'}, {TERM_PROGRAM: 'WezTerm'}, {}]) {
		assert.deepEqual(clipboardSupport(env), {kind: 'yes'}, JSON.stringify(env));
	}
});
