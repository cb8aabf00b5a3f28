import {test} from 'node:test';
import assert from 'node:assert/strict';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {exportPath} from '../../../source/ui/chat/export-session.js';

test('/export writes where it is told, or session-<id>.<format> in the current folder; ~/ is the home folder', () => {
	const id = '90fb0fcc-ea52-4917-a007-7eb34c1192de';
	assert.equal(exportPath({kind: 'export', format: 'md', file: undefined}, id, '/work'), '/work/session-90fb0fcc.md');
	assert.equal(exportPath({kind: 'export', format: 'json', file: undefined}, id, '/work'), '/work/session-90fb0fcc.json');
	assert.equal(exportPath({kind: 'export', format: 'md', file: 'notes/today.md'}, id, '/work'), '/work/notes/today.md');
	assert.equal(exportPath({kind: 'export', format: 'md', file: '/tmp/x.md'}, id, '/work'), '/tmp/x.md');
	assert.equal(exportPath({kind: 'export', format: 'md', file: '~/chats/x.md'}, id, '/work'), join(homedir(), 'chats/x.md'));
	// An id from someone else's file never makes a path of its own.
	assert.equal(exportPath({kind: 'export', format: 'md', file: undefined}, '../../etc', '/work'), '/work/session-______et.md');
});
