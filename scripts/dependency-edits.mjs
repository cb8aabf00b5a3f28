// Edits of dependencies' files as scripts/build.mjs bundles them, each one measured; test/build/dependency-edits.test.ts
// bundles each edited module and checks it behaves as the original.
import {readFile} from 'node:fs/promises';

/**
 * Edits of a dependency's file at build time, each one measured (below). An edit whose text is no longer in the file
 * (after an upgrade) fails the build: look again rather than ship it unedited.
 */
function edited(name, file, edits) {
	return {
		name,
		setup(esbuild) {
			esbuild.onLoad({filter: file}, async args => {
				let code = await readFile(args.path, 'utf8');
				for (const [from, to] of edits) {
					if (!code.includes(from)) return {errors: [{text: `${name}: the text ${JSON.stringify(from)} is no longer there; see scripts/dependency-edits.mjs.`}]};
					code = code.replaceAll(from, to);
				}
				return {contents: code, loader: 'js'};
			});
		},
	};
}

/**
 * Yoga (Ink's layout engine) carries its wasm as a base64 data: URL and loads it with fetch() whenever fetch is a
 * function, which on Node 18+ it is: the first fetch() loads Node's undici, ~20 ms of the start-up on the main thread
 * (measured on Node 24). Yoga's own way where there is no fetch decodes the same bytes in place; its other test of
 * fetch already takes the same way for a data: URL.
 */
export const yogaWithoutFetch = edited('yoga-without-fetch', /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, [
	['"function"!=typeof fetch', 'true'],
]);

/**
 * string-width tests every non-ASCII cluster against /^\p{RGI_Emoji}$/v. Lowered for Node 18 (scripts/build.mjs), that
 * literal becomes a RegExp built when the module loads (9–10 ms), and its first test compiles it (11–12 ms, measured on
 * Node 24): both in every start, since the first frame has "›" and box lines. Built on first need instead, and only
 * tested on a cluster that starts with an Emoji character, which every RGI emoji does (basic, keycap, flag, tag,
 * modifier and ZWJ sequences all begin with one) and "›", "·" or "─" do not; nor on a lone ASCII character (digits are
 * Emoji characters, but a keycap emoji is two or three). test/build/dependency-edits.test.ts checks the widths.
 */
export const stringWidthLazyEmoji = edited('string-width-lazy-emoji', /[\\/]string-width[\\/]index\.js$/, [
	[
		'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
		'let rgiEmojiPattern; const startsWithEmoji = /^\\p{Emoji}/u; const rgiEmojiRegex = {test: segment => (segment.length > 1 || segment.charCodeAt(0) > 0x7F) && startsWithEmoji.test(segment) && (rgiEmojiPattern ??= /^\\p{RGI_Emoji}$/v).test(segment)};',
	],
]);

/** Every edit, for the build. */
export const dependencyEdits = [yogaWithoutFetch, stringWidthLazyEmoji];
