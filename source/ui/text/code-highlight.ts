/**
 * Syntax highlighting of fenced code with highlight.js through lowlight (a tree of scopes, not HTML),
 * with the 37 languages of lowlight's `common` set and their aliases (ts, js, py, sh, rs, yml,
 * html, c++, console …) plus a few more (tsx, jsx, zsh, jsonc, json5). An unknown language stays plain;
 * there is no guessing (highlightAuto costs 140 ms for 40 lines here).
 *
 * Loaded lazily, the first time a code block with a language renders: that block renders plain and
 * the module arrives asynchronously (a dynamic import, which esbuild's bundle initialises on first
 * use). Measured here on Node 24 under load: import 75–95 ms unbundled (7–11 ms from the bundle),
 * registering the languages 10 ms, the first TypeScript block 9–15 ms (its regexes compile);
 * afterwards a 40-line block takes about 1.2 ms. `onHighlighterLoaded` tells the screen to render
 * again; `highlighterGeneration` lets caches of rendered lines notice.
 *
 * Code is untrusted: it is sanitized before it is highlighted, every text node is sanitized again
 * on the way out, and the only escapes in the result are the theme's own styles.
 */
import chalk from 'chalk';
import type {HastNode, Lowlight} from '#lowlight';
import {sanitize} from './sanitize.js';
import {splitRunLines} from './styled-runs.js';
import {codeTheme, colourEnabled} from './theme.js';
import type {Style, StyledRun} from './wrap.js';

/** Larger blocks stay plain: highlighting is linear (~30 µs a line) but a grammar may backtrack. */
const maxHighlightedLength = 100_000;
/**
 * A block still streaming in is highlighted again at each new line; beyond this (~400 lines, ~12 ms
 * per highlight here) it stays plain until its closing fence arrives.
 */
const maxOpenHighlightedLength = 16_000;
/** Characters of code whose highlighted lines are remembered (a resize renders every block again). */
const cacheBudget = 2_000_000;

let lowlight: Lowlight | undefined;
let loading: Promise<void> | undefined;
let generation = 0;
const listeners = new Set<() => void>();
const cache = new Map<string, StyledRun[][]>();
let cachedLength = 0;
/** The lines of the open block at the end of a streaming reply, highlighted once per new line. */
let open: {key: string; lines: StyledRun[][]} | undefined;

/** Starts loading the highlighter (once); resolves when it is ready, or failed and code stays plain. */
export function loadHighlighter(): Promise<void> {
	loading ??= import('./lowlight-common.js').then(
		({createHighlighter}) => {
			lowlight = createHighlighter();
			generation++;
			for (const listener of listeners) {
				listener();
			}
		},
		() => {
			// A broken install leaves code plain rather than failing the screen.
		},
	);
	return loading;
}

/** Changes when the highlighter arrives: lines rendered before it show plain code. */
export function highlighterGeneration(): number {
	return generation;
}

/** Calls `listener` when the highlighter has loaded; returns a function that unsubscribes. */
export function onHighlighterLoaded(listener: () => void): () => void {
	listeners.add(listener);
	return () => {
		listeners.delete(listener);
	};
}

const scopeStyles = new Map<string, Style | null>();

/** The theme's style for an element's classes (`hljs-title function_` → `title.function`, else `title`). */
function scopeStyle(className: unknown): Style | undefined {
	if (!Array.isArray(className) || className.length === 0) {
		return undefined;
	}

	const key = className.join(' ');
	let style = scopeStyles.get(key);
	if (style === undefined) {
		const parts = className.map((name: unknown, index) => String(name).replace(index === 0 ? /^hljs-/ : /_+$/, ''));
		style = null;
		for (let length = parts.length; length > 0 && style === null; length--) {
			style = codeTheme[parts.slice(0, length).join('.')] ?? null;
		}

		scopeStyles.set(key, style);
	}

	return style ?? undefined;
}

/** Text nodes in order, each with the style of its innermost styled scope. */
function collectRuns(nodes: readonly HastNode[], style: Style | undefined, out: StyledRun[]): void {
	for (const node of nodes) {
		if (node.type === 'text') {
			out.push({text: sanitize(node.value ?? ''), style});
		} else if (node.children) {
			collectRuns(node.children, scopeStyle(node.properties?.className) ?? style, out);
		}
	}
}

function remember(key: string, lines: StyledRun[][]): void {
	cache.set(key, lines);
	cachedLength += key.length;
	for (const old of cache.keys()) {
		if (cachedLength <= cacheBudget) {
			break;
		}

		cache.delete(old);
		cachedLength -= old.length;
	}
}

/**
 * The lines of `code` (already sanitized) as styled runs, or undefined when it is shown plain: no
 * language or an unknown one, no colour (NO_COLOR, or styles off), too long, or the highlighter
 * not loaded yet (then loading starts). A `finished` block's lines are remembered for the next
 * render of the same code (a resize, the streaming reply's block once it is complete); the `open`
 * block at the end of a streaming reply only replaces the one before it.
 */
export function highlightCode(code: string, language: string, block: 'finished' | 'open'): StyledRun[][] | undefined {
	const limit = block === 'open' ? maxOpenHighlightedLength : maxHighlightedLength;
	if (language === '' || !colourEnabled || chalk.level === 0 || code.length > limit) {
		return undefined;
	}

	if (lowlight === undefined) {
		void loadHighlighter();
		return undefined;
	}

	const name = language.toLowerCase();
	if (!lowlight.registered(name) || name === 'plaintext' || name === 'text' || name === 'txt') {
		return undefined;
	}

	const key = `${name}\u0000${code}`;
	if (open?.key === key) {
		return open.lines;
	}

	const cached = cache.get(key);
	if (cached) {
		// Most recently used last, so the budget drops the oldest.
		cache.delete(key);
		cache.set(key, cached);
		return cached;
	}

	const runs: StyledRun[] = [];
	try {
		collectRuns(lowlight.highlight(name, code).children ?? [], undefined, runs);
	} catch {
		return undefined; // A grammar bug shows the code plain.
	}

	const lines = splitRunLines(runs);
	if (block === 'finished') {
		remember(key, lines);
	} else {
		open = {key, lines};
	}

	return lines;
}
