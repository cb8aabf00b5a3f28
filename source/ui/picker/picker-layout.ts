/**
 * Pure layout for the picker: which lines the screen has at a given height, the columns of
 * a session row at a given width, and the texts of the header, scroll indicator and footer.
 * Every string returned here is exactly (or at most) the width it was asked for.
 */

import {keyLabel, keysLabel} from '../keys.js';
import type {KeyAction} from '../keys.js';
import {clamp} from '../../clamp.js';
import type {SessionSummary, TextRange} from '../../store/types.js';
import {fitPieces, markedPieces} from './highlight.js';
import type {Piece} from './highlight.js';
import {formatCount, formatMessageCount, leading, oneLine, relativeTime} from '../format.js';
import {fitEnd, fitStart, sanitize, textWidth, truncateEnd, wrapText} from '../text/index.js';
import type {PickerMode} from './picker-state.js';

export interface ScreenLines {
	header: boolean;
	/** Column titles above the list, only when there is room to spare. */
	columnTitles: boolean;
	/** Number of list rows (the "+ New session" row included). */
	list: number;
	/** Filter field and scroll position. */
	status: boolean;
	/** Rows of the footer (hints or a message): 0 in a picker of one row; more than one only for a message that needs them, in a picker of 10 rows or more. */
	footerRows: number;
}

/** A message in the footer wraps onto this many rows at most (the last one cut with … beyond). */
export const maxFooterRows = 3;

/** The footer rows of a message at `width`: the whole sentence when it fits in `maxFooterRows`. */
export function footerLines(text: string, width: number, rows = maxFooterRows): string[] {
	const wrapped = wrapText(displayText(text), Math.max(1, width));
	if (wrapped.length <= rows) return wrapped;
	const kept = wrapped.slice(0, Math.max(1, rows));
	const last = kept.length - 1;
	kept[last] = truncateEnd(`${kept[last]!} ${wrapped[last + 1]!}`, width);
	return kept;
}

/**
 * The lines of a picker `height` rows tall; they always add up to at most `height`. `footerRows` (a wrapped message)
 * takes rows from the list when the picker is 10 rows or taller, up to `maxFooterRows`.
 */
export function screenLines(height: number, footerRows = 1): ScreenLines {
	const rows = Math.max(0, Math.floor(height));
	if (rows >= 10) {
		const footer = clamp(Math.floor(footerRows), 1, maxFooterRows);
		return {header: true, columnTitles: true, list: rows - 3 - footer, status: true, footerRows: footer};
	}

	if (rows >= 4) {
		return {header: true, columnTitles: false, list: rows - 3, status: true, footerRows: 1};
	}

	if (rows === 3) {
		return {header: true, columnTitles: false, list: 1, status: false, footerRows: 1};
	}

	if (rows === 2) {
		return {header: false, columnTitles: false, list: 1, status: false, footerRows: 1};
	}

	return {header: false, columnTitles: false, list: rows, status: false, footerRows: 0};
}

/** Rows per session: two while searching (the title, then a matching message's snippet) when the list has room. */
export function rowHeight(list: number, words: string): number {
	return words !== '' && list >= 2 ? 2 : 1;
}

/** Sessions (and "+ New session") shown in `list` rows when each takes `height` of them; at least one. */
export function itemsOnScreen(list: number, height: number): number {
	return Math.max(1, Math.floor(list / Math.max(1, height)));
}

/** Cells before the title: the selection marker and a space. */
export const markerWidth = 2;
const gap = 2;
const timeWidth = 11; // "12 Mar 2024"
const minCountWidth = 8; // "999 msgs"
const minModelWidth = 5;
/** The model column's cap: 20 cells, or a quarter of a wide terminal ("qwen3:8b @ 127.0.0.1:11434" fits at 120 columns). */
const maxModelWidth = 20;
const modelShareOfWidth = 0.25;
const titleRoomForModel = 16;
const titleRoomForCount = 12;
const titleRoomForTime = 6;

export interface Columns {
	title: number;
	time: number;
	/** 0 when the column is dropped for lack of room (count first, then time). */
	count: number;
	model: number;
}

/** More than any row can show; measuring longer text would only cost time. */
const maxDisplayLength = 1024;

/** Display text of anything stored: no terminal controls, one line, bounded in length. */
export function displayText(text: string): string {
	return oneLine(sanitize(leading(text, maxDisplayLength))).trim();
}

export function sessionTitle(session: SessionSummary): string {
	return displayText(session.title) || '(untitled)';
}

/** Before the title: "Agno" for a session read from Agno's own table, "↳" for a fork of another session. */
export function titleTag(session: SessionSummary): string {
	if (session.origin === 'agno') return 'Agno · ';
	return session.forkedFrom === null ? '' : '↳ ';
}

/**
 * Column widths for the visible sessions at `width` cells: model dropped first, then the
 * count, when the title would get too narrow.
 */
export function planColumns(width: number, sessions: readonly SessionSummary[], newSessionModel = ''): Columns {
	const countWidth = Math.max(minCountWidth, ...sessions.map(session => textWidth(formatMessageCount(session.messageCount))));
	const models = [newSessionModel, ...sessions.map(session => session.model)];
	const room = width - markerWidth;
	const modelCap = Math.max(maxModelWidth, Math.floor(room * modelShareOfWidth));
	const modelWidth = clamp(Math.max(...models.map(model => textWidth(displayText(model)))), minModelWidth, modelCap);
	const withModel = room - (gap + timeWidth) - (gap + countWidth) - (gap + modelWidth);
	if (withModel >= titleRoomForModel) {
		return {title: withModel, time: timeWidth, count: countWidth, model: modelWidth};
	}

	const withCount = room - (gap + timeWidth) - (gap + countWidth);
	if (withCount >= titleRoomForCount) {
		return {title: withCount, time: timeWidth, count: countWidth, model: 0};
	}

	const withTime = room - (gap + timeWidth);
	if (withTime >= titleRoomForTime) {
		return {title: withTime, time: timeWidth, count: 0, model: 0};
	}

	return {title: Math.max(0, room), time: 0, count: 0, model: 0};
}

