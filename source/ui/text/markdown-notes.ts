/** The footnotes of a message, listed after it: a short rule, then `[1] text` with a hanging indent. */
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

/** `lines` of a message followed by its notes, a blank line apart (`lines` itself when there are none). */
export function withNotes(lines: string[], notes: readonly Note[], width: number): string[] {
	if (notes.length === 0) {
		return lines;
	}

	return lines.length === 0 ? renderNotes(notes, width) : [...lines, '', ...renderNotes(notes, width)];
}
