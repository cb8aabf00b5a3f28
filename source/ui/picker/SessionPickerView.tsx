/**
 * The session picker screen as a pure view: everything it shows comes in through props,
 * and it draws exactly `width` × `height` cells (each line is cut to the width here, so Ink
 * never wraps anything onto an extra line).
 */

import {Box, Text} from 'ink';
import {fitStart, palette, textWidth, truncateEnd, wrapText} from '../text/index.js';
import {fitPieces, markedPieces} from './highlight.js';
import type {Piece} from './highlight.js';
import type {LineState} from './line-edit.js';
import {lineWindow} from './line-edit.js';
import {
	columnTitleCells,
	deleteQuestion,
	displayText,
	footerHints,
	headerParts,
	markerWidth,
	newSessionCells,
	itemsOnScreen,
	planColumns,
	rowHeight,
	screenLines,
	footerLines,
	scrollIndicator,
	sessionRowCells,
} from './picker-layout.js';
import type {Columns} from './picker-layout.js';
import type {PickerMessage, PickerMode} from './picker-state.js';
import type {ListedSession, Order} from './session-queries.js';

export interface SessionPickerViewProps {
	width: number;
	height: number;
	user: string;
	storePath: string;
	/** All of the user's sessions, ignoring the filter; undefined while the database is still opening. */
	totalSessions: number | undefined;
	/** Sessions matching the filter (all of them when there is none). */
	matchingSessions: number;
	/** The sessions on screen, in order: rows `max(top, 1)` … of the list (with the search's matches, if any). */
	sessions: readonly ListedSession[];
	/** First visible row and selected row; row 0 is "+ New session". */
	top: number;
	selected: number;
	mode: PickerMode;
	/** The words the list was searched for ('' lists every session). */
	filter: string;
	/** Words were typed that the list does not show yet (the search waits for a pause in typing). */
	searching?: boolean;
	order?: Order;
	modelLabel: string;
	message: PickerMessage | undefined;
	/** With no session of the user's: the other users with sessions in the file (most recently active first). */
	otherUsers?: readonly string[];
	/** Rows the footer may take for the message (SessionPicker sized the list for them); default 1. */
	footerRows?: number;
	now: number;
}

function Field({line, width}: {line: LineState; width: number}) {
	const {before, atCursor, after} = lineWindow(line, width);
	return (
		<Text>
			{before}
			<Text inverse>{atCursor}</Text>
			{after}
		</Text>
	);
}

function NewSessionRow({selected, columns, modelLabel, height}: {selected: boolean; columns: Columns; modelLabel: string; height: number}) {
	const cells = newSessionCells(columns, modelLabel);
	return (
		<Box flexDirection="column" height={height} flexShrink={0}>
			<Text inverse={selected} wrap="truncate-end">
				{selected ? '› ' : '  '}
				<Text color={palette.good} bold>{cells.title}</Text>
				<Text dimColor={!selected}>{cells.details}</Text>
			</Text>
		</Box>
	);
}

function Marked({pieces}: {pieces: readonly Piece[]}) {
	return (
		<>
			{pieces.map((piece, index) => (piece.match
				? <Text key={index} bold underline color={palette.warning}>{piece.text}</Text>
				: <Text key={index}>{piece.text}</Text>))}
		</>
	);
}

interface SessionRowProps {
	listed: ListedSession;
	selected: boolean;
	columns: Columns;
	now: number;
	rename: LineState | undefined;
	width: number;
	/** While searching: a second row with the snippet of a matching message. */
	snippetRow: boolean;
}

/** "you: …" or "reply: …" under the title, with the matches marked; what matched when no message did. */
function SnippetRow({listed, selected, width}: {listed: ListedSession; selected: boolean; width: number}) {
	const {snippet} = listed;
	const room = width - markerWidth - 2;
	if (!snippet) return <Text dimColor wrap="truncate-end">{`${' '.repeat(markerWidth + 2)}${truncateEnd('(the title matches)', room)}`}</Text>;
	const label = snippet.role === 'user' ? 'you: ' : snippet.role === 'assistant' ? 'reply: ' : 'system: ';
	return (
		<Text dimColor={!selected} wrap="truncate-end">
			{' '.repeat(markerWidth + 2)}
			<Text italic>{label}</Text>
			<Marked pieces={fitPieces(markedPieces(snippet.text, snippet.matches), room - textWidth(label))} />
		</Text>
	);
}

function SessionRow({listed, selected, columns, now, rename, width, snippetRow}: SessionRowProps) {
	const {session} = listed;
	if (rename) {
		return (
			<Box width={width} height={snippetRow ? 2 : 1} flexShrink={0}>
				<Text color={palette.warning}>{'› '}</Text>
				<Field line={rename} width={width - markerWidth} />
			</Box>
		);
	}

	const cells = sessionRowCells(session, columns, now, listed.titleMatches);
	const untitled = !displayText(session.title);
	const row = (
		<Text inverse={selected} wrap="truncate-end">
			{selected ? '› ' : '  '}
			{cells.tag === '' ? null : <Text color={palette.accent}>{cells.tag}</Text>}
			<Text dimColor={untitled && !selected}><Marked pieces={cells.title} /></Text>
			<Text dimColor={!selected}>{cells.details}</Text>
		</Text>
	);
	if (!snippetRow) return row;
	return (
		<Box flexDirection="column" width={width} height={2} flexShrink={0}>
			{row}
			<SnippetRow listed={listed} selected={selected} width={width} />
		</Box>
	);
}

