import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseCommand, parseExportArguments} from '../../../source/ui/chat/commands.js';

test('composer lines become commands', () => {
	const cases: Array<[string, ReturnType<typeof parseCommand>]> = [
		['hello', {kind: 'send', text: 'hello'}],
		['  exit ', {kind: 'quit'}],
		['QUIT', {kind: 'quit'}],
		['bye', {kind: 'quit'}],
		['bye now', {kind: 'send', text: 'bye now'}],
		['/new', {kind: 'new'}],
		['/sessions', {kind: 'sessions'}],
		['/rename  Trip   plans ', {kind: 'rename', name: 'Trip plans'}],
		['/clear', {kind: 'clear'}],
		['/help', {kind: 'help'}],
		['/mouse', {kind: 'mouse', on: undefined}],
		['/mouse OFF', {kind: 'mouse', on: false}],
		['/mouse on', {kind: 'mouse', on: true}],
		['//etc/hosts is a file', {kind: 'send', text: '/etc/hosts is a file'}],
		['/retry', {kind: 'retry'}],
		['/edit', {kind: 'edit'}],
		['/UNDO', {kind: 'undo'}],
		['/model', {kind: 'model', name: undefined}],
		['/model  qwen3:8b ', {kind: 'model', name: 'qwen3:8b'}],
		['/system', {kind: 'system', action: 'edit'}],
		['/system Talk like a pirate.\n  Briefly.', {kind: 'system', action: 'set', prompt: 'Talk like a pirate.\n  Briefly.'}],
		['/system default', {kind: 'system', action: 'set', prompt: null}],
		['/system None', {kind: 'system', action: 'set', prompt: ''}],
		['/copy', {kind: 'copy', what: 'reply'}],
		['/copy ALL', {kind: 'copy', what: 'all'}],
		['/copy 2', {kind: 'copy', what: 'code', index: 2}],
		['/zoom', {kind: 'zoom'}],
		['/find', {kind: 'find', text: ''}],
		['/find  the  Needle ', {kind: 'find', text: 'the  Needle'}],
		['/export', {kind: 'export', format: 'md', file: undefined}],
		['/export json out.json', {kind: 'export', format: 'json', file: 'out.json'}],
	];
	for (const [input, expected] of cases) assert.deepEqual(parseCommand(input), expected, input);
	assert.equal(parseCommand('/rename').kind, 'invalid');
	assert.equal(parseCommand('/mouse maybe').kind, 'invalid');
	for (const bad of ['/copy 0', '/copy -1', '/copy two', '/copy 1.5', '/export pdf']) assert.equal(parseCommand(bad).kind, 'invalid', bad);
	const unknown = parseCommand('/frobnicate');
	assert.equal(unknown.kind, 'invalid');
	assert.match(unknown.kind === 'invalid' ? unknown.message : '', /Unknown command \/frobnicate/);
});

test('/export arguments: a format, a file, both or neither', () => {
	const cases: Array<[string, ReturnType<typeof parseExportArguments>]> = [
		['', {kind: 'export', format: 'md', file: undefined}],
		['json', {kind: 'export', format: 'json', file: undefined}],
		['MD notes/today.md', {kind: 'export', format: 'md', file: 'notes/today.md'}],
		['session.json', {kind: 'export', format: 'json', file: 'session.json'}],
		['md session.json', {kind: 'export', format: 'md', file: 'session.json'}],
		['json  my chat.txt ', {kind: 'export', format: 'json', file: 'my chat.txt'}],
	];
	for (const [argument, expected] of cases) assert.deepEqual(parseExportArguments(argument), expected, argument);
	assert.equal(parseExportArguments('pdf').kind, 'invalid');
});
