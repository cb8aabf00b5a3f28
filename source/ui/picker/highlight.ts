/**
 * Stored text with the search's matches marked, as display pieces exactly one column width wide. The ranges are UTF-16
 * offsets into the stored text, so the text is split at them first and each piece is made safe (sanitized, one line)
 * after: nothing a piece held can reach the terminal, and no placeholder moves a match.
 */

import type {TextRange} from '../../store/types.js';
import {leading, oneLine} from '../format.js';
import {sanitize, takeStart, textWidth} from '../text/index.js';

export interface Piece {
	text: string;
	match: boolean;
}

/** More than any row can show (as displayText bounds it). */
const maxDisplayLength = 1024;

/** `text` split at `ranges` (sorted, not overlapping, as the store gives them), each piece safe to show. */
export function markedPieces(text: string, ranges: readonly TextRange[]): Piece[] {
	const bounded = leading(text, maxDisplayLength);
	const pieces: Piece[] = [];
	let at = 0;
	const push = (end: number, match: boolean) => {
		if (end <= at) return;
		pieces.push({text: oneLine(sanitize(bounded.slice(at, end))), match});
		at = end;
	};
	for (const range of ranges) {
		if (range.start >= bounded.length) break;
		push(Math.max(at, range.start), false);
		push(Math.min(range.end, bounded.length), true);
	}
	push(bounded.length, false);
	// Trimmed as a whole, like a plain title.
	const first = pieces[0];
	if (first) first.text = first.text.trimStart();
	const last = pieces.at(-1);
	if (last) last.text = last.text.trimEnd();
	return pieces.filter(piece => piece.text !== '');
}

/** The pieces cut to `width` columns (ending with "…" when something was cut), then padded to exactly `width`. */
export function fitPieces(pieces: readonly Piece[], width: number): Piece[] {
	if (width <= 0) return [];
	const total = pieces.reduce((sum, piece) => sum + textWidth(piece.text), 0);
	if (total <= width) return [...pieces, {text: ' '.repeat(width - total), match: false}];
	const fitted: Piece[] = [];
	let room = width - 1;
	for (const piece of pieces) {
		const kept = takeStart(piece.text, room);
		if (kept !== '') fitted.push({text: kept, match: piece.match});
		room -= textWidth(kept);
		if (kept.length < piece.text.length) break;
	}
	fitted.push({text: `…${' '.repeat(Math.max(0, room))}`, match: false});
	return fitted;
}