/** "ada and bob", "ada, bob and carol". */
function listOf(names: readonly string[]): string {
	return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

function EmptyState({user, storePath, otherUsers, width}: {user: string; storePath: string; otherUsers: readonly string[]; width: number}) {
	const what = wrapText(`No saved sessions yet for ${displayText(user)}. Press Enter or Ctrl+N to start one.`, width);
	const where = wrapText(`Sessions are kept in ${displayText(storePath)}.`, width);
	// An Agno file (or a shared one) often holds other users' sessions: say whose, and how to see them.
	const others = otherUsers.length === 0
		? []
		: wrapText(`This file also has sessions of ${listOf(otherUsers.map(name => `"${displayText(name)}"`))}: start with --user NAME to see them.`, width);
	return (
		<Box flexDirection="column" width={width}>
			<Text> </Text>
			{what.map((line, index) => <Text key={`what${index}`}>{truncateEnd(line, width)}</Text>)}
			{where.map((line, index) => <Text key={`where${index}`} dimColor>{truncateEnd(line, width)}</Text>)}
			{others.map((line, index) => <Text key={`others${index}`} dimColor>{truncateEnd(line, width)}</Text>)}
		</Box>
	);
}

function Footer({mode, message, width, rows}: {mode: PickerMode; message: PickerMessage | undefined; width: number; rows: number}) {
	if (mode.kind === 'confirmDelete') {
		return <Text color={palette.warning} bold wrap="truncate-end">{deleteQuestion(displayText(mode.title) || '(untitled)', mode.messageCount, width)}</Text>;
	}

	if (message) {
		const color = message.tone === 'error' ? palette.error : palette.warning;
		return footerLines(message.text, width, rows).map((line, index) => <Text key={index} color={color} wrap="truncate-end">{line}</Text>);
	}

	return <Text dimColor wrap="truncate-end">{footerHints(mode.kind, width)}</Text>;
}

function StatusLine({mode, right, width}: {mode: PickerMode; right: string; width: number}) {
	const rightText = right ? `  ${right}` : '';
	const fieldWidth = width - 2 - textWidth(rightText);
	if (mode.kind === 'filter' && fieldWidth >= 2) {
		return (
			<Box width={width} height={1}>
				<Text color={palette.accent}>{'/ '}</Text>
				<Box width={fieldWidth} height={1}>
					<Field line={mode.line} width={fieldWidth} />
				</Box>
				<Text dimColor>{rightText}</Text>
			</Box>
		);
	}

	return <Text dimColor wrap="truncate-end">{fitStart(right, width)}</Text>;
}

export function SessionPickerView(props: SessionPickerViewProps) {
	const {width, height, mode, filter, sessions, top, selected, now} = props;
	const lines = screenLines(height, props.footerRows);
	const itemHeight = rowHeight(lines.list, filter);
	const items = itemsOnScreen(lines.list, itemHeight);
	const columns = planColumns(width, sessions.map(listed => listed.session), props.modelLabel);
	const header = headerParts(props.user, props.totalSessions, props.storePath, width);
	const indicator = scrollIndicator(top, items, props.matchingSessions);
	const ranked = props.order === 'relevance' ? 'most relevant first' : 'most recent first';
	const matches = filter ? `${props.matchingSessions} ${props.matchingSessions === 1 ? 'match' : 'matches'} · ${ranked}` : '';
	const right = props.searching ? 'searching…' : [matches, indicator].filter(Boolean).join(' · ');
	const titles = lines.columnTitles ? columnTitleCells(columns) : undefined;
	const firstSessionRow = Math.max(top, 1);
	const listRows = [];
	if (top === 0 && lines.list > 0) {
		listRows.push(<NewSessionRow key="new" selected={selected === 0} columns={columns} modelLabel={props.modelLabel} height={itemHeight} />);
	}

	for (const [index, listed] of sessions.slice(0, items - listRows.length).entries()) {
		const row = firstSessionRow + index;
		const rename = mode.kind === 'rename' && mode.sessionId === listed.session.id ? mode.line : undefined;
		listRows.push(<SessionRow key={listed.session.id} listed={listed} selected={row === selected} columns={columns} now={now} rename={rename} width={width} snippetRow={itemHeight === 2} />);
	}

	let emptyNote;
	if (props.totalSessions === undefined) {
		emptyNote = <Text dimColor>{truncateEnd(`Opening ${displayText(props.storePath)}…`, width - markerWidth)}</Text>;
	} else if (props.totalSessions === 0 && !filter) {
		emptyNote = <EmptyState user={props.user} storePath={props.storePath} otherUsers={props.otherUsers ?? []} width={width - markerWidth} />;
	} else if (props.matchingSessions === 0 && filter) {
		emptyNote = <Text>{truncateEnd(`No sessions match "${displayText(filter)}".`, width - markerWidth)}</Text>;
	}

	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{lines.header && (
				<Text wrap="truncate-end">
					<Text bold>{header.title}</Text>
					<Text dimColor>{header.path}</Text>
				</Text>
			)}
			{titles && (
				<Text dimColor wrap="truncate-end">{sessions.length > 0 ? ' '.repeat(markerWidth) + titles.title + titles.details : ' '}</Text>
			)}
			<Box flexDirection="column" width={width} height={lines.list} overflowY="hidden">
				{listRows}
				{emptyNote && listRows.length < items && <Box marginLeft={markerWidth}>{emptyNote}</Box>}
			</Box>
			{lines.status && <StatusLine mode={mode} right={right} width={width} />}
			{lines.footerRows > 0 && <Footer mode={mode} message={props.message} width={width} rows={lines.footerRows} />}
		</Box>
	);
}
