import {Box, Text} from 'ink';
import {palette} from '../text/index.js';

export interface PaneProps {
	title: string;
	/** Outer size including the border. */
	width: number;
	height: number;
	focused: boolean;
	/** Pre-wrapped lines, each at most `innerWidth(width)` wide; only the visible ones are passed. */
	lines: readonly string[];
	/** Shown at the right of the title row, e.g. a scroll position. */
	status?: string;
}

/** Border (2) plus one column of padding each side. */
export function innerWidth(width: number): number {
	return Math.max(1, width - 4);
}

/** Border (2) plus the title row. */
export function innerHeight(height: number): number {
	return Math.max(0, height - 3);
}

/** A bordered pane that shows exactly the lines it is given, one Ink node per line. */
export function Pane({title, width, height, focused, lines, status}: PaneProps) {
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? palette.accent : palette.frame} borderDimColor={!focused} paddingX={1}>
			<Box justifyContent="space-between" width={innerWidth(width)}>
				<Text bold wrap="truncate-end" color={focused ? palette.accent : undefined}>{title}</Text>
				{/* The status ("↓ 16 more (End)") keeps its width; a long title gives way. */}
				{status ? <Box flexShrink={0}><Text dimColor wrap="truncate-start">{`  ${status}`}</Text></Box> : null}
			</Box>
			{lines.map((line, index) => (
				/* Lines are positional: the same row index is the same row on screen. */
				<Text key={index} wrap="truncate-end">{line === '' ? ' ' : line}</Text>
			))}
		</Box>
	);
}
