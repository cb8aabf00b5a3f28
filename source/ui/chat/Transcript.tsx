import {sanitize, theme, truncateEnd, wrapText} from '../text/index.js';
import {Pane, innerHeight, innerWidth} from './Pane.js';
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
	/** The find bar (styled), shown instead of the notice while it is open. */
	findBar?: string;
}

/** A notice is shown whole, wrapped, on up to this many rows (the last one cut with …). */
const noticeRows = 3;

/** The notice's rows at the pane's width. */
export function noticeLines(notice: string | null, width: number): string[] {
	if (!notice) return [];
	const lines = wrapText(sanitize(notice), Math.max(1, innerWidth(width)));
	if (lines.length <= noticeRows) return lines;
	return [...lines.slice(0, noticeRows - 1), truncateEnd(lines.slice(noticeRows - 1).join(' '), innerWidth(width))];
}

/** Rows of the transcript pane available to messages (the notice takes its own). */
export function transcriptRows(height: number, width: number, notice: string | null): number {
	return innerHeight(height) - noticeLines(notice, width).length;
}

export function Transcript({title, source, notice, width, height, offset, focused, endKey, findBar}: TranscriptProps) {
	const said = findBar === undefined ? noticeLines(notice, width).map(line => theme.warning(line)) : [findBar];
	const view = sliceFromBottom(source, innerHeight(height) - said.length, offset);
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
			lines={[...said, ...lines]}
		/>
	);
}
