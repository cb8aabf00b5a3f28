// The dependencies scripts/build.mjs edits as it bundles them (scripts/dependency-edits.mjs), bundled here the same way
// and checked against the originals: the edits save start-up time and must change nothing else.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import type {Plugin} from 'esbuild';
import stringWidth from 'string-width';
import type Yoga from 'yoga-layout';
// @ts-expect-error -- a plain .mjs script of the build, without types
import {stringWidthLazyEmoji, yogaWithoutFetch} from '../../scripts/dependency-edits.mjs';

/** `contents` bundled with `plugin`, into a temp folder, and imported. */
async function bundled<T>(contents: string, plugin: Plugin): Promise<T> {
	const dir = await mkdtemp(join(tmpdir(), 'agent-session-edits-'));
	try {
		const outfile = join(dir, 'bundle.mjs');
		await build({stdin: {contents, resolveDir: import.meta.dirname}, outfile, bundle: true, platform: 'node', format: 'esm', target: 'node18', plugins: [plugin], logLevel: 'silent'});
		return await import(pathToFileURL(outfile).href) as T;
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

test('string-width with its emoji pattern built on first need measures every kind of text as the original', async () => {
	const {width} = await bundled<{width: typeof stringWidth}>('export {default as width} from "string-width";', stringWidthLazyEmoji as Plugin);
	const samples = [
		'plain ASCII', '› · … ─ │ ╭╮ ● ▌ ↓ ↑', 'é café naïve', '日本語のテキスト', '한국어 ᄀᄀ가', 'e\u0301 a\u0308\u0308',
		'👍', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷🇯🇵', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1️⃣ #️⃣ *⃣ 5⃣ 0 sessions · 12 msgs', '© ® ™ ‼ ↔ ↔️', '☺ ☺️ ❤ ❤️', '🧑‍💻 and 🏳️‍🌈', 'क्‍ष नमस्ते',
		'\u001B[31mred\u001B[39m 😀', '\u200B\u200D\uFE0F', 'ﾊﾟ ｰ ＡＢ', '🫠🪿', '👩🏽‍🚀 x 🤷‍♂️',
	];
	for (const sample of samples) {
		assert.equal(width(sample), stringWidth(sample), JSON.stringify(sample));
		for (const character of sample) assert.equal(width(character), stringWidth(character), JSON.stringify(character));
	}
});

test('Yoga decoding its own wasm never calls fetch, and lays out as before', async () => {
	const realFetch = globalThis.fetch;
	let fetches = 0;
	globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
		fetches++;
		return realFetch(...args);
	};
	try {
		const {Yoga: yoga} = await bundled<{Yoga: typeof Yoga}>('export {default as Yoga} from "yoga-layout";', yogaWithoutFetch as Plugin);
		const root = yoga.Node.create();
		root.setWidth(80);
		root.setFlexDirection(yoga.FLEX_DIRECTION_ROW);
		const left = yoga.Node.create();
		left.setFlexGrow(1);
		const right = yoga.Node.create();
		right.setWidth(30);
		root.insertChild(left, 0);
		root.insertChild(right, 1);
		root.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
		assert.deepEqual([left.getComputedWidth(), right.getComputedLeft()], [50, 50]);
		root.freeRecursive();
		assert.equal(fetches, 0);
	} finally {
		globalThis.fetch = realFetch;
	}
});
