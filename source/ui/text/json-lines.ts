/**
 * The history pane's JSON: `JSON.stringify(messages.map(m => ({role, content})), null, 2)` (a kept alternative adds
 * `"superseded": true`) as
 * terminal lines. Every line starts with a 2-column gutter (a marker for messages in the next
 * request's history window), keys and strings are coloured, and a line longer than the pane wraps
 * with its continuation lines indented under the value. Removing the gutters and those indents
 * and joining continuations gives back the JSON text exactly (strings escaped by `jsonString`,
 * so C1 controls, DEL, U+2028/9 also appear as \u escapes and nothing raw reaches the terminal).
 */
import {clamp} from '../../clamp.js';
import {jsonString} from './sanitize.js';
import {theme} from './theme.js';
import {wrapStyled, type StyledRun} from './wrap.js';

export const jsonGutterWidth = 2;
/** The array's first and last lines, with the empty gutter every line has. */
export const jsonOpenLine = '  [';
export const jsonCloseLine = '  ]';
/** The whole document for a session without messages (`JSON.stringify([], null, 2)` is `[]`). */
export const jsonEmptyLine = '  []';

export interface JsonMessage {
	role: string;
	content: string;
	/** A regenerated reply kept as an alternative: shown with `"superseded": true`, never sent. */
	superseded?: boolean;
}

export interface JsonLineOptions {
	/** Pane width in columns, gutter included. */
	width: number;
	/** The last element of the array gets no comma after `}`. */
	last: boolean;
	/** In the next request's history window: the gutter shows a marker. */
	marked: boolean;
}

const plainGutter = '  ';
/** Continuation lines align under the value when that leaves this many columns, else indent less. */
const roomForValue = 20;
const narrowIndent = 6;

/** A cut at `end` must not split a JSON escape (`\n`, `\"`, `\u001b`): back up to its start. */
function escapeSafeCut(line: string, start: number, end: number): number {
	let index = start;
	while (index < end) {
		if (line.charCodeAt(index) === 92) {
			const length = line.charCodeAt(index + 1) === 117 ? 6 : 2;
			if (index + length > end) {
				return index;
			}

			index += length;
		} else {
			index++;
		}
	}

	return end;
}

/** Lines of one `"key": value` line of the JSON, wrapped to `inner` columns (gutter excluded). */
function propertyLines(key: string, value: string, comma: boolean, inner: number): string[] {
	const keyJson = jsonString(key);
	const valueColumn = 4 + keyJson.length + 2;
	const indent = inner - valueColumn >= roomForValue ? valueColumn : clamp(inner - 10, 0, narrowIndent);
	const runs: StyledRun[] = [
		{text: '    '},
		{text: keyJson, style: theme.jsonKey},
		{text: ': '},
		{text: jsonString(value), style: theme.jsonString},
	];
	if (comma) {
		runs.push({text: ','});
	}

	const lines = wrapStyled(runs, {width: inner, restWidth: inner - indent, mode: 'keep', safeCut: escapeSafeCut});
	const pad = ' '.repeat(indent);
	for (let index = 1; index < lines.length; index++) {
		lines[index] = pad + lines[index]!;
	}

	return lines;
}

/**
 * The lines of one array element: `  {`, the role and content properties, `  }` (with a comma
 * unless last), each prefixed with the gutter. Every line is at most `width` columns.
 */
export function messageJsonLines(message: JsonMessage, options: JsonLineOptions): string[] {
	const gutter = options.marked ? theme.jsonMark('▌') + ' ' : plainGutter;
	const inner = options.width - jsonGutterWidth;
	const lines = [
		'  {',
		...propertyLines('role', message.role, true, inner),
		...propertyLines('content', message.content, message.superseded === true, inner),
		...(message.superseded === true ? [`    ${theme.jsonKey('"superseded"')}: true`] : []),
		options.last ? '  }' : '  },',
	];
	return lines.map(line => gutter + line);
}

interface CacheEntry {
	role: string;
	content: string;
	superseded: boolean;
	width: number;
	last: boolean;
	marked: boolean;
	lines: readonly string[];
}

/**
 * Lines of each message, kept per message id: a finished message is stringified and wrapped once
 * per width (and again only when it becomes/stops being last or marked). The streaming message's
 * content changes every frame, so it is re-rendered each time — only that one.
 */
export class JsonLinesCache {
	/** Renders done (misses) and served from the cache (hits); for tests and benchmarks. */
	readonly stats = {hits: 0, misses: 0};
	private readonly entries = new Map<string | number, CacheEntry>();

	/** The lines of `message`; the array is shared with later hits, do not modify it. */
	get(id: string | number, message: JsonMessage, options: JsonLineOptions): readonly string[] {
		const entry = this.entries.get(id);
		if (
			entry
			&& entry.width === options.width
			&& entry.last === options.last
			&& entry.marked === options.marked
			&& entry.role === message.role
			&& entry.superseded === (message.superseded === true)
			&& entry.content.length === message.content.length
			&& entry.content === message.content
		) {
			this.stats.hits++;
			return entry.lines;
		}

		this.stats.misses++;
		const lines = messageJsonLines(message, options);
		this.entries.set(id, {
			role: message.role,
			content: message.content,
			superseded: message.superseded === true,
			width: options.width,
			last: options.last,
			marked: options.marked,
			lines,
		});
		return lines;
	}
}
