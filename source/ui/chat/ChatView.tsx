import {useMemo, useState} from 'react';
import {Box} from 'ink';
import type {Dispatch} from 'react';
import type {ChatAction, ChatState} from '../../state/chat-state.js';
import {addUsage, sessionUsage} from '../../state/chat-state.js';
import {actionOf, matches} from '../keys.js';
import {useInputLayer} from '../../hooks/input-provider.js';
import {HelpOverlay} from '../HelpOverlay.js';
import {Composer} from '../composer/Composer.js';
import {useTicker} from '../../hooks/use-ticker.js';
import {chatLayout, composerMaxRows} from './layout.js';
import {Transcript, transcriptRows} from './Transcript.js';
import {HistoryPane, historyRows} from './HistoryPane.js';
import {StatusBar} from './StatusBar.js';
import type {ChatStatus} from './StatusBar.js';
import {innerWidth} from './Pane.js';
import {sanitize} from '../text/index.js';
import {clampOffset} from './line-view.js';
import {useTranscriptSource} from './use-transcript-source.js';
import {useHistorySource} from './history-source.js';
import {assertNever} from '../../assert-never.js';

export interface ChatViewProps {
	state: ChatState;
	dispatch: Dispatch<ChatAction>;
	user: string;
	modelLabel: string;
	offline: boolean;
	historyExchanges: number;
	columns: number;
	rows: number;
	/** A line the user submitted (already trimmed, not empty); false keeps it in the composer. */
	onSubmit: (text: string) => boolean;
	onStop: () => void;
	onNewSession: () => void;
	onSessions: () => void;
}

