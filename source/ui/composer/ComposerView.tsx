/**
 * Draws the composer: a gutter (the prompt on the first row, scroll markers where rows are
 * hidden), then the visible rows of wrapped text with the cursor as an inverse block.
 */

import {Box, Text} from 'ink';
import {palette, takeStart} from '../text/index.js';
import {graphemeAt} from './editor.js';
import {displayText} from './layout.js';
import type {Layout} from './layout.js';

export interface ComposerViewProps {
	readonly name: string;
	readonly gutterWidth: number;
	/** Columns for the text (the layout wraps one column narrower: the cursor's column). */
	readonly textWidth: number;
	readonly text: string;
	readonly cursor: number;
	readonly layout: Layout;
	readonly top: number;
	readonly maxRows: number;
	readonly focused: boolean;
	readonly placeholder: string;
}

function Gutter({label, width, prompt, focused}: {label: string; width: number; prompt: boolean; focused: boolean}) {
	if (!prompt) {
		return <Text dimColor>{label.padStart(width - 1).padEnd(width)}</Text>;
	}
	return (
		<Text>
			<Text bold={focused} color={focused ? palette.accent : undefined} dimColor={!focused}>{label}</Text>
			<Text dimColor>{' › '}</Text>
		</Text>
	);
}

function RowText({text, start, end, cursor}: {text: string; start: number; end: number; cursor: number | undefined}) {
	if (cursor === undefined) {
		return <Text>{displayText(text.slice(start, end))}</Text>;
	}
	const under = cursor < end ? graphemeAt(text, cursor) : '';
	return (
		<Text>
			{displayText(text.slice(start, cursor))}
			<Text inverse>{under === '' ? ' ' : displayText(under)}</Text>
			{displayText(text.slice(cursor + under.length, end))}
		</Text>
	);
}

export function ComposerView(props: ComposerViewProps) {
	const {name, gutterWidth, textWidth, text, cursor, layout, top, maxRows, focused, placeholder} = props;
	const visible = layout.rows.slice(top, top + Math.max(1, maxRows));
	const hiddenAbove = top;
	const hiddenBelow = layout.rows.length - top - visible.length;

	if (text === '') {
		return (
			<Box>
				<Gutter label={name} width={gutterWidth} prompt focused={focused}/>
				{focused ? <Text inverse> </Text> : null}
				<Text dimColor>{takeStart(placeholder, textWidth - 1)}</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection='column'>
			{visible.map((row, index) => {
				const rowIndex = top + index;
				let label = '';
				if (index === 0 && hiddenAbove > 0) {
					label = hiddenBelow > 0 && visible.length === 1 ? '↕' : `↑${hiddenAbove}`;
				} else if (index === visible.length - 1 && hiddenBelow > 0) {
					label = `↓${hiddenBelow}`;
				}
				const showCursor = focused && rowIndex === layout.cursorRow;
				return (
					<Box key={rowIndex}>
						<Gutter
							label={rowIndex === 0 ? name : takeStart(label, gutterWidth - 1)}
							width={gutterWidth}
							prompt={rowIndex === 0}
							focused={focused}
						/>
						<RowText text={text} start={row.start} end={row.end} cursor={showCursor ? cursor : undefined}/>
					</Box>
				);
			})}
		</Box>
	);
}
