/**
 * The find bar's matches in the transcript, the chosen one, and the transcript with them highlighted. While the search
 * text changes, the view scrolls to the first match from where the search began (when it is not on screen already).
 */
import {useLayoutEffect, useMemo, useRef} from 'react';
import type {Dispatch} from 'react';
import type {ChatAction, FindState} from '../../state/chat-state.js';
import {theme} from '../text/index.js';
import {firstFrom, highlightedSource, revealOffset, TranscriptFinder} from './find-matches.js';
import type {Match} from './find-matches.js';
import type {BlockSource} from './line-view.js';

export interface FoundText {
	/** The transcript with every match highlighted (the source itself when nothing is searched). */
	source: BlockSource;
	matches: readonly Match[];
	/** The chosen match, an index into `matches`; undefined when there is none. */
	current: number | undefined;
}

interface FindInput {
	find: FindState | null;
	source: BlockSource;
	/** Rows the transcript shows. */
	rows: number;
	offset: number;
	dispatch: Dispatch<ChatAction>;
}

/** Lines of the whole source (every block is rendered once the search has looked at it anyway). */
export function totalLines(source: BlockSource): number {
	let total = 0;
	for (let block = 0; block < source.count; block++) total += source.lines(block).length;
	return total;
}

export function useFind({find, source, rows, offset, dispatch}: FindInput): FoundText {
	const finder = useMemo(() => new TranscriptFinder(), []);
	const query = find?.query ?? '';
	const matches = useMemo(() => finder.find(source, query), [finder, source, query]);
	const chosen = find?.current ?? null;
	const anchor = find?.anchor ?? 0;
	const current = matches.length === 0 ? undefined : chosen === null ? firstFrom(matches, anchor + rows - 1) : Math.min(chosen, matches.length - 1);
	const found = useMemo<FoundText>(() => ({
		source: highlightedSource(source, matches, current, {match: theme.findMatch, current: theme.findCurrent}),
		matches,
		current,
	}), [source, matches, current]);

	// A new search text (or a search begun again) shows its first match; later frames (a streaming reply) do not scroll.
	const revealed = useRef('');
	const key = find === null ? '' : `${anchor}\u0000${query}`;
	useLayoutEffect(() => {
		if (key === revealed.current) return;
		revealed.current = key;
		if (current === undefined || chosen !== null) return;
		const next = revealOffset(matches[current]!.fromBottom, offset, rows, totalLines(source));
		if (next !== offset) dispatch({type: 'transcriptScrolledTo', offset: next});
	}, [key, current, chosen, matches, offset, rows, source, dispatch]);
	return found;
}
