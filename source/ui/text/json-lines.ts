/**
 * The history pane's JSON: `JSON.stringify(messages.map(m => ({role, content})), null, 2)` (a kept alternative adds
 * `"superseded": true`) as
 * terminal lines. Every line starts with a 2-column gutter (a marker for messages in the next
 * request's history window), keys and strings are coloured, and a line longer than the pane wraps
 * with its continuation lines indented 4 columns, under the key (aligning them under the value left
 * a thin column of text in a narrow pane). Removing the gutters and those indents
 * and joining continuations gives back the JSON text exactly (strings escaped by `jsonString`,
 * so C1 controls, DEL, U+2028/9 also appear as \u escapes and nothing raw reaches the terminal).
 *
 * A reply's thinking is a field of its own, `"thinking"`, between role and content (the order it
 * streams in, so the growing answer stays at the bottom where the pane follows it), dim and never
 * marked: no request carries it, so it sits outside the window marker even in a marked message.
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
	/** A reply's thinking; null, undefined or '' leave the field out. */
	thinking?: string | null;
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
/** Continuation lines start under the key; in a pane too narrow for that, further left. */
const continuationIndent = 4;

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

interface PropertyStyle {
	key: (text: string) => string;
	value: (text: string) => string;
}

const propertyStyle: PropertyStyle = {key: theme.jsonKey, value: theme.jsonString};
/** Thinking is shown apart from what is sent: dim, key and value. */
const thinkingStyle: PropertyStyle = {key: theme.quiet, value: theme.quiet};

/** Lines of one `"key": value` line of the JSON, wrapped to `inner` columns (gutter excluded). */
function propertyLines(key: string, value: string, comma: boolean, inner: number, style = propertyStyle): string[] {
	const indent = clamp(inner - 10, 0, continuationIndent);
	const runs: StyledRun[] = [
		{text: '    '},
		{text: jsonString(key), style: style.key},
		{text: ': '},
		{text: jsonString(value), style: style.value},
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

function hasThinking(message: JsonMessage): message is JsonMessage & {thinking: string} {
	return message.thinking !== undefined && message.thinking !== null && message.thinking !== '';
}

/** The `"thinking": …,` property with its gutter, which never shows the window marker. */
function thinkingJsonLines(thinking: string, width: number): string[] {
	return propertyLines('thinking', thinking, true, width - jsonGutterWidth, thinkingStyle).map(line => plainGutter + line);
}

function elementLines(message: JsonMessage, options: JsonLineOptions, thinking: readonly string[]): string[] {
	const gutter = options.marked ? theme.jsonMark('▌') + ' ' : plainGutter;
	const inner = options.width - jsonGutterWidth;
	const withGutter = (lines: readonly string[]) => lines.map(line => gutter + line);
	const superseded = message.superseded === true;
	return [
		...withGutter(['  {', ...propertyLines('role', message.role, true, inner)]),
		...thinking,
		...withGutter([
			...propertyLines('content', message.content, superseded, inner),
			...(superseded ? [`    ${theme.jsonKey('"superseded"')}: true`] : []),
			options.last ? '  }' : '  },',
		]),
	];
}

/**
 * The lines of one array element: `  {`, the role, thinking (if any) and content properties, `  }`
 * (with a comma unless last), each prefixed with the gutter. Every line is at most `width` columns.
 */
export function messageJsonLines(message: JsonMessage, options: JsonLineOptions): string[] {
	return elementLines(message, options, hasThinking(message) ? thinkingJsonLines(message.thinking, options.width) : []);
}

interface CacheEntry {
	role: string;
	content: string;
	thinking: string;
	superseded: boolean;
	width: number;
	last: boolean;
	marked: boolean;
	lines: readonly string[];
	/** The thinking's own lines: a streaming answer grows under a thinking that no longer changes. */
	thinkingLines: readonly string[];
}

/**
 * Lines of each message, kept per message id: a finished message is stringified and wrapped once
 * per width (and again only when it becomes/stops being last or marked). The streaming message's
 * content changes every frame, so it is re-rendered each time — only that one, and its thinking
 * only while the thinking itself grows.
 */
export class JsonLinesCache {
	/** Renders done (misses) and served from the cache (hits); for tests and benchmarks. */
	readonly stats = {hits: 0, misses: 0};
	private readonly entries = new Map<string | number, CacheEntry>();

	/** The lines of `message`; the array is shared with later hits, do not modify it. */
	get(id: string | number, message: JsonMessage, options: JsonLineOptions): readonly string[] {
		const entry = this.entries.get(id);
		const thinking = hasThinking(message) ? message.thinking : '';
		const sameThinking = entry !== undefined && entry.width === options.width && entry.thinking.length === thinking.length && entry.thinking === thinking;
		if (
			entry
			&& sameThinking
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
		const thinkingLines = sameThinking ? entry.thinkingLines : thinking === '' ? [] : thinkingJsonLines(thinking, options.width);
		const lines = elementLines(message, options, thinkingLines);
		this.entries.set(id, {
			role: message.role,
			content: message.content,
			thinking,
			superseded: message.superseded === true,
			width: options.width,
			last: options.last,
			marked: options.marked,
			lines,
			thinkingLines,
		});
		return lines;
	}
}
