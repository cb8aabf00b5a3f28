/**
 * Measures the text pipeline's per-call costs (not a test: numbers vary by machine).
 * Run: `node_modules/.bin/node --import tsx test/ui/text/measure.ts` (the pinned Node: `npx tsx` would
 * run the machine's own). Prints one line per figure, median and fastest of N runs. Styles are on
 * (chalk level 3, as in the app's terminal), so code is highlighted as it would be on screen.
 */
import chalk from 'chalk';
import {highlightCode, loadHighlighter} from '../../../source/ui/text/code-highlight.js';
import {JsonLinesCache, jsonCloseLine, jsonOpenLine} from '../../../source/ui/text/json-lines.js';
import {renderMarkdown} from '../../../source/ui/text/markdown.js';
import {StreamingMarkdown} from '../../../source/ui/text/streaming-markdown.js';
import {wrapText} from '../../../source/ui/text/wrap.js';
import {longReply} from './fixtures.js';
import {longAnswers} from './long-answers.js';

chalk.level = 3;
const loadStarted = performance.now();
await loadHighlighter();
console.log(`highlighter load (import lowlight, register 37 languages): ${(performance.now() - loadStarted).toFixed(1)} ms`);

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs `body` `runs` times after a warm-up and returns [median, fastest] in ms. */
function time(body: () => unknown, runs: number): [number, number] {
	for (let index = 0; index < Math.min(runs, 10); index++) {
		body();
	}

	const samples: number[] = [];
	for (let index = 0; index < runs; index++) {
		const started = performance.now();
		body();
		samples.push(performance.now() - started);
	}

	return [median(samples), Math.min(...samples)];
}

function report(name: string, [middle, fastest]: [number, number], unit = 'ms'): void {
	console.log(`${name.padEnd(58)} median ${middle.toFixed(4).padStart(9)} ${unit}   fastest ${fastest.toFixed(4).padStart(9)} ${unit}`);
}

const prose = 'The quick brown fox jumps over the lazy dog while the reply keeps streaming in. ';
let ascii = '';
while (ascii.length < 20_000) {
	ascii += prose.repeat(4) + '\n\n';
}

ascii = ascii.slice(0, 20_000);
const cjk = ('漢字かな交じり文は一文字が二桁の幅を取るので、折り返しの位置が英語と違います。'.repeat(6) + '\n\n').repeat(60).slice(0, 20_000);
report('wrapText 20 KB ASCII prose, width 80', time(() => wrapText(ascii, 80), 200));
report('wrapText 20 K characters of CJK, width 80', time(() => wrapText(cjk, 80), 50));
// A reply as models write them: mostly ASCII prose, with an emoji, accents or a CJK word in most paragraphs.
const mixedProse = 'Café naïve résumé: the reply 👍🏽 keeps streaming, 漢字 and all, while we wait. ';
let mixed = '';
while (mixed.length < 20_000) {
	mixed += prose.repeat(3) + mixedProse + '\n\n';
}

mixed = mixed.slice(0, 20_000);
report('wrapText 20 KB mixed prose (emoji, accents, CJK), width 80', time(() => wrapText(mixed, 80), 100));

const reply = longReply(25_000);
report('renderMarkdown 25 KB reply, width 80', time(() => renderMarkdown(reply, 80), 30));

/** Streams `text` in token-sized pieces (4–6 characters) through one StreamingMarkdown per run. */
function measureStream(name: string, text: string): void {
	const cuts: number[] = [];
	for (let cut = 0, step = 0; cut < text.length; step++) {
		cut = Math.min(text.length, cut + 4 + (step % 3));
		cuts.push(cut);
	}

	const streamRuns: number[][] = [];
	for (let run = 0; run < 5; run++) {
		const stream = new StreamingMarkdown();
		const perCall: number[] = [];
		for (const cut of cuts) {
			const prefix = text.slice(0, cut);
			const started = performance.now();
			stream.render(prefix, 80);
			perCall.push(performance.now() - started);
		}

		streamRuns.push(perCall);
	}

	const totals = streamRuns.map(perCall => perCall.reduce((sum, value) => sum + value, 0));
	const window = 500;
	const startCalls = streamRuns.map(perCall => median(perCall.slice(0, window)));
	const endCalls = streamRuns.map(perCall => median(perCall.slice(-window)));
	const slowest = streamRuns.map(perCall => Math.max(...perCall));
	console.log(`StreamingMarkdown, ${name}: ${cuts.length} calls over ${text.length} characters, width 80`);
	report('  total for the whole reply', [median(totals), Math.min(...totals)]);
	report(`  per call, first ${window} calls (median of call times)`, [median(startCalls), Math.min(...startCalls)]);
	report(`  per call, last ${window} calls (median of call times)`, [median(endCalls), Math.min(...endCalls)]);
	report('  slowest call', [median(slowest), Math.min(...slowest)]);
	report('  baseline: renderMarkdown of the whole text per call, at the end', time(() => renderMarkdown(text, 80), 20));
}

// 5,000 tokens of ~5 characters (the reply above: prose, lists, tables, two-line code blocks).
measureStream('varied blocks', reply);
// The ten long answers one after the other: 19 code blocks of 1–45 lines in 9 languages, 10 tables.
measureStream('ten long answers', Object.values(longAnswers).join('\n\n'));

const tsBlock = Array.from({length: 40}, (_unused, index) => `const value${index} = compute(${index}, "text"); // comment ${index}`).join('\n');
let uncached = 0;
report('highlightCode: a new 40-line TypeScript block', time(() => highlightCode(`${tsBlock}\n// ${uncached++}`, 'ts', 'open'), 100));
highlightCode(tsBlock, 'ts', 'finished');
report('highlightCode: the same block again (cached)', time(() => highlightCode(tsBlock, 'ts', 'finished'), 1000));

// The history pane of a 2,000-message session.
const session = Array.from({length: 2000}, (_unused, index) => ({
	id: index,
	role: index % 2 === 0 ? 'user' : 'assistant',
	content: index % 2 === 0 ? `Question number ${index}: how does "this" work?` : longReply(400 + (index % 7) * 150),
}));
function paneLines(cache: JsonLinesCache): number {
	let count = 2;
	for (const [index, message] of session.entries()) {
		count += cache.get(message.id, message, {width: 70, last: index === session.length - 1, marked: index >= session.length - 6}).length;
	}

	return count;
}

let lineCount = 0;
report('json lines, 2,000 messages, cold cache, width 70', time(() => {
	lineCount = paneLines(new JsonLinesCache());
}, 10));
const warm = new JsonLinesCache();
paneLines(warm);
report('json lines, 2,000 messages, all cached', time(() => paneLines(warm), 50));
console.log(`  (${lineCount} lines between ${jsonOpenLine.trim()} and ${jsonCloseLine.trim()})`);
const streaming = {role: 'assistant', content: reply};
const streamingCache = new JsonLinesCache();
let grow = 0;
report('json lines of the streaming 25 KB message (re-rendered per frame)', time(() => {
	grow++;
	streamingCache.get('streaming', {...streaming, content: reply.slice(0, reply.length - (grow % 2))}, {width: 70, last: true, marked: true});
}, 50));
