/**
 * Finding text in the transcript as it is rendered (what the user sees: wrapped lines, markdown turned into text,
 * placeholders for hidden characters), case-insensitively. Pure, apart from a cache of each block's matches.
 *
 * A match lies on one screen line: text that wraps across two lines is not found as one. Highlighting only wraps
 * the matched characters in SGR codes, which take no columns, so a highlighted line wraps and measures exactly as
 * before.
 */
import {graphemeOffsets} from '../text/index.js';
import type {Style} from '../text/index.js';
import type {BlockSource} from './line-view.js';

/** Characters [start, end) of a line's plain text (UTF-16 units). */
export interface Span {
	start: number;
	end: number;
}

/** One match in the transcript. */
export interface Match extends Span {
	block: number;
	/** The line inside its block. */
	line: number;
	/** Lines below it to the end of the transcript (0: the last line), the unit of the transcript's offset. */
	fromBottom: number;
}

/**
 * The line without its escape sequences (SGR styles, OSC 8 links), and where each of its characters sits in the line
 * (`at` undefined: where it is in the text, the line having no escape).
 */
export function plainText(line: string): {text: string; at: number[] | undefined} {
	if (!line.includes('\u001B')) return {text: line, at: undefined};
	let text = '';
	const at: number[] = [];
	let index = 0;
	while (index < line.length) {
		if (line.charCodeAt(index) !== 0x1b) {
			text += line[index];
			at.push(index);
			index++;
			continue;
		}

		index = escapeEnd(line, index);
	}

	return {text, at};
}

/** The index after the escape sequence that starts at `start`. */
function escapeEnd(line: string, start: number): number {
	const kind = line[start + 1];
	if (kind === '[') {
		let index = start + 2;
		while (index < line.length && !/[@-~]/.test(line[index]!)) index++;
		return index + 1;
	}

	if (kind === ']') {
		// OSC: up to BEL or ST (ESC \).
		for (let index = start + 2; index < line.length; index++) {
			if (line[index] === '\u0007') return index + 1;
			if (line[index] === '\u001B' && line[index + 1] === '\\') return index + 2;
		}

		return line.length;
	}

	return Math.min(line.length, start + 2);
}

/** The text lowercased, and for each of its units the index of the character it came from (lowercasing can change lengths). */
export function folded(text: string): {text: string; from: number[]} {
	let out = '';
	const from: number[] = [];
	let index = 0;
	for (const char of text) {
		// Final sigma lowercases by context in a whole string; one form finds both.
		const lower = char.toLowerCase().replaceAll('ς', 'σ');
		out += lower;
		for (let unit = 0; unit < lower.length; unit++) from.push(index);
		index += char.length;
	}

	from.push(text.length);
	return {text: out, from};
}

/** What a query is searched as: lowercased the same way as the text. */
export function needleOf(query: string): string {
	return folded(query).text;
}

/** Where `needle` (from needleOf) occurs in `text`, case-insensitively, without overlaps, widened to whole characters (graphemes). */
export function spansIn(text: string, needle: string): Span[] {
	if (needle === '') return [];
	const fold = folded(text);
	const spans: Span[] = [];
	let offsets: number[] | undefined;
	for (let found = fold.text.indexOf(needle); found !== -1; found = fold.text.indexOf(needle, found + needle.length)) {
		offsets ??= graphemeOffsets(text);
		const start = fold.from[found]!;
		const end = fold.from[found + needle.length]!;
		// An accent or a joined emoji is not split: the whole cluster is marked.
		const wideStart = offsets.findLast(offset => offset <= start) ?? start;
		const wideEnd = offsets.find(offset => offset >= end) ?? end;
		if (spans.length > 0 && wideStart < spans.at(-1)!.end) continue;
		spans.push({start: wideStart, end: Math.max(wideEnd, wideStart + 1)});
	}

	return spans;
}

/** The line with each span wrapped in `styleOf(span's index)`; the text, and so the widths, unchanged. */
export function highlightLine(line: string, spans: readonly Span[], styleOf: (index: number) => Style): string {
	if (spans.length === 0) return line;
	const {at} = plainText(line);
	const position = (index: number): number => (at ? at[index]! : index);
	let out = '';
	let last = 0;
	for (const [index, span] of spans.entries()) {
		const start = position(span.start);
		// Right after the span's last character: a style opening for the next one stays outside.
		const end = position(span.end - 1) + 1;
		out += line.slice(last, start) + styleOf(index)(line.slice(start, end));
		last = end;
	}

	return out + line.slice(last);
}

/**
 * Every match of `query` in the source, top to bottom. Each block's matches are kept by the identity of its lines
 * array, so finished messages (whose lines the transcript caches) are searched once per query and width.
 */
export class TranscriptFinder {
	private needle = '';
	private byLines = new WeakMap<readonly string[], Array<Omit<Match, 'fromBottom' | 'block'>>>();

	find(source: BlockSource, query: string): Match[] {
		const needle = needleOf(query);
		if (needle !== this.needle) {
			this.needle = needle;
			this.byLines = new WeakMap();
		}

		if (needle === '') return [];
		const blocks: Array<{lines: readonly string[]; found: Array<Omit<Match, 'fromBottom' | 'block'>>}> = [];
		let total = 0;
		for (let block = 0; block < source.count; block++) {
			const lines = source.lines(block);
			let found = this.byLines.get(lines);
			if (!found) {
				found = lines.flatMap((line, index) => spansIn(plainText(line).text, needle).map(span => ({...span, line: index})));
				this.byLines.set(lines, found);
			}

			blocks.push({lines, found});
			total += lines.length;
		}

		const matches: Match[] = [];
		let above = 0;
		for (const [block, {lines, found}] of blocks.entries()) {
			for (const match of found) matches.push({...match, block, fromBottom: total - 1 - (above + match.line)});
			above += lines.length;
		}

		return matches;
	}
}

/**
 * Where a search starts: the first match (top to bottom) on or below the row `fromBottom` lines above the bottom (the
 * view's top row); when every match is above it, the nearest one above — from the foot of a conversation, the newest.
 */
export function firstFrom(matches: readonly Match[], fromBottom: number): number {
	const index = matches.findIndex(match => match.fromBottom <= fromBottom);
	return index === -1 ? matches.length - 1 : index;
}

/** The offset that shows the line `fromBottom` in a view of `rows` rows now at `offset`: unchanged when it shows, else centred. */
export function revealOffset(fromBottom: number, offset: number, rows: number, totalLines: number): number {
	const height = Math.max(1, rows);
	if (fromBottom >= offset && fromBottom < offset + height) return offset;
	const centred = fromBottom - Math.floor(height / 2);
	return Math.max(0, Math.min(centred, totalLines - height));
}

/** The source with its matches highlighted, the chosen one (`current`, an index into `matches`) apart. */
export function highlightedSource(source: BlockSource, matches: readonly Match[], current: number | undefined, styles: {match: Style; current: Style}): BlockSource {
	if (matches.length === 0) return source;
	const byBlock = new Map<number, Array<{match: Match; index: number}>>();
	for (const [index, match] of matches.entries()) {
		const list = byBlock.get(match.block) ?? [];
		list.push({match, index});
		byBlock.set(match.block, list);
	}

	return {
		count: source.count,
		lines(block: number) {
			const lines = source.lines(block);
			const found = byBlock.get(block);
			if (!found) return lines;
			return lines.map((line, lineIndex) => {
				const onLine = found.filter(({match}) => match.line === lineIndex);
				return highlightLine(line, onLine.map(({match}) => match), index => (onLine[index]!.index === current ? styles.current : styles.match));
			});
		},
	};
}
