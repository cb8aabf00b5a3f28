/**
 * GFM footnotes, which marked does not parse: `[^label]` references become numbered `[1]` marks,
 * `[^label]: text` definitions (with indented continuation blocks) are taken out of the flow and
 * listed after the message (markdown-notes.ts).
 *
 * Two marked tokenizer extensions make the tokens; markdown-numbers.ts numbers them.
 */
import type {Token, TokenizerExtension, TokenizerThis, Tokens} from 'marked';

export interface FootnoteReference extends Tokens.Generic {
	type: 'footnoteReference';
	raw: string;
	label: string;
	/** Set by `numberTokens`: references are numbered in order of their label's first appearance. */
	number: number;
}

export interface FootnoteDefinition extends Tokens.Generic {
	type: 'footnoteDefinition';
	raw: string;
	label: string;
	tokens: Token[];
}

export function isFootnoteReference(token: Token): token is FootnoteReference {
	return token.type === 'footnoteReference';
}

export function isFootnoteDefinition(token: Token): token is FootnoteDefinition {
	return token.type === 'footnoteDefinition';
}

/** Labels compare like link labels: case does not matter. */
function normalizeLabel(label: string): string {
	return label.toLowerCase();
}

const reference = /^\[\^([^\]\s]{1,100})\]/;
const definition = /^ {0,3}\[\^([^\]\s]{1,100})\]:[ \t]?/;
const definitionAnywhere = /^ {0,3}\[\^[^\]\s]{1,100}\]:/m;
/** A line that starts another block, so it is not a lazy continuation of the note's paragraph. */
const interrupts = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3}|~{3}|\||<|\[\^[^\]\s]+\]:)/;
const indented = /^(?: {4}|\t)/;

function isBlank(line: string): boolean {
	return line.trim() === '';
}

/**
 * Where a definition that starts at the beginning of `src` ends, and its content with the
 * continuation lines' indentation (4 columns) removed.
 */
function definitionExtent(src: string, prefixLength: number): {end: number; content: string} {
	const lines: string[] = [];
	let lineEnd = src.indexOf('\n');
	lines.push(src.slice(prefixLength, lineEnd < 0 ? src.length : lineEnd));
	let end = lineEnd < 0 ? src.length : lineEnd + 1;
	// Up to the last line that is not blank: blank lines after it belong to what follows.
	let keptLines = 1;
	let keptEnd = end;
	let previousBlank = false;
	while (end < src.length) {
		lineEnd = src.indexOf('\n', end);
		const next = lineEnd < 0 ? src.length : lineEnd + 1;
		const line = src.slice(end, lineEnd < 0 ? src.length : lineEnd);
		if (isBlank(line)) {
			previousBlank = true;
			lines.push('');
			end = next;
			continue;
		}

		if (indented.test(line)) {
			lines.push(line.replace(indented, ''));
		} else if (previousBlank || interrupts.test(line)) {
			break;
		} else {
			lines.push(line); // A lazy continuation line of the note's paragraph.
		}

		previousBlank = false;
		end = next;
		keptLines = lines.length;
		keptEnd = end;
	}

	return {end: keptEnd, content: lines.slice(0, keptLines).join('\n')};
}

const footnoteDefinition: TokenizerExtension = {
	name: 'footnoteDefinition',
	level: 'block',
	start(src: string) {
		// marked asks at every paragraph with all the text after it: the indexOf keeps that cheap.
		return src.includes('[^') ? definitionAnywhere.exec(src)?.index : undefined;
	},
	tokenizer(this: TokenizerThis, src: string): FootnoteDefinition | undefined {
		const match = definition.exec(src);
		if (!match) {
			return undefined;
		}

		const {end, content} = definitionExtent(src, match[0].length);
		return {
			type: 'footnoteDefinition',
			raw: src.slice(0, end),
			label: normalizeLabel(match[1]!),
			tokens: this.lexer.blockTokens(content, []),
		};
	},
};

const footnoteReference: TokenizerExtension = {
	name: 'footnoteReference',
	level: 'inline',
	start(src: string) {
		const index = src.indexOf('[^');
		return index < 0 ? undefined : index;
	},
	tokenizer(src: string): FootnoteReference | undefined {
		const match = reference.exec(src);
		return match ? {type: 'footnoteReference', raw: match[0], label: normalizeLabel(match[1]!), number: 0} : undefined;
	},
};

export const footnoteExtensions: TokenizerExtension[] = [footnoteDefinition, footnoteReference];
