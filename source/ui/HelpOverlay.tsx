import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {keyBindings, slashCommands} from './keys.js';
import type {KeyContext} from './keys.js';

const sections: ReadonlyArray<{context: KeyContext; title: string}> = [
	{context: 'global', title: 'Anywhere'},
	{context: 'chat', title: 'Chat'},
	{context: 'composer', title: 'Input line'},
	{context: 'history', title: 'History pane (Tab to focus)'},
	{context: 'picker', title: 'Session picker'},
];

interface Row {
	key: string;
	text: string;
	heading?: boolean;
}

/** Every key binding from the one table, then the slash commands. */
export function helpRows(): Row[] {
	const rows: Row[] = [];
	for (const {context, title} of sections) {
		rows.push({key: title, text: '', heading: true});
		for (const binding of keyBindings.filter(b => b.context === context)) rows.push({key: binding.keys, text: binding.description});
	}
	rows.push({key: 'Commands', text: '', heading: true});
	for (const {command, description} of slashCommands) rows.push({key: command, text: description});
	rows.push({key: 'exit, quit, bye', text: 'typed alone: quit, like the original script'});
	return rows;
}

export interface HelpOverlayProps {
	width: number;
	height: number;
	onClose: () => void;
}

/** The help screen: scrolls with ↑/↓/PgUp/PgDn when the terminal is too short to show it all. */
export function HelpOverlay({width, height, onClose}: HelpOverlayProps) {
	const rows = helpRows();
	const keyWidth = Math.min(24, Math.max(12, Math.floor(width / 4)));
	// Border, title and footer take four rows.
	const room = Math.max(1, height - 4);
	const maxTop = Math.max(0, rows.length - room);
	const [top, setTop] = useState(0);
	const scroll = (by: number) => {
		setTop(value => Math.min(maxTop, Math.max(0, value + by)));
	};
	useInput((input, key) => {
		if (key.escape || key.return || input === '?' || input === 'q') onClose();
		else if (key.upArrow || input === 'k') scroll(-1);
		else if (key.downArrow || input === 'j') scroll(1);
		else if (key.pageUp) scroll(-room);
		else if (key.pageDown || input === ' ') scroll(room);
		else if (key.home) scroll(-rows.length);
		else if (key.end) scroll(rows.length);
	});
	const first = Math.min(top, maxTop);
	const shown = rows.slice(first, first + room);
	const position = rows.length > room ? `rows ${first + 1}–${first + shown.length} of ${rows.length} · ↑↓ PgUp PgDn scroll · ` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="double" borderColor="cyan" paddingX={1}>
			<Text bold color="cyan">Keys and commands</Text>
			{shown.map(row => row.heading
				? <Text key={`h:${row.key}`} bold wrap="truncate-end">{row.key}</Text>
				: (
					<Box key={`${row.key}:${row.text}`}>
						<Box width={keyWidth} flexShrink={0}><Text color="yellow" wrap="truncate-end">{`  ${row.key}`}</Text></Box>
						<Text wrap="truncate-end">{` ${row.text}`}</Text>
					</Box>
				))}
			<Box flexGrow={1} />
			<Text dimColor wrap="truncate-end">{`${position}Esc closes`}</Text>
		</Box>
	);
}
