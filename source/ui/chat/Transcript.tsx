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
	/** The find bar (styled), shown in the notice's row while it is open. */
	findBar?: string;
}

/** Most rows a notice takes: advice that does not fit one row (a copy the terminal cannot take) is read whole. */
const maxNoticeRows = 3;

/** The notice as the rows it takes in a pane `width` wide (outer width); a longer one ends with "…". */
export function noticeLines(notice: string | null, width: number): string[] {
	if (!notice) return [];
	const inner = innerWidth(width);
	const lines = wrapText(sanitize(notice), inner);
	const kept = lines.length <= maxNoticeRows ? lines : [...lines.slice(0, maxNoticeRows - 1), truncateEnd(lines.slice(maxNoticeRows - 1).join(' '), inner)];
	return kept.map(line => theme.warning(line));
}

/** Rows of the transcript pane available to messages, below the notice or the find bar (`topRows` rows). */
export function transcriptRows(height: number, topRows: number): number {
	return Math.max(0, innerHeight(height) - topRows);
}

export function Transcript({title, source, notice, width, height, offset, focused, endKey, findBar}: TranscriptProps) {
	const top = findBar === undefined ? noticeLines(notice, width) : [findBar];
	const view = sliceFromBottom(source, transcriptRows(height, top.length), offset);
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
			lines={[...top, ...lines]}
		/>
	);
}
