/**
 * Numbers what a reader refers to by number: code blocks (`[1] ts` on screen, for `/copy N`) and
 * footnotes (`[1]` marks, in order of first reference). Numbering walks the tokens in document
 * order after lexing and stores the numbers on the tokens, so a block renders the same wherever it
 * is rendered; the streaming renderer carries the counters of its stable part over to its tail.
 */
import type {Token, Tokens} from 'marked';
import {isFootnoteDefinition, isFootnoteReference, type FootnoteDefinition} from './markdown-footnotes.js';

/** A code token with its number on screen. */
export interface NumberedCode extends Tokens.Code {
	number?: number;
}

export class MarkdownCounters {
	codeBlocks = 0;
	/** Footnote label → its number. */
	readonly footnotes = new Map<string, number>();

	clone(): MarkdownCounters {
		const copy = new MarkdownCounters();
		copy.codeBlocks = this.codeBlocks;
		for (const [label, number] of this.footnotes) {
			copy.footnotes.set(label, number);
		}

		return copy;
	}

	footnote(label: string): number {
		let number = this.footnotes.get(label);
		if (number === undefined) {
			number = this.footnotes.size + 1;
			this.footnotes.set(label, number);
		}

		return number;
	}
}

/**
 * Numbers the code blocks and footnote references of `tokens` (and of everything nested in them)
 * in document order, continuing from `counters`. Footnote definitions are not entered: they are
 * appended to `definitions` and numbered when the notes are listed (`orderNotes`).
 */
export function numberTokens(tokens: readonly Token[], counters: MarkdownCounters, definitions: FootnoteDefinition[]): void {
	for (const token of tokens) {
		if (isFootnoteReference(token)) {
			token.number = counters.footnote(token.label);
			continue;
		}

		if (isFootnoteDefinition(token)) {
			definitions.push(token);
			continue;
		}

		switch (token.type) {
			case 'code': {
				(token as NumberedCode).number = ++counters.codeBlocks;
				break;
			}

			case 'list': {
				for (const item of (token as Tokens.List).items) {
					numberTokens(item.tokens, counters, definitions);
				}

				break;
			}

			case 'table': {
				const table = token as Tokens.Table;
				for (const cell of table.header) {
					numberTokens(cell.tokens, counters, definitions);
				}

				for (const row of table.rows) {
					for (const cell of row) {
						numberTokens(cell.tokens, counters, definitions);
					}
				}

				break;
			}

			default: {
				const children = (token as Tokens.Generic).tokens;
				if (children) {
					numberTokens(children, counters, definitions);
				}
			}
		}
	}
}

export interface Note {
	number: number;
	definition: FootnoteDefinition;
}

/**
 * The notes to list after a message, by number: referenced ones first (a label defined twice keeps
 * its first definition), then those never referenced, numbered after them. References and code
 * blocks inside notes are numbered as each note is reached; `counters` is updated.
 */
export function orderNotes(definitions: readonly FootnoteDefinition[], counters: MarkdownCounters): Note[] {
	const byLabel = new Map<string, FootnoteDefinition>();
	for (const definition of definitions) {
		if (!byLabel.has(definition.label)) {
			byLabel.set(definition.label, definition);
		}
	}

	const notes: Note[] = [];
	while (byLabel.size > 0) {
		let next: [string, number] | undefined;
		for (const label of byLabel.keys()) {
			const number = counters.footnotes.get(label);
			if (number !== undefined && (next === undefined || number < next[1])) {
				next = [label, number];
			}
		}

		if (next === undefined) {
			const label = byLabel.keys().next().value!;
			next = [label, counters.footnote(label)];
		}

		const definition = byLabel.get(next[0])!;
		byLabel.delete(next[0]);
		numberTokens(definition.tokens, counters, []);
		notes.push({number: next[1], definition});
	}

	return notes;
}
