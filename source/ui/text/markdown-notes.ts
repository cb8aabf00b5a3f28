/** The footnotes of a message, listed after it: a short rule, then `[1] text` with a hanging indent. */
import chalk from 'chalk';
import {highlighterGeneration} from './code-highlight.js';
import {minimumContentWidth, prefixLines, renderBlocks} from './markdown-blocks.js';
import type {Note} from './markdown-numbers.js';
import {theme} from './theme.js';

/** Columns of the rule above the notes. */
const ruleWidth = 20;

function renderNotes(notes: readonly Note[], width: number): string[] {
	const lines = [theme.rule('─'.repeat(Math.max(1, Math.min(width, ruleWidth))))];
	const labelWidth = Math.max(...notes.map(note => String(note.number).length)) + 3;
	for (const {number, definition} of notes) {
		const label = `[${number}]`;
		const first = theme.footnote(label) + ' '.repeat(labelWidth - label.length);
		const render = (inner: number): string[] => renderBlocks(definition.tokens, inner, true);
		if (width - labelWidth < minimumContentWidth) {
			// Too narrow to indent: the number on its own line, then the note at full width.
			lines.push(theme.footnote(label), ...render(width));
			continue;
		}

		const content = prefixLines(render, first, ' '.repeat(labelWidth), labelWidth, width);
		lines.push(...(content.length === 0 ? [theme.footnote(label)] : content));
	}

	return lines;
}

/** The notes rendered last: a streaming reply lists the same notes again on every call. */
let last: {key: string; lines: string[]} | undefined;

function notesKey(notes: readonly Note[], width: number): string {
	let key = `${width}\u0000${chalk.level}\u0000${highlighterGeneration()}`;
	for (const note of notes) {
		key += `\u0001${note.number}\u0000${note.definition.raw}`;
	}

	return key;
}

/** Appends the notes to the `lines` of a message (a fresh array), a blank line apart; returns `lines`. */
export function withNotes(lines: string[], notes: readonly Note[], width: number): string[] {
	if (notes.length > 0) {
		const key = notesKey(notes, width);
		if (last?.key !== key) {
			last = {key, lines: renderNotes(notes, width)};
		}

		if (lines.length > 0) {
			lines.push('');
		}

		lines.push(...last.lines);
	}

	return lines;
}
