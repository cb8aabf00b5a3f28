// Whether Intl.Segmenter splits graphemes in linear time on this Node (the text module relies on it):
// `node_modules/.bin/node --import tsx bench/segmenter.ts`. Not part of `npm run bench` (no target row);
// prints milliseconds and ns per character for growing texts of mixed CJK, emoji and Indic clusters,
// for the bare segmenter and for the app's `graphemeOffsets` (which skips certain boundaries).
// Linear means ns/char stays flat as the text grows; Node 20 took ~8 s for 100,000 characters.
import {graphemeOffsets} from '../source/ui/text/graphemes.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const pieces = ['漢', '字', 'か', '😀', '👍🏽', '👩‍👩‍👧', '🇵🇹', 'é', 'e\u0301', 'क्‍ष', 'ന്‍', ' ', 'a'];

function mixedText(length: number): string {
	const parts: string[] = [];
	let size = 0;
	for (let index = 0; size < length; index++) {
		const piece = pieces[index % pieces.length]!;
		parts.push(piece);
		size += piece.length;
	}

	// Joined once, so the string is flat (a rope built by += would be measured flattening too).
	return parts.join('');
}

function fastest(runs: number, body: () => unknown): number {
	let best = Number.POSITIVE_INFINITY;
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		body();
		best = Math.min(best, performance.now() - started);
	}

	return best;
}

console.log(`Node ${process.version}, ICU ${process.versions['icu']}; fastest of 5 runs`);
console.log('characters   Intl.Segmenter            graphemeOffsets');
const perCharacter: number[] = [];
for (const length of [10_000, 100_000, 1_000_000]) {
	const text = mixedText(length);
	const segment = fastest(5, () => {
		let last = 0;
		for (const part of segmenter.segment(text)) {
			last = part.index;
		}

		return last;
	});
	const offsets = fastest(5, () => graphemeOffsets(text));
	perCharacter.push((segment * 1e6) / length);
	const cell = (ms: number) => `${ms.toFixed(1).padStart(8)} ms ${((ms * 1e6) / length).toFixed(0).padStart(5)} ns/char`;
	console.log(`${String(length).padStart(10)}   ${cell(segment)}   ${cell(offsets)}`);
}

const growth = perCharacter.at(-1)! / perCharacter[0]!;
console.log(`ns/char at 1,000,000 vs 10,000: ${growth.toFixed(2)}× (${growth < 3 ? 'linear' : 'NOT linear: grapheme splitting would need a library'})`);