export function ChatView(props: ChatViewProps) {
	const {state, dispatch, user, modelLabel, offline, historyExchanges, columns, rows} = props;
	const {session, messages, streaming, focus, helpOpen} = state;
	const [composerLines, setComposerLines] = useState(1);
	const layout = chatLayout(columns, rows, state.narrowPane, composerLines);
	const tick = useTicker(streaming !== null, 250, streaming?.updatedAt);

	const transcriptWidth = innerWidth(layout.transcript.width);
	const historyWidth = innerWidth(layout.history.width);
	const transcriptSource = useTranscriptSource({user, modelLabel: offline ? 'offline model' : modelLabel, messages, clearedBefore: state.clearedBefore, streaming, tick}, transcriptWidth);
	const {source: historySource, windowSize} = useHistorySource(messages, streaming, historyExchanges, historyWidth);
	const usage = useMemo(() => sessionUsage(messages), [messages]);

	// Ids come from the database file, which may have been written by anything.
	const sessionId = sanitize(session?.id ?? '');
	const tRows = transcriptRows(layout.transcript.height, state.notice);
	const hRows = historyRows(sessionId, layout.history.width, layout.history.height);
	const showTranscript = layout.transcript.width > 0;
	const showHistory = layout.history.width > 0;

	const scrollHistory = (by: number) => {
		dispatch({type: 'historyScrolled', by, max: clampOffset(historySource, hRows, state.historyOffset + Math.max(0, by))});
	};
	const scrollTranscript = (by: number) => {
		dispatch({type: 'transcriptScrolled', by, max: clampOffset(transcriptSource, tRows, state.transcriptOffset + Math.max(0, by))});
	};

	const historyKeys = ['history.up', 'history.down', 'history.pageUp', 'history.pageDown', 'history.top', 'history.follow', 'history.back'] as const;
	const historyPage = Math.max(1, hRows - 1);
	useInputLayer('focus', {
		onKey(event) {
			const action = actionOf(historyKeys, event);
			switch (action) {
				case 'history.up': {
					scrollHistory(1);
					return true;
				}
				case 'history.down': {
					scrollHistory(-1);
					return true;
				}
				case 'history.pageUp': {
					scrollHistory(historyPage);
					return true;
				}
				case 'history.pageDown': {
					scrollHistory(-historyPage);
					return true;
				}
				case 'history.top': {
					scrollHistory(Number.MAX_SAFE_INTEGER);
					return true;
				}
				case 'history.follow': {
					dispatch({type: 'historyFollowed'});
					return true;
				}
				case 'history.back': {
					// While a reply streams, Esc stops it (the chat screen's binding).
					if (streaming) return false;
					dispatch({type: 'focusToggled'});
					return true;
				}
				case undefined: {
					return false;
				}
				default: {
					return assertNever(action);
				}
			}
		},
	}, focus === 'history' && !helpOpen);

	const chatKeys = ['chat.stop', 'chat.focus', 'chat.switchPane', 'chat.newSession', 'chat.sessions', 'chat.pageUp', 'chat.pageDown'] as const;
	const transcriptPage = Math.max(1, tRows - 1);
	useInputLayer('screen', {
		onKey(event) {
			const action = actionOf(chatKeys, event);
			switch (action) {
				case 'chat.stop': {
					if (streaming) props.onStop();
					return true;
				}
				case 'chat.focus': {
					dispatch({type: layout.mode === 'narrow' ? 'narrowPaneToggled' : 'focusToggled'});
					return true;
				}
				case 'chat.switchPane': {
					if (layout.mode === 'narrow') dispatch({type: 'narrowPaneToggled'});
					return true;
				}
				case 'chat.newSession': {
					props.onNewSession();
					return true;
				}
				case 'chat.sessions': {
					props.onSessions();
					return true;
				}
				case 'chat.pageUp': {
					scrollTranscript(transcriptPage);
					return true;
				}
				case 'chat.pageDown': {
					scrollTranscript(-transcriptPage);
					return true;
				}
				case undefined: {
					// '?' reaches here when the history pane has the focus.
					if (focus === 'history' && matches('composer.help', event)) {
						dispatch({type: 'helpToggled'});
						return true;
					}
					return false;
				}
				default: {
					return assertNever(action);
				}
			}
		},
	}, !helpOpen);

	const status: ChatStatus = streaming ? 'streaming' : state.lastError ? 'error' : 'idle';
	const paneHeight = layout.transcript.height || layout.history.height;
	const composerFocused = focus === 'composer' && !helpOpen;
	return (
		<Box flexDirection="column" width={columns} height={layout.frameRows}>
			{helpOpen
				? (
					<HelpOverlay
						width={columns}
						height={paneHeight}
						onClose={() => {
							dispatch({type: 'helpClosed'});
						}}
					/>
				)
				: (
					<Box height={paneHeight}>
						{showTranscript ? (
							<Transcript
								title={session?.title ? sanitize(session.title.replaceAll('\n', ' ')) : 'New session'}
								source={transcriptSource}
								notice={state.notice}
								width={layout.transcript.width}
								height={layout.transcript.height}
								offset={state.transcriptOffset}
								focused={focus === 'composer'}
							/>
						) : null}
						{showHistory ? (
							<HistoryPane
								sessionId={sessionId}
								source={historySource}
								width={layout.history.width}
								height={layout.history.height}
								offset={state.historyOffset}
								focused={focus === 'history'}
								windowSize={windowSize}
							/>
						) : null}
					</Box>
				)}
			<Composer
				user={user}
				width={columns}
				maxRows={composerMaxRows(rows)}
				focused={composerFocused}
				history={state.inputHistory}
				onSubmit={props.onSubmit}
				onHelp={() => {
					dispatch({type: 'helpToggled'});
				}}
				onHeightChange={setComposerLines}
			/>
			<StatusBar
				width={columns}
				modelLabel={modelLabel}
				offline={offline}
				sessionId={sessionId}
				user={user}
				status={status}
				usage={streaming?.usage ? addUsage(usage, streaming.usage) : usage}
				narrowPane={layout.mode === 'narrow' ? state.narrowPane : null}
				focus={focus}
			/>
		</Box>
	);
}
