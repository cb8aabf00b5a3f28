import {Box, Text} from 'ink';
import {keysLabel} from '../keys.js';
import {theme, truncateEnd} from '../text/index.js';
import {sliceFromBottom} from './line-view.js';
import type {BlockSource} from './line-view.js';

export interface ZoomViewProps {
	/** The transcript rendered at the full width. */
	source: BlockSource;
	width: number;
	/** Rows of the whole view: the text, then one row for the find bar or the hint. */
	height: number;
	offset: number;
	/** The find bar, when it is open. */
	findBar: string | undefined;
	/** The key that returns to the newest message now. */
	endKey: string;
}

/**
 * Columns the zoomed text is wrapped to: all but the last. Ink ends each row it redraws with "erase to end of line",
 * and where the text filled the last column, a terminal that leaves the cursor on it erases that last character; a
 * mouse selection of the zoomed text loses nothing by the spare column.
 */
export function zoomWidth(columns: number): number {
	return Math.max(1, columns - 1);
}

/** Rows of messages the zoomed view shows. */
export function zoomRows(height: number): number {
	return Math.max(1, height - 1);
}

/**
 * The transcript alone: full width, no border, no padding, no pane beside it, so a mouse selection (mouse reporting
 * is off meanwhile) copies only the messages. The last row says how to leave, or holds the find bar.
 */
export function ZoomView({source, width, height, offset, findBar, endKey}: ZoomViewProps) {
	const view = sliceFromBottom(source, zoomRows(height), offset);
	const more = view.below > 0 ? ` · ↓ ${view.below} more (${endKey})` : '';
	const hint = theme.quiet(truncateEnd(`Zoom: ${keysLabel('zoom.leave')} back · ${keysLabel('chat.find')} find · PgUp/PgDn, ↑/↓ scroll${more}`, width));
	return (
		<Box flexDirection="column" width={width} height={height}>
			{view.lines.map((line, index) => (
				/* Positional rows, as in a pane. */
				<Text key={index} wrap="truncate-end">{line === '' ? ' ' : line}</Text>
			))}
			<Box flexGrow={1} />
			<Text wrap="truncate-end">{findBar ?? hint}</Text>
		</Box>
	);
}
