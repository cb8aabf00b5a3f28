import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {SessionWithMessages, StoredMessage} from '../../../source/store/types.js';
import {copyChoice, copyOutcome} from '../../../source/ui/chat/copy-command.js';
import {maxClipboardBytes, osc52} from '../../../source/ui/clipboard.js';

let nextId = 1;
function message(role: StoredMessage['role'], content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
	const id = nextId++;
	return {id, sessionId: 's', position: id, role, content, status: 'complete', error: null, createdAt: 0, usage: null, thinking: null, thinkingMs: null, model: null, superseded: false, ...extra};
}

function session(messages: StoredMessage[]): SessionWithMessages {
	return {
		session: {id: 's', userId: 'ada', title: 'Code', model: 'mock', systemPrompt: null, createdAt: 0, updatedAt: 0, messageCount: messages.length, origin: 'agent-session', forkedFrom: null},
		messages,
	};
}

const reply = 'Two blocks:\n\n```sh\necho one\n```\n\n```python\nprint("two")\n```\n';
const opened = session([
	message('user', 'Code please'),
	message('assistant', reply),
	message('user', 'Again'),
	message('assistant', 'An older try', {superseded: true}),
	message('assistant', '', {status: 'error', error: 'The server failed.'}),
]);

test('/copy is the newest reply with text (a failed empty one and a superseded one are skipped), as its markdown', () => {
	assert.deepEqual(copyChoice({kind: 'copy', what: 'reply'}, opened), {kind: 'text', text: reply, what: 'the last reply'});
});

test('/copy N is the Nth code block of that reply; a number past the end says how many there are', () => {
	assert.deepEqual(copyChoice({kind: 'copy', what: 'code', index: 2}, opened), {kind: 'text', text: 'print("two")', what: 'code block 2 (python) of the last reply'});
	assert.deepEqual(copyChoice({kind: 'copy', what: 'code', index: 3}, opened), {kind: 'nothing', message: 'The last reply has 2 code blocks: use /copy 1 to /copy 2.'});
	const plain = session([message('user', 'hi'), message('assistant', 'Just text.')]);
	assert.match((copyChoice({kind: 'copy', what: 'code', index: 1}, plain) as {message: string}).message, /has no code blocks/);
});

test('/copy all is the session as markdown; an empty session has nothing to copy', () => {
	const all = copyChoice({kind: 'copy', what: 'all'}, opened);
	assert.equal(all.kind, 'text');
	assert.match((all as {text: string}).text, /^# Code\n[\s\S]*## User\n\nCode please[\s\S]*print\("two"\)/);
	assert.equal(copyChoice({kind: 'copy', what: 'all'}, session([])).kind, 'nothing');
	assert.deepEqual(copyChoice({kind: 'copy', what: 'reply'}, session([message('user', 'hi')])), {kind: 'nothing', message: 'There is no reply to copy yet.'});
});

test('what is copied is what the screen shows: no control sequence reaches the clipboard', () => {
	const hostile = session([message('user', 'hi'), message('assistant', 'Sure\u001B]52;c;cHduZWQ=\u0007 and \u001B[2J done')]);
	assert.deepEqual(copyChoice({kind: 'copy', what: 'reply'}, hostile), {kind: 'text', text: 'Sure and  done', what: 'the last reply'});
});

test('the notice says what was copied and how much; the sequence carries it', () => {
	const choice = {kind: 'text', text: 'x'.repeat(1234), what: 'the last reply'} as const;
	assert.deepEqual(copyOutcome(choice, {kind: 'yes'}), {sequence: osc52('x'.repeat(1234)), notice: 'Copied the last reply (1,234 characters) to the clipboard.'});
	assert.match(copyOutcome(choice, {kind: 'tmux'}).notice, /Copied the last reply \(1,234 characters\) to the clipboard through tmux \(it needs set -g set-clipboard on\)\./);
	// Characters as people count them: one emoji with a skin tone is one.
	assert.match(copyOutcome({kind: 'text', text: '👍🏽漢字', what: 'the last reply'}, {kind: 'yes'}).notice, /\(3 characters\)/);
});

test('too big, or a terminal known to lack OSC 52: nothing is written, and the notice says what to do instead', () => {
	const big = copyOutcome({kind: 'text', text: 'é'.repeat(maxClipboardBytes), what: 'the whole session as markdown'}, {kind: 'yes'});
	assert.equal(big.sequence, undefined);
	assert.equal(big.notice, 'The whole session as markdown is too big to copy through the terminal (149,988 bytes; at most 74,994 bytes): /export FILE writes the session to a file.');
	const apple = copyOutcome({kind: 'text', text: 'hi', what: 'the last reply'}, {kind: 'no', terminal: 'Apple\'s Terminal'});
	assert.equal(apple.sequence, undefined);
	assert.match(apple.notice, /^Apple's Terminal does not let an app set the clipboard \(no OSC 52\): Alt\+Z shows the conversation alone to select with the mouse, or \/export FILE/);
	assert.deepEqual(copyOutcome({kind: 'nothing', message: 'There is no reply to copy yet.'}, {kind: 'yes'}), {sequence: undefined, notice: 'There is no reply to copy yet.'});
});
