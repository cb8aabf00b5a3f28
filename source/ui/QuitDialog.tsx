import {Box, Text} from 'ink';
import {useInputLayer} from '../hooks/input-provider.js';
import {actionOf, keysLabel} from './keys.js';
import type {KeyAction} from './keys.js';
import {palette, sanitize, textWidth, wrapText} from './text/index.js';

export interface QuitDialogProps {
	width: number;
	height: number;
	/** Messages the failed save would lose, and why it failed. */
	messages: number;
	reason: string;
	/** Set while one of the choices runs (the keys do nothing then). */
	busy: boolean;
	onRetry: () => void;
	onRecoveryFile: () => void;
	onDiscard: () => void;
}

const choices = ['quit.retry', 'quit.recoveryFile', 'quit.discard'] as const;

/** A choice's keys, then what it does, wrapped under itself so that no word is cut off in a narrow terminal. */
function choiceLines(action: KeyAction, text: string, inner: number): string[] {
	const label = `${keysLabel(action)}  `;
	const indent = textWidth(label);
	return wrapText(text, Math.max(10, inner - indent)).map((line, index) => (index === 0 ? label : ' '.repeat(indent)) + line);
}

/** Asked when a quit could not save: nothing unsaved is dropped without the user choosing so. */
export function QuitDialog({width, height, messages, reason, busy, onRetry, onRecoveryFile, onDiscard}: QuitDialogProps) {
	useInputLayer('overlay', {
		onKey(event) {
			if (busy) return true;
			switch (actionOf(choices, event)) {
				case 'quit.retry': {
					onRetry();
					break;
				}
				case 'quit.recoveryFile': {
					onRecoveryFile();
					break;
				}
				case 'quit.discard': {
					onDiscard();
					break;
				}
				case undefined: {
					break;
				}
			}
			return true;
		},
		onPaste: () => true,
	});
	const inner = Math.max(10, width - 4);
	const what = `${messages} ${messages === 1 ? 'message is' : 'messages are'} not saved: ${sanitize(reason)}.`;
	const lines = [
		...wrapText(what, inner),
		' ',
		...choiceLines('quit.retry', 'try to save again (after freeing space, for example)', inner),
		...choiceLines('quit.recoveryFile', 'write them to a recovery file and quit (the next start on this database merges it back)', inner),
		...choiceLines('quit.discard', 'quit without them', inner),
	];
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="double" borderColor={palette.error} paddingX={1}>
			<Text bold color={palette.error}>{busy ? 'Saving…' : 'Quit: your messages could not be saved'}</Text>
			{lines.map((line, index) => <Text key={index} wrap="truncate-end">{line}</Text>)}
		</Box>
	);
}
