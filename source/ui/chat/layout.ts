/** Pure screen geometry for the chat view: which panes show and how big they are. */

import {clamp} from '../../clamp.js';

export const wideMinColumns = 100;
export const minColumns = 40;
export const minRows = 10;

export interface ChatLayout {
	mode: 'wide' | 'narrow';
	/** Rows the whole frame uses: one less than the terminal, so Ink never redraws the full screen. */
	frameRows: number;
	columns: number;
	/** Outer size of each pane (0 width when hidden). */
	transcript: {width: number; height: number};
	history: {width: number; height: number};
	composerRows: number;
}

export function isTooSmall(columns: number, rows: number): boolean {
	return columns < minColumns || rows < minRows;
}

/** The composer grows with its text, up to a third of the screen. */
export function composerMaxRows(rows: number): number {
	return Math.max(1, Math.floor((rows - 1) / 3));
}

export function chatLayout(columns: number, rows: number, narrowPane: 'chat' | 'history', composerLines: number): ChatLayout {
	const frameRows = rows - 1;
	const composerRows = clamp(composerLines, 1, composerMaxRows(rows));
	const statusRows = 1;
	const paneHeight = Math.max(3, frameRows - composerRows - statusRows);
	if (columns >= wideMinColumns) {
		const left = Math.floor(columns * 0.55);
		return {
			mode: 'wide',
			frameRows,
			columns,
			transcript: {width: left, height: paneHeight},
			history: {width: columns - left, height: paneHeight},
			composerRows,
		};
	}
	const shown = {width: columns, height: paneHeight};
	const hidden = {width: 0, height: 0};
	return {
		mode: 'narrow',
		frameRows,
		columns,
		transcript: narrowPane === 'chat' ? shown : hidden,
		history: narrowPane === 'history' ? shown : hidden,
		composerRows,
	};
}
