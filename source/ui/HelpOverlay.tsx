import {useState} from 'react';
import {Box, Text} from 'ink';
import {useInputLayer} from '../hooks/input-provider.js';
import {clamp} from '../clamp.js';
import {palette, wrapText} from './text/index.js';
import {actionOf, keyBindings, keysLabel, matches, slashCommands} from './keys.js';
import type {KeyContext} from './keys.js';

const sections: ReadonlyArray<{context: KeyContext; title: string}> = [
	{context: 'global', title: 'Anywhere'},
	{context: 'chat', title: 'Chat'},
	{context: 'messages', title: `Selecting a message (${keysLabel('chat.selectMessage')} or /edit)`},
	{context: 'chooser', title: 'Model list (/model)'},
	{context: 'composer', title: 'Input line'},
	{context: 'history', title: 'History pane (Tab to focus)'},
	{context: 'find', title: `Find (${keysLabel('chat.find')})`},
	{context: 'zoom', title: `Zoom (${keysLabel('chat.zoom')})`},
	{context: 'picker', title: 'Session picker (type to filter)'},
	{context: 'field', title: 'Filter, rename and find fields'},
	{context: 'help', title: 'This help'},
	{context: 'quit', title: 'When a quit cannot save'},
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
		for (const binding of keyBindings.filter(b => b.context === context)) rows.push({key: keysLabel(binding.action), text: binding.help});
	}
	rows.push({key: 'Commands', text: '', heading: true});
	for (const {command, description} of slashCommands) rows.push({key: command, text: description});
	rows.push({key: 'exit, quit, bye', text: 'typed alone: quit, like the original script'});
	return rows;
}

/** The rows as screen lines: each description wrapped under itself beside its keys, so nothing is cut off. */
export function helpLines(rows: readonly Row[], textWidth: number): Row[] {
	return rows.flatMap(row => row.heading
		? [row]
		: wrapText(row.text, Math.max(10, textWidth)).map((text, index) => ({key: index === 0 ? row.key : '', text})));
}

export interface HelpOverlayProps {
	width: number;
	height: number;
	onClose: () => void;
}

const scrollActions = ['help.up', 'help.down', 'help.pageUp', 'help.pageDown', 'help.top', 'help.bottom'] as const;

/** The help screen: scrolls when the terminal is too short to show it all. Takes every key but quit while open. */
export function HelpOverlay({width, height, onClose}: HelpOverlayProps) {
	const keyWidth = Math.min(28, Math.max(12, Math.floor(width / 4)));
	// Border and padding take four columns, the gap after the keys one.
	const rows = helpLines(helpRows(), width - 4 - keyWidth - 1);
	// Border, title and footer take four rows.
	const room = Math.max(1, height - 4);
	const maxTop = Math.max(0, rows.length - room);
	const [top, setTop] = useState(0);
	const scroll = (by: number) => {
		setTop(value => clamp(value + by, 0, maxTop));
	};
	useInputLayer('overlay', {
		onKey(event) {
			if (matches('quit', event)) return false;
			if (event.mouse) {
				if (event.mouse.kind === 'wheelUp') scroll(-3);
				else if (event.mouse.kind === 'wheelDown') scroll(3);
				return true;
			}
			if (matches('help.close', event)) {
				onClose();
				return true;
			}
			const by = {
				'help.up': -1, 'help.down': 1, 'help.pageUp': -room, 'help.pageDown': room, 'help.top': -rows.length, 'help.bottom': rows.length,
			} as const;
			const action = actionOf(scrollActions, event);
			if (action) scroll(by[action]);
			return true;
		},
		onPaste: () => true,
	});
	const first = Math.min(top, maxTop);
	const shown = rows.slice(first, first + room);
	const position = rows.length > room ? `lines ${first + 1}–${first + shown.length} of ${rows.length} · ↑↓ PgUp PgDn scroll · ` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="double" borderColor={palette.accent} paddingX={1}>
			<Text bold color={palette.accent}>Keys and commands</Text>
			{shown.map((row, index) => row.heading
				? <Text key={first + index} bold wrap="truncate-end">{row.key}</Text>
				: (
					<Box key={first + index}>
						<Box width={keyWidth} flexShrink={0}><Text color={palette.warning} wrap="truncate-end">{`  ${row.key}`}</Text></Box>
						<Text wrap="truncate-end">{` ${row.text}`}</Text>
					</Box>
				))}
			<Box flexGrow={1} />
			<Text dimColor wrap="truncate-end">{`${position}${keysLabel('help.close')} closes`}</Text>
		</Box>
	);
}
