import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import type {SessionSummary} from '../../../source/store/types.js';
import {
	deleteQuestion,
	footerHints,
	headerParts,
	markerWidth,
	planColumns,
	screenLines,
	scrollIndicator,
	sessionRowCells,
	sessionTitle,
} from '../../../source/ui/picker/picker-layout.js';

const now = new Date(2025, 2, 20, 15, 30).getTime();

const text = (pieces: ReadonlyArray<{text: string}>) => pieces.map(piece => piece.text).join('');

function session(overrides: Partial<SessionSummary> = {}): SessionSummary {
	return {id: 's1', userId: 'u', title: 'Plan the trip', createdAt: now, updatedAt: now - 5 * 60_000, model: 'gpt-4o', messageCount: 12, origin: 'agent-session', systemPrompt: null, forkedFrom: null, ...overrides};
}

test('screen lines never add up to more than the height, with a footer message of any length', () => {
	for (const footer of [1, 2, 3, 7]) {
		for (let height = 0; height <= 40; height++) {
			const lines = screenLines(height, footer);
			const used = Number(lines.header) + Number(lines.columnTitles) + lines.list + Number(lines.status) + lines.footerRows;
			assert.ok(used <= height, `height ${height} uses ${used}`);
			assert.ok(lines.footerRows <= 3, 'three footer rows at most');
			if (height > 0) {
				assert.ok(lines.list >= 1, `height ${height} has a list row`);
			}
		}
	}
});

describe('columns', () => {
	test('wide: title, time, count and model, filling the width exactly', () => {
		const columns = planColumns(100, [session()]);
		assert.ok(columns.model > 0 && columns.count > 0);
		const cells = sessionRowCells(session(), columns, now);
		assert.equal(stringWidth(text(cells.title) + cells.details) + markerWidth, 100);
		assert.match(text(cells.title), /^Plan the trip +$/);
		assert.match(cells.details, /5 min ago +12 msgs +gpt-4o/);
	});

	test('a long model name (a model on a local server) shows whole in a wide terminal, cut with … in a normal one', () => {
		const local = [session({model: 'qwen3:8b @ 127.0.0.1:11434'})];
		assert.match(sessionRowCells(local[0]!, planColumns(200, local), now).details, /qwen3:8b @ 127\.0\.0\.1:11434 *$/);
		assert.match(sessionRowCells(local[0]!, planColumns(80, local), now).details, /qwen3:8b @ 127\.0\.0\.…$/);
	});

	test('narrow: the model goes first, then the count', () => {
		const medium = planColumns(45, [session()]);
		assert.equal(medium.model, 0);
		assert.ok(medium.count > 0);
		const narrow = planColumns(30, [session()]);
		assert.deepEqual([narrow.count, narrow.model], [0, 0]);
		const cells = sessionRowCells(session({title: 'A very long title that cannot possibly fit here'}), narrow, now);
		assert.equal(stringWidth(text(cells.title) + cells.details) + markerWidth, 30);
		assert.match(text(cells.title), /…$/);
	});

	test('every row is exactly the width, down to the time column going at very narrow widths', () => {
		const sessions = [session({title: '日本語のタイトル 👍 with a long tail', model: 'a-very-long-model-name-indeed', messageCount: 12_345})];
		for (let width = 3; width <= 160; width++) {
			const columns = planColumns(width, sessions, 'offline model');
			for (const variant of [sessions[0]!, {...sessions[0]!, origin: 'agno' as const}]) {
				const cells = sessionRowCells(variant, columns, now, [{start: 0, end: 3}, {start: 12, end: 16}]);
				assert.equal(stringWidth(cells.tag + text(cells.title) + cells.details) + markerWidth, width, `width ${width}`);
			}
		}

		assert.equal(planColumns(12, sessions).time, 0);
	});

	test('titles are sanitized, on one line, and "(untitled)" when empty', () => {
		assert.equal(sessionTitle(session({title: 'evil\u001B]52;c;aGVsbG8=\u0007 title\nsecond line'})), 'evil title second line');
		assert.equal(sessionTitle(session({title: '  '})), '(untitled)');
	});
});

test('header shows the path only when it fits', () => {
	const wide = headerParts('alice', 1000, '/data/agents.db', 80);
	assert.equal(wide.title, 'agent-session · alice · 1,000 sessions');
	assert.equal(wide.path, '  /data/agents.db');
	const narrow = headerParts('alice', 1, '/data/agents.db', 40);
	assert.equal(narrow.title, 'agent-session · alice · 1 session');
	assert.equal(narrow.path, '');
});

test('scroll indicator counts sessions, not the "+ New session" row', () => {
	assert.equal(scrollIndicator(0, 10, 5), '');
	assert.equal(scrollIndicator(0, 10, 1000), '1–9 of 1,000');
	assert.equal(scrollIndicator(12, 19, 1000), '12–30 of 1,000');
	assert.equal(scrollIndicator(982, 19, 1000), '982–1,000 of 1,000');
});

test('footer hints fit the width', () => {
	for (const width of [5, 20, 40, 80, 200]) {
		assert.ok(stringWidth(footerHints('browse', width)) <= width);
	}

	assert.match(footerHints('browse', 200), /Type to filter.*Enter open.*Ctrl\+N new.*Esc quit/);
	assert.equal(footerHints('rename', 80), 'Enter save  ·  Esc cancel');
});

test('the delete question names the session and its size, shortened to fit', () => {
	assert.equal(deleteQuestion('Plan the trip', 12, 80), 'Delete "Plan the trip" (12 messages)? y/n');
	const short = deleteQuestion('Plan the trip to the mountains', 1, 40);
	assert.equal(stringWidth(short), 40);
	assert.match(short, /^Delete "Plan the trip…" \(1 message\)\? y\/n$/);
});
