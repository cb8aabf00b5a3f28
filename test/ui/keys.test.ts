import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keyEvent} from '../../source/hooks/key-event.js';
import {actionOf, keyBindings, keyLabel, keysLabel, matches} from '../../source/ui/keys.js';
import {helpLines, helpRows} from '../../source/ui/HelpOverlay.js';
import {textWidth} from '../../source/ui/text/index.js';

test('a binding matches exactly its keys and modifiers', () => {
	assert.ok(matches('quit', keyEvent(undefined, 'c', {ctrl: true})));
	assert.ok(!matches('quit', keyEvent(undefined, 'c')));
	assert.ok(matches('composer.newline', keyEvent('enter', '', {meta: true})));
	assert.ok(matches('composer.newline', keyEvent(undefined, 'j', {ctrl: true})));
	assert.ok(!matches('composer.newline', keyEvent('enter')));
	assert.ok(matches('composer.send', keyEvent('enter')));
	assert.ok(matches('history.up', keyEvent(undefined, 'k')));
	assert.ok(matches('history.up', keyEvent('up')));
	assert.ok(!matches('history.up', keyEvent('up', '', {shift: true})), 'Shift+↑ is another key');
	assert.ok(matches('picker.confirm', keyEvent(undefined, 'Y', {shift: true})), 'a character\'s case carries Shift');
	assert.ok(matches('help.pageDown', keyEvent(undefined, ' ')));
	assert.equal(actionOf(['composer.left', 'composer.wordLeft'], keyEvent('left', '', {ctrl: true})), 'composer.wordLeft');
});

test('keys are written for people from the same table', () => {
	assert.equal(keyLabel('ctrl+c'), 'Ctrl+C');
	assert.equal(keyLabel('alt+enter'), 'Alt+Enter');
	assert.equal(keyLabel('pageup'), 'PgUp');
	assert.equal(keyLabel('shift+tab'), 'Shift+Tab');
	assert.equal(keysLabel('history.up'), '↑ / k');
	assert.equal(keysLabel('picker.delete'), 'Delete / Ctrl+D');
});

test('the help lists every binding of the table, so it cannot drift from what works', () => {
	const rows = helpRows();
	for (const binding of keyBindings) {
		assert.ok(rows.some(row => row.key === keysLabel(binding.action) && row.text === binding.help), `${binding.action} is in the help`);
	}
	assert.ok(rows.some(row => row.key === 'PgUp' && /conversation up/.test(row.text)), 'transcript paging is listed');
});

test('at 80 columns the help wraps each description under itself: every word is there, no line is wider than its column', () => {
	const rows = helpRows();
	const lines = helpLines(rows, 51);
	assert.ok(lines.length > rows.length, 'long descriptions take more than one line');
	for (const line of lines) assert.ok(textWidth(line.text) <= 51, JSON.stringify(line.text));
	const joined = (texts: string[]) => texts.join(' ').replaceAll(/\s+/g, ' ').trim();
	assert.equal(joined(lines.filter(line => !line.heading).map(line => line.text)), joined(rows.filter(row => !row.heading).map(row => row.text)));
});

test('no two bindings of one context share a key', () => {
	const seen = new Map<string, string>();
	for (const binding of keyBindings) {
		for (const key of binding.keys) {
			const id = `${binding.context}:${key}`;
			assert.ok(!seen.has(id), `${key} is bound twice in ${binding.context}: ${seen.get(id)} and ${binding.action}`);
			seen.set(id, binding.action);
		}
	}
});
