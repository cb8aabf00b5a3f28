/**
 * A pane's content as blocks of pre-wrapped lines (one block per message). Slicing walks
 * blocks from the bottom, so showing the tail costs only what is visible, however long
 * the session is; blocks above the viewport are never rendered unless scrolled to.
 */
import {clamp} from '../../clamp.js';

export interface BlockSource {
	readonly count: number;
	lines(index: number): readonly string[];
}

export interface Viewport {
	lines: string[];
	/** The offset actually used (lines up from the bottom), clamped to the content. */
	offset: number;
	/** Lines above the viewport and below it, for scroll indicators. `above` is undefined when not yet counted. */
	above: number | undefined;
	below: number;
}

export function sliceFromBottom(source: BlockSource, height: number, offset: number): Viewport {
	const want = Math.max(0, height) + Math.max(0, offset);
	const collected: Array<readonly string[]> = [];
	let total = 0;
	let index = source.count - 1;
	for (; index >= 0 && total < want; index--) {
		const block = source.lines(index);
		collected.push(block);
		total += block.length;
	}
	const exhausted = index < 0;
	// Past the top: clamp so the first line is at the top of the viewport.
	const usedOffset = exhausted ? clamp(offset, 0, total - height) : offset;
	const flat: string[] = [];
	for (let i = collected.length - 1; i >= 0; i--) flat.push(...collected[i]!);
	const end = flat.length - usedOffset;
	const start = Math.max(0, end - height);
	return {
		lines: flat.slice(start, end),
		offset: usedOffset,
		above: exhausted ? start : undefined,
		below: usedOffset,
	};
}

/** The largest useful offset not beyond `wanted`: walks up only as far as needed. */
export function clampOffset(source: BlockSource, height: number, wanted: number): number {
	return sliceFromBottom(source, height, wanted).offset;
}

/**
 * The offset that puts the first line (the header) of the message before or after the one at the top
 * of the viewport at the top; walks blocks from the bottom only as far as it must. Unchanged at the ends.
 */
export function messageJump(source: BlockSource, height: number, offset: number, direction: 'previous' | 'next'): number {
	const top = offset + Math.max(1, height) - 1;
	let below = 0;
	let nearestBelow: number | undefined;
	for (let index = source.count - 1; index >= 0; index--) {
		const header = below + source.lines(index).length - 1;
		below = header + 1;
		if (direction === 'previous' && header > top) return clampOffset(source, height, header - height + 1);
		if (direction === 'next') {
			if (header >= top) break;
			nearestBelow = header;
		}
	}
	if (direction === 'previous') return offset;
	return nearestBelow === undefined ? offset : Math.max(0, nearestBelow - height + 1);
}

/**
 * The offset nearest to `offset` that shows block `index` (its header first, when it is taller than the view); walks
 * blocks from the bottom only as far as that block.
 */
export function revealBlock(source: BlockSource, height: number, offset: number, index: number): number {
	let below = 0;
	for (let block = source.count - 1; block > index; block--) below += source.lines(block).length;
	const length = source.lines(index).length;
	const rows = Math.max(1, height);
	if (below + length > offset + rows) return below + length - rows;
	if (below < offset) return below;
	return offset;
}
