import {Box, Text} from 'ink';
import {keysLabel} from '../keys.js';
import type {TokenUsage} from '../../store/types.js';
import {palette, sanitize, textWidth} from '../text/index.js';

export type ChatStatus = 'idle' | 'streaming' | 'error';

export interface StatusBarProps {
	width: number;
	modelLabel: string;
	offline: boolean;
	sessionId: string;
	user: string;
	status: ChatStatus;
	usage: TokenUsage | null;
	/** In a narrow terminal: which pane shows. */
	narrowPane: 'chat' | 'history' | null;
	focus: 'composer' | 'history';
}

const statusColor = {idle: palette.good, streaming: palette.warning, error: palette.error} as const;

function formatTokens(count: number): string {
	return count >= 10_000 ? `${(count / 1000).toFixed(1)}k` : String(count);
}

/** Adds parts in priority order while they fit; shows them in their natural order. */
function fitParts(parts: ReadonlyArray<{text: string; priority: number}>, room: number, separator: string): string {
	const chosen = new Set<number>();
	let used = 0;
	const order = parts.map((part, index) => ({...part, index})).sort((a, b) => a.priority - b.priority);
	for (const part of order) {
		const cost = textWidth(part.text) + (chosen.size > 0 ? textWidth(separator) : 0);
		if (used + cost > room) continue;
		chosen.add(part.index);
		used += cost;
	}
	return parts.filter((_, index) => chosen.has(index)).map(part => part.text).join(separator);
}

/** One row: what the app is talking to and its state first; hints fill whatever room is left. */
export function StatusBar({width, modelLabel, offline, sessionId, user, status, usage, narrowPane, focus}: StatusBarProps) {
	const state = `● ${status}`;
	const switchKey = keysLabel('chat.switchPane');
	const pane = narrowPane === null ? undefined : narrowPane === 'chat' ? `chat · ${switchKey} history` : `history · ${switchKey} chat`;
	const info = fitParts([
		{text: offline ? 'offline model' : sanitize(modelLabel), priority: 0},
		{text: `session ${sessionId.slice(0, 8)}`, priority: 3},
		{text: sanitize(user), priority: 4},
		...(usage ? [{text: `tokens ${formatTokens(usage.promptTokens)}↑ ${formatTokens(usage.completionTokens)}↓`, priority: 5}] : []),
		...(pane ? [{text: pane, priority: 1}] : []),
	], width - textWidth(state) - 1, ' │ ');
	const hints = fitParts([
		...(status === 'streaming' ? [{text: `${keysLabel('chat.stop')} stop`, priority: 0}] : []),
		...(status === 'error' ? [{text: `${keysLabel('chat.regenerate')} retry`, priority: 0}] : []),
		{text: `${keysLabel('chat.focus')} ${focus === 'history' ? 'input' : 'history'}`, priority: 2},
		{text: `${keysLabel('chat.sessions')} sessions`, priority: 3},
		{text: `${keysLabel('composer.help')} help`, priority: 1},
		{text: `${keysLabel('quit')} quit`, priority: 4},
	], width - textWidth(state) - textWidth(info) - 3, ' · ');
	return (
		<Box width={width} height={1}>
			<Box flexShrink={0}><Text color={statusColor[status]}>{state}</Text></Box>
			<Text wrap="truncate-end">{` ${info}`}</Text>
			{hints === '' ? null : <Text dimColor wrap="truncate-end">{`  ${hints}`}</Text>}
		</Box>
	);
}
