import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import stringWidth from 'string-width';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {displayWidth, hyperlinks, openStylesAtEnd, stripAnsi} from './ansi.js';

chalk.level = 3;
process.env['FORCE_HYPERLINK'] = '1';

const plain = (markdown: string, width: number): string[] => renderMarkdown(markdown, width).map(line => stripAnsi(line));

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The display columns at which a row has its vertical borders. */
function borderColumns(row: string): number[] {
	const columns: number[] = [];
	let column = 0;
	for (const {segment: character} of segmenter.segment(row)) {
		if ('│┼├┤┬┴┌┐└┘'.includes(character)) {
			columns.push(column);
		}

		column += stringWidth(character);
	}

	return columns;
}

/** Checks that every row of a bordered table is exactly as wide and has its borders in the same columns. */
function assertAligned(styled: readonly string[], context: string): void {
	const lines = styled.map(line => stripAnsi(line));
	const rows = lines.filter(line => /^[│┌├└]/.test(line));
	assert.ok(rows.length >= 3, `a bordered table: ${context}\n${lines.join('\n')}`);
	const expected = borderColumns(rows[0]!);
	for (const row of rows) {
		assert.deepEqual(borderColumns(row), expected, `${context}: ${row}\n${lines.join('\n')}`);
		assert.equal(stringWidth(row), stringWidth(rows[0]!), `${context}: ${row}`);
	}
}

const services = `| Service | Port | Description |
|:--|--:|:--|
| api | 8080 | Serves the public REST interface for mobile and web clients |
| worker | 9090 | Processes background jobs from the queue |
| db | 5432 | PostgreSQL primary |`;

describe('tables', () => {
	test('columns are as wide as their content when the table fits', () => {
		assert.deepEqual(plain('| a | bb |\n|---|---|\n| 1 | 2 |', 80), [
			'┌───┬────┐',
			'│ a │ bb │',
			'├───┼────┤',
			'│ 1 │ 2  │',
			'└───┴────┘',
		]);
	});

	test('the widest column shrinks first and wraps at spaces; narrow columns keep their width', () => {
		const lines = plain(services, 50);
		assert.deepEqual(lines, [
			'┌─────────┬──────┬───────────────────────────────┐',
			'│ Service │ Port │ Description                   │',
			'├─────────┼──────┼───────────────────────────────┤',
			'│ api     │ 8080 │ Serves the public REST        │',
			'│         │      │ interface for mobile and web  │',
			'│         │      │ clients                       │',
			'├─────────┼──────┼───────────────────────────────┤',
			'│ worker  │ 9090 │ Processes background jobs     │',
			'│         │      │ from the queue                │',
			'├─────────┼──────┼───────────────────────────────┤',
			'│ db      │ 5432 │ PostgreSQL primary            │',
			'└─────────┴──────┴───────────────────────────────┘',
		]);
	});

	test('alignment is honoured in wrapped cells and headers: left, center, right', () => {
		const lines = plain('| Left | Center | Right |\n|:--|:-:|--:|\n| a b c d e f | g h i j k l | m n o p q r |', 30);
		assertAligned(lines, 'aligned at 30');
		const cells = lines.slice(3, -1).map(line => line.split('│').slice(1, -1));
		for (const [left, center, right] of cells as Array<[string, string, string]>) {
			assert.match(left, /^ \S/, 'left-aligned');
			assert.match(right, /\S $/, 'right-aligned');
			const before = center.length - center.trimStart().length;
			const after = center.length - center.trimEnd().length;
			assert.ok(Math.abs(before - after) <= 1, `centered: "${center}"`);
		}
	});

	test('headers wrap before the columns of the body get narrower', () => {
		assert.deepEqual(plain('| Limited by the GIL | Typical overhead per call |\n|:-:|--:|\n| yes | ~50 µs |\n| no | ~10 ms |', 30), [
			'┌─────────────┬──────────────┐',
			'│ Limited by  │      Typical │',
			'│   the GIL   │ overhead per │',
			'│             │         call │',
			'├─────────────┼──────────────┤',
			'│     yes     │       ~50 µs │',
			'│     no      │       ~10 ms │',
			'└─────────────┴──────────────┘',
		]);
	});

	test('no word is cut where it fits: a table that cannot hold its longest words becomes records', () => {
		const wide = '| Name | Endpoint | Notes |\n|---|---|---|\n| health | https://status.example.com/api/v2/healthcheck | returns 200 |\n| login | /auth | rate limited |';
		assert.deepEqual(plain(wide, 60), [
			'Name: health',
			'Endpoint: https://status.example.com/api/v2/healthcheck',
			'Notes: returns 200',
			'───',
			'Name: login',
			'Endpoint: /auth',
			'Notes: rate limited',
		]);
		// Narrower than the address itself: only then is it cut.
		assert.deepEqual(plain(wide, 40).slice(1, 4), ['Endpoint:', 'https://status.example.com/api/v2/health', 'check']);
		const table = plain(wide, 70);
		assert.equal(table[0], '┌────────┬───────────────────────────────────────────────┬───────────┐');
		assert.equal(table[3], '│ health │ https://status.example.com/api/v2/healthcheck │ returns   │');
	});

	test('CJK and emoji cells keep every border in its column, at every width', () => {
		const table = '| 特性 | PostgreSQL | 说明 |\n|---|:-:|---|\n| 并发写入 | 很好（MVCC） | 多个写入者同时工作 🚀 |\n| 部署 | 需要服务器 | 一个文件 📁 就够了 |\n| Emoji 👩‍👩‍👧 | 🇵🇹 flag | 👍🏽 thumbs |';
		for (let width = 24; width <= 90; width += 3) {
			const lines = plain(table, width);
			for (const line of lines) {
				assert.ok(displayWidth(line) <= width, `${line} fits ${width}`);
			}

			if (lines[0]!.startsWith('┌')) {
				assertAligned(lines, `CJK at ${width}`);
			}
		}

		assert.ok(plain(table, 60)[0]!.startsWith('┌'), 'ideographs break between characters, so the table fits at 60');
	});

	test('styled cells, inline code and links keep the borders in place', () => {
		const table = '| Command | Docs |\n|---|---|\n| `git rebase -i` | [manual](https://git-scm.com/docs/git-rebase) and **more** |\n| `git push` | <https://git-scm.com> |';
		for (const width of [52, 60, 80]) {
			const lines = renderMarkdown(table, width);
			assertAligned(lines, `styled at ${width}`);
			for (const line of lines) {
				assert.deepEqual(openStylesAtEnd(line), []);
			}
		}

		const links = renderMarkdown(table, 80).flatMap(line => hyperlinks(line));
		assert.deepEqual(links.map(link => link.url), ['https://git-scm.com/docs/git-rebase', 'https://git-scm.com/docs/git-rebase', 'https://git-scm.com/']);
	});

	test('a header without rows and a single column render', () => {
		assert.deepEqual(plain('| only |\n|---|', 20), ['┌──────┐', '│ only │', '└──────┘']);
		assert.deepEqual(plain('| a |\n|---|\n| 1 |\n| 2 |', 20), ['┌───┐', '│ a │', '├───┤', '│ 1 │', '│ 2 │', '└───┘']);
	});
});
