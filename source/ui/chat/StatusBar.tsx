import React from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {TokenUsage} from '../../store/types.js';
import {sanitize} from '../text/index.js';

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

const statusColor = {idle: 'green', streaming: 'yellow', error: 'red'} as const;

function formatTokens(count: number): string {
	return count >= 10_000 ? `${(count / 1000).toFixed(1)}k` : String(count);
}

/** One row: what the app is talking to, and how; hints fill whatever room is left. */
export function StatusBar({width, modelLabel, offline, sessionId, user, status, usage, narrowPane, focus}: StatusBarProps) {
	const parts = [
		offline ? 'offline model' : sanitize(modelLabel),
		`session ${sessionId.slice(0, 8)}`,
		sanitize(user),
	];
	if (usage) parts.push(`tokens ${formatTokens(usage.promptTokens)}↑ ${formatTokens(usage.completionTokens)}↓`);
	if (narrowPane) parts.push(narrowPane === 'chat' ? 'showing chat (Ctrl+T: history)' : 'showing history (Ctrl+T: chat)');
	const left = parts.join(' │ ');
	const state = `● ${status}`;
	const hints = [
		status === 'streaming' ? 'Esc stop' : undefined,
		focus === 'history' ? 'Tab back to input' : 'Tab history',
		'Ctrl+O sessions',
		'F1 help',
		'Ctrl+C quit',
	].filter(Boolean).join(' · ');
	const used = stringWidth(left) + stringWidth(state) + 3;
	const room = width - used;
	return (
		<Box width={width} height={1}>
			<Text color={statusColor[status]}>{state}</Text>
			<Text wrap="truncate-end">{` ${left}`}</Text>
			{room > 8 ? <Text dimColor wrap="truncate-end">{`  ${hints}`}</Text> : null}
		</Box>
	);
}
