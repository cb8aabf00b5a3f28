import {textWidth, theme} from '../text/index.js';
import {Pane, innerHeight, innerWidth} from './Pane.js';
import {sliceFromBottom} from './line-view.js';
import type {BlockSource} from './line-view.js';

export interface HistoryPaneProps {
	sessionId: string;
	source: BlockSource;
	width: number;
	height: number;
	offset: number;
	focused: boolean;
	/** Messages the next request sends as history (marked in the gutter). */
	windowSize: number;
}

const titlePrefix = 'Chat History for session_id:';

/** Room kept on the title row for the pane's status (window size or scroll position). */
const statusRoom = 18;

/** Whether the session id fits on the title row beside the status; otherwise it gets a row of its own. */
function idOnOwnRow(sessionId: string, width: number): boolean {
	return textWidth(`${titlePrefix} ${sessionId}`) + statusRoom > innerWidth(width);
}

export function historyRows(sessionId: string, width: number, height: number): number {
	return innerHeight(height) - (idOnOwnRow(sessionId, width) ? 1 : 0);
}

export function HistoryPane({sessionId, source, width, height, offset, focused, windowSize}: HistoryPaneProps) {
	const ownRow = idOnOwnRow(sessionId, width);
	const view = sliceFromBottom(source, historyRows(sessionId, width, height), offset);
	const status = view.below > 0 ? `paused ↓${view.below} · End` : `${theme.jsonMark('▌')} next request: ${windowSize}`;
	return (
		<Pane
			title={ownRow ? titlePrefix : `${titlePrefix} ${sessionId}`}
			width={width}
			height={height}
			focused={focused}
			status={status}
			lines={ownRow ? [theme.title(sessionId), ...view.lines] : view.lines}
		/>
	);
}
