import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import type {SessionSummary} from '../../../source/store/types.js';
import {SessionPickerView} from '../../../source/ui/picker/index.js';
import type {SessionPickerViewProps} from '../../../source/ui/picker/index.js';
import {lineAt} from '../../../source/ui/picker/line-edit.js';
import type {ListedSession} from '../../../source/ui/picker/session-queries.js';
import {assertFits, selectedLine} from './picker-fixtures.js';

after(() => {
	cleanup();
});

const now = new Date(2025, 2, 20, 15, 30).getTime();
const ago = (minutes: number) => now - minutes * 60_000;

function session(id: string, title: string, updatedAt: number, messageCount = 2): SessionSummary {
	return {id, userId: 'alice', title, createdAt: updatedAt, updatedAt, model: 'gpt-4o', messageCount, origin: 'agent-session', systemPrompt: null, forkedFrom: null};
}

const summaries = [
	session('a', 'Just now', ago(0)),
	session('b', 'Five minutes', ago(5)),
	session('c', 'Three hours', ago(180), 1),
	session('d', 'Yesterday', new Date(2025, 2, 19, 9, 0).getTime()),
	session('e', 'Older', new Date(2025, 2, 12, 9, 0).getTime(), 1234),
	session('f', '', ago(10)),
];
const listed = (summary: SessionSummary): ListedSession => ({session: summary, titleMatches: [], snippet: null});
const sessions = summaries.map(summary => listed(summary));

function props(overrides: Partial<SessionPickerViewProps> = {}): SessionPickerViewProps {
	return {
		width: 80,
		height: 12,
		user: 'alice',
		storePath: 'data/agents.db',
		totalSessions: sessions.length,
		matchingSessions: sessions.length,
		sessions,
		top: 0,
		selected: 0,
		mode: {kind: 'browse'},
		filter: '',
		modelLabel: 'offline model',
		message: undefined,
		now,
		...overrides,
	};
}

function frameOf(overrides: Partial<SessionPickerViewProps> = {}): string {
	const view = render(<SessionPickerView {...props(overrides)} />);
	const frame = view.lastFrame() ?? '';
	view.unmount();
	return frame;
}

test('rows show relative time, count and model in aligned columns', () => {
	const frame = frameOf();
	const row = (title: string) => frame.split('\n').find(line => line.includes(title)) ?? '';
	assert.match(row('Just now'), /just now\s+2 msgs\s+gpt-4o/);
	assert.match(row('Five minutes'), /5 min ago\s+2 msgs/);
	assert.match(row('Three hours'), /3 h ago\s+1 msg\s/);
	assert.match(row('Yesterday'), /yesterday\s+2 msgs/);
	assert.match(row('Older'), /12 Mar\s+1,234 msgs/);
	assert.match(row('(untitled)'), /10 min ago/);
	assert.match(row('+ New session'), /offline model/);
	const timeColumn = ['Just now', 'Five minutes', 'Older'].map(title => row(title).search(/just now|5 min ago|12 Mar/));
	assert.equal(new Set(timeColumn).size, 1, 'the time column is aligned');
	assert.match(frame, /agent-session · alice · 6 sessions {2}data\/agents\.db/);
	assert.match(frame, /Title\s+Last active\s+Messages\s+Model/);
});

test('the selected row carries the marker', () => {
	assert.match(selectedLine(frameOf({selected: 0})), /^› \+ New session/);
	assert.match(selectedLine(frameOf({selected: 3})), /^› Three hours/);
});

test('a scrolled window starts at its first session and shows where it is', () => {
	const frame = frameOf({height: 6, top: 3, selected: 4, sessions: sessions.slice(2, 5), matchingSessions: 40, totalSessions: 40});
	assert.doesNotMatch(frame, /New session/);
	assert.match(selectedLine(frame), /Yesterday/);
	assert.match(frame, /3–5 of 40/);
	assertFits(frame, 80, 6);
});

test('filter line, rename field, delete question and messages', () => {
	const filtering = frameOf({mode: {kind: 'filter', line: lineAt('thr')}, filter: 'thr', sessions: [sessions[2]!], matchingSessions: 1, selected: 1});
	assert.match(filtering, /^\/ thr\s+1 match · most recent first$/m);
	assert.match(filtering, /Esc clear filter/);

	const renaming = frameOf({mode: {kind: 'rename', sessionId: 'b', line: lineAt('New name')}, selected: 2});
	assert.match(selectedLine(renaming), /^› New name\s*$/);
	assert.match(renaming, /Enter save {2}· {2}Esc cancel/);

	const asking = frameOf({mode: {kind: 'confirmDelete', sessionId: 'e', title: 'Older', messageCount: 1234}, selected: 5});
	assert.match(asking, /Delete "Older" \(1,234 messages\)\? y\/n/);

	const failed = frameOf({message: {tone: 'error', text: 'Cannot save data/agents.db: disk full.'}});
	assert.match(failed, /Cannot save data\/agents\.db: disk full\.$/);
	assert.doesNotMatch(failed, /Enter open/);
});

test('no matches', () => {
	const frame = frameOf({mode: {kind: 'filter', line: lineAt('zzz')}, filter: 'zzz', sessions: [], matchingSessions: 0});
	assert.match(frame, /No sessions match "zzz"\./);
	assert.match(frame, /0 matches/);
});

test('never larger than its box, at any size', () => {
	for (const width of [1, 12, 33, 80]) {
		for (const height of [0, 1, 2, 3, 4, 10, 25]) {
			assertFits(frameOf({width, height}), width, Math.max(height, 1));
			assertFits(frameOf({width, height, sessions: [], totalSessions: 0, matchingSessions: 0}), width, Math.max(height, 1));
		}
	}
});
