import {Text} from 'ink';
import {useInputLayer} from '../../hooks/input-provider.js';
import {firstKeyLabel, matches} from '../keys.js';
import {palette, sanitize, truncateEnd} from '../text/index.js';

export interface ConfirmLineProps {
	/** The question, without the keys (they are added from the key table). */
	question: string;
	width: number;
	onAnswer: (yes: boolean) => void;
}

/** A yes/no question on one row over the input line: it takes every key (Ctrl+C excepted) until answered; only y is yes. */
export function ConfirmLine({question, width, onAnswer}: ConfirmLineProps) {
	useInputLayer('overlay', {
		onKey(event) {
			if (matches('quit', event)) return false;
			// The wheel is not an answer.
			if (event.mouse) return true;
			onAnswer(matches('chat.confirm', event));
			return true;
		},
		onPaste: () => true,
	});
	const keys = `${firstKeyLabel('chat.confirm')}/n`;
	return <Text color={palette.warning} bold wrap="truncate-end">{truncateEnd(`${sanitize(question)} ${keys}`, width)}</Text>;
}
