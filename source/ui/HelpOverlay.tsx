import React from 'react';
import {Box, Text} from 'ink';
import {keyBindings, slashCommands} from './keys.js';
import type {KeyContext} from './keys.js';

const sections: ReadonlyArray<{context: KeyContext; title: string}> = [
	{context: 'global', title: 'Anywhere'},
	{context: 'chat', title: 'Chat'},
	{context: 'composer', title: 'Input line'},
	{context: 'history', title: 'History pane (Tab to focus)'},
	{context: 'picker', title: 'Session picker'},
];

export interface HelpOverlayProps {
	width: number;
	height: number;
}

/** Every key binding from the one table, plus the slash commands; as many sections as fit. */
export function HelpOverlay({width, height}: HelpOverlayProps) {
	const keyWidth = 20;
	const rows: Array<{key: string; text: string; heading?: boolean}> = [];
	for (const {context, title} of sections) {
		rows.push({key: title, text: '', heading: true});
		for (const binding of keyBindings.filter(b => b.context === context)) rows.push({key: binding.keys, text: binding.description});
	}
	rows.push({key: 'Commands', text: '', heading: true});
	for (const {command, description} of slashCommands) rows.push({key: command, text: description});
	rows.push({key: 'exit, quit, bye', text: 'typed alone: quit, like the original script'});
	// Border, title and footer take four rows.
	const room = Math.max(1, height - 4);
	const shown = rows.slice(0, room);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="double" borderColor="cyan" paddingX={1}>
			<Text bold color="cyan">Keys and commands</Text>
			{shown.map(row => row.heading
				? <Text key={`h:${row.key}`} bold wrap="truncate-end">{row.key}</Text>
				: (
					<Box key={`${row.key}:${row.text}`}>
						<Box width={keyWidth} flexShrink={0}><Text color="yellow" wrap="truncate-end">{`  ${row.key}`}</Text></Box>
						<Text wrap="truncate-end">{row.text}</Text>
					</Box>
				))}
			<Box flexGrow={1} />
			<Text dimColor wrap="truncate-end">{rows.length > shown.length ? `${rows.length - shown.length} more rows: enlarge the terminal · ` : ''}Esc, ? or F1 closes</Text>
		</Box>
	);
}
