/**
 * Ctrl+X expands or collapses every reply's thinking. The transcript's offset counts lines up from the bottom, so
 * without help a toggle would leave the view where it was while the thinking grew or shrank above it: at the foot of
 * a long answer, expanding would change nothing on screen. So the toggle brings the reply it is about to the top of
 * the view: the newest reply with thinking that starts at or above the view's last row. Collapsing while following
 * the newest message keeps following.
 */
import {useCallback, useLayoutEffect, useRef} from 'react';
import type {Dispatch} from 'react';
import type {ChatAction} from '../../state/chat-state.js';
import type {BlockSource} from './line-view.js';

/** The transcript's blocks, and which of them is a reply with thinking. */
export interface ThinkingSource extends BlockSource {
	hasThinking(index: number): boolean;
}

/** The newest reply with thinking whose first line is at or above the bottom row of the view, counted from the last block. */
export function thinkingAnchor(source: ThinkingSource, offset: number): number | undefined {
	let below = 0;
	for (let index = source.count - 1; index >= 0; index--) {
		const length = source.lines(index).length;
		if (below + length - 1 >= offset && source.hasThinking(index)) return source.count - 1 - index;
		below += length;
	}
	return undefined;
}

/** The offset that puts the first line of the block `fromEnd` blocks above the last one at the top of `rows` rows (0 when all of it fits). */
export function offsetShowing(source: BlockSource, rows: number, fromEnd: number): number {
	let lines = 0;
	for (let index = source.count - 1; index >= Math.max(0, source.count - 1 - fromEnd); index--) lines += source.lines(index).length;
	return Math.max(0, lines - rows);
}

interface ThinkingToggleInput {
	dispatch: Dispatch<ChatAction>;
	source: ThinkingSource;
	/** Rows the transcript shows messages in. */
	rows: number;
	offset: number;
	expanded: boolean;
}

/** The toggle for the key; once the transcript is drawn the other way, it scrolls to the reply (see above). */
export function useThinkingToggle({dispatch, source, rows, offset, expanded}: ThinkingToggleInput): () => void {
	const pending = useRef<{fromEnd: number; expanded: boolean} | undefined>(undefined);
	useLayoutEffect(() => {
		const anchor = pending.current;
		if (anchor?.expanded !== expanded) return;
		pending.current = undefined;
		dispatch({type: 'transcriptScrolledTo', offset: offsetShowing(source, rows, anchor.fromEnd)});
	}, [dispatch, source, rows, expanded]);
	return useCallback(() => {
		const fromEnd = expanded && offset === 0 ? undefined : thinkingAnchor(source, offset);
		pending.current = fromEnd === undefined ? undefined : {fromEnd, expanded: !expanded};
		dispatch({type: 'thinkingToggled'});
	}, [dispatch, source, offset, expanded]);
}
