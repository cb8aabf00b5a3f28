import {sanitize, theme} from '../text/index.js';
import {Pane, innerHeight} from './Pane.js';
import {sliceFromBottom} from './line-view.js';
import type {BlockSource} from './line-view.js';

export interface TranscriptProps {
	title: string;
	source: BlockSource;
	notice: string | null;
	width: number;
	height: number;
	offset: number;
	focused: boolean;
	/** The key that returns to the newest message now, for the "↓ N more" indicator. */
	endKey: string;
	/** The find bar (styled), shown in the notice's row while it is open. */
	findBar?: string;
}

/** Rows of the transcript pane available to messages (the notice, or the find bar, takes one). */
export function transcriptRows(height: number, notice: string | null | undefined): number {
	return innerHeight(height) - (notice ? 1 : 0);
}

export function Transcript({title, source, notice, width, height, offset, focused, endKey, findBar}: TranscriptProps) {
	const top = findBar ?? (notice ? theme.warning(sanitize(notice)) : undefined);
	const view = sliceFromBottom(source, transcriptRows(height, top), offset);
	const lines = source.count === 0
		? [theme.quiet('Type a message below and press Enter. ? or /help shows every key.')]
		: view.lines;
	const status = view.below > 0 ? `↓ ${view.below} more (${endKey})` : undefined;
	return (
		<Pane
			title={title}
			width={width}
			height={height}
			focused={focused}
			status={status}
			lines={top ? [top, ...lines] : lines}
		/>
	);
}