/** The gap and a column of `width` cells, or nothing when the column is dropped. */
function column(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) {
		return '';
	}

	return ' '.repeat(gap) + (align === 'left' ? fitEnd(text, width) : fitStart(text, width));
}

export interface RowCells {
	title: string;
	/** Time, count and model columns with their gaps, already padded. */
	details: string;
}

export interface SessionCells {
	/** "Agno · " or "↳ " before the title, or ''. */
	tag: string;
	/** The title with the search's matches marked, exactly the title column's width together with the tag. */
	title: Piece[];
	details: string;
}

/** A session's row: `titleMatches` are offsets into `session.title` (see markedPieces). */
export function sessionRowCells(session: SessionSummary, columns: Columns, now: number, titleMatches: readonly TextRange[] = []): SessionCells {
	const tag = truncateEnd(titleTag(session), columns.title);
	const pieces = displayText(session.title) === '' ? [{text: sessionTitle(session), match: false}] : markedPieces(session.title, titleMatches);
	return {tag, title: fitPieces(pieces, columns.title - textWidth(tag)), details: sessionDetails(session, columns, now)};
}

/** Time, count and model columns with their gaps, already padded. */
function sessionDetails(session: SessionSummary, columns: Columns, now: number): string {
	return column(relativeTime(session.updatedAt, now), columns.time)
		+ column(formatMessageCount(session.messageCount), columns.count, 'right')
		+ column(displayText(session.model), columns.model);
}

/** "+ New session", with the model it will use in the model column. */
export function newSessionCells(columns: Columns, modelLabel: string): RowCells {
	return {
		title: fitEnd('+ New session', columns.title),
		details: column('', columns.time) + column('', columns.count) + column(displayText(modelLabel), columns.model),
	};
}

export function columnTitleCells(columns: Columns): RowCells {
	return {
		title: fitEnd('Title', columns.title),
		details: column('Last active', columns.time) + column('Messages', columns.count, 'right') + column('Model', columns.model),
	};
}

/** "agent-session · alice · 1,000 sessions" (no count while the database opens), then the database path when it fits. */
export function headerParts(user: string, total: number | undefined, storePath: string, width: number): {title: string; path: string} {
	const count = total === undefined ? '' : ` · ${formatCount(total)} ${total === 1 ? 'session' : 'sessions'}`;
	const title = truncateEnd(`agent-session · ${displayText(user)}${count}`, width);
	const path = displayText(storePath);
	const room = width - textWidth(title) - gap;
	return {title, path: room >= textWidth(path) ? ' '.repeat(gap) + path : ''};
}

/**
 * "12–30 of 1,000" for the sessions on screen, or '' when everything fits.
 * `top` and `visible` are in rows, where row 0 is "+ New session".
 */
export function scrollIndicator(top: number, visible: number, sessions: number): string {
	if (sessions + 1 <= visible) {
		return '';
	}

	const first = Math.max(1, top);
	const last = Math.min(sessions, top + visible - 1);
	return `${formatCount(first)}–${formatCount(last)} of ${formatCount(sessions)}`;
}

/** Footer hints per mode, most useful first, with their keys from the one key table. */
const hintActions: Record<PickerMode['kind'], ReadonlyArray<[KeyAction, string]>> = {
	browse: [['picker.open', 'open'], ['picker.new', 'new'], ['picker.up', 'move'], ['picker.rename', 'rename'], ['picker.delete', 'delete'], ['picker.back', 'quit']],
	filter: [['picker.open', 'open'], ['picker.up', 'move'], ['picker.back', 'clear filter'], ['picker.order', 'recent/relevant'], ['picker.new', 'new'], ['picker.rename', 'rename'], ['picker.delete', 'delete']],
	rename: [['field.submit', 'save'], ['field.cancel', 'cancel']],
	confirmDelete: [['picker.confirm', 'delete'], ['picker.back', 'keep it']],
};

function hintText(action: KeyAction, label: string): string {
	if (action === 'picker.up') return `${keyLabel('up')}${keyLabel('down')} ${label}`;
	return `${keysLabel(action)} ${label}`;
}

const hints: Record<PickerMode['kind'], readonly string[]> = {
	browse: ['Type to filter', ...hintActions.browse.map(([action, label]) => hintText(action, label))],
	filter: hintActions.filter.map(([action, label]) => hintText(action, label)),
	rename: hintActions.rename.map(([action, label]) => hintText(action, label)),
	confirmDelete: hintActions.confirmDelete.map(([action, label]) => hintText(action, label)),
};

/** The key hints of a mode, as many as fit in `width` cells, most useful first. */
export function footerHints(mode: PickerMode['kind'], width: number): string {
	let text = '';
	for (const hint of hints[mode]) {
		const next = text ? `${text}  ·  ${hint}` : hint;
		if (textWidth(next) > width) {
			break;
		}

		text = next;
	}

	return text || truncateEnd(hints[mode][0]!, width);
}

/** `Delete "title" (12 messages)? y/n`, with the title shortened to fit. */
export function deleteQuestion(title: string, messageCount: number, width: number): string {
	const tail = `" (${formatCount(messageCount)} ${messageCount === 1 ? 'message' : 'messages'})? y/n`;
	const room = width - textWidth('Delete "') - textWidth(tail);
	if (room < 3) {
		return truncateEnd(`Delete? y/n`, width);
	}

	return `Delete "${truncateEnd(title, room)}${tail}`;
}
