import {useMemo, useState} from 'react';
import {Box} from 'ink';
import type {Dispatch} from 'react';
import type {ChatAction, ChatState} from '../../state/chat-state.js';
import {addUsage, sessionUsage} from '../../state/chat-state.js';
import {keyLabel} from '../keys.js';
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
import {useChatKeys} from './use-chat-keys.js';
import type {ChatQueue} from './use-chat-keys.js';
import {useTranscriptSource} from './use-transcript-source.js';
import {useHistorySource} from './history-source.js';
import {useThinkingToggle} from './thinking-toggle.js';
import {ZoomView, zoomRows, zoomWidth} from './ZoomView.js';
import {findBarLine} from './find-bar.js';
import {useFind} from './use-find.js';
import {useReadingKeys} from './use-reading-keys.js';

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
	queue: ChatQueue;
	/** --hide-thinking: a reasoning model's thinking shows as its one line only. */
	hideThinking?: boolean;
	/** The system prompt the next request sends (the JSON pane shows it first). */
	systemPrompt: string;
}

export function ChatView(props: ChatViewProps) {
	const {state, dispatch, user, modelLabel, offline, historyExchanges, columns, rows} = props;
	const {session, messages, streaming, focus, helpOpen} = state;
	const [composerLines, setComposerLines] = useState(1);
	const [composerEmpty, setComposerEmpty] = useState(true);
	const layout = chatLayout(columns, rows, state.narrowPane, composerLines);
	const tick = useTicker(streaming !== null, 250, streaming?.updatedAt);

	// Zoomed, the transcript has the whole width and no border.
	const zoomed = state.zoomed && !helpOpen;
	const transcriptWidth = zoomed ? zoomWidth(columns) : innerWidth(layout.transcript.width);
	const historyWidth = innerWidth(layout.history.width);
	const transcriptSource = useTranscriptSource({user, modelLabel: offline ? 'offline model' : modelLabel, messages, clearedBefore: state.clearedBefore, streaming, queued: state.queued, tick, thinkingExpanded: state.thinkingExpanded, hideThinking: props.hideThinking ?? false}, transcriptWidth);
	const {source: historySource, windowSize} = useHistorySource(messages, streaming, historyExchanges, historyWidth, props.systemPrompt);
	const usage = useMemo(() => sessionUsage(messages), [messages]);

	// Ids come from the database file, which may have been written by anything.
	const sessionId = sanitize(session?.id ?? '');
	// The find bar takes the notice's place: one row.
	const paneRows = state.find ? transcriptRows(layout.transcript.height, layout.transcript.width, null) - 1 : transcriptRows(layout.transcript.height, layout.transcript.width, state.notice);
	const tRows = zoomed ? zoomRows(layout.frameRows) : paneRows;
	const found = useFind({find: state.find, source: transcriptSource, rows: tRows, offset: state.transcriptOffset, dispatch});
	const findBar = state.find ? findBarLine(state.find, found.matches.length, found.current, transcriptWidth) : undefined;
	useReadingKeys({state, dispatch, transcript: {source: transcriptSource, rows: tRows}, found, active: !helpOpen});
	const hRows = historyRows(sessionId, layout.history.width, layout.history.height);
	const showTranscript = layout.transcript.width > 0;
	const showHistory = layout.history.width > 0;
	const toggleThinking = useThinkingToggle({dispatch, source: transcriptSource, rows: tRows, offset: state.transcriptOffset, expanded: state.thinkingExpanded});

	useChatKeys({
		state,
		dispatch,
		layout,
		transcript: {source: transcriptSource, rows: tRows},
		history: {source: historySource, rows: hRows},
		onStop: props.onStop,
		onNewSession: props.onNewSession,
		onSessions: props.onSessions,
		queue: props.queue,
		onToggleThinking: toggleThinking,
	});

	const status: ChatStatus = streaming ? 'streaming' : state.lastError ? 'error' : 'idle';
	const paneHeight = layout.transcript.height || layout.history.height;
	const composerFocused = focus === 'composer' && !helpOpen && !zoomed && state.find === null;
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
				: zoomed ? (
					<ZoomView
						source={found.source}
						width={columns}
						height={layout.frameRows}
						offset={state.transcriptOffset}
						findBar={findBar}
						endKey={keyLabel('end')}
					/>
				) : (
					<Box height={paneHeight}>
						{showTranscript ? (
							<Transcript
								title={session?.title ? sanitize(session.title.replaceAll('\n', ' ')) : 'New session'}
								source={found.source}
								notice={state.notice}
								findBar={findBar}
								width={layout.transcript.width}
								height={layout.transcript.height}
								offset={state.transcriptOffset}
								focused={focus === 'composer'}
								endKey={keyLabel(composerEmpty ? 'end' : 'ctrl+end')}
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
			{/* Hidden while zoomed, not unmounted: the text being typed stays. */}
			<Box flexDirection="column" display={zoomed ? 'none' : 'flex'}>
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
					onEmptyChange={setComposerEmpty}
					onRecallQueued={props.queue.takeLast}
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
		</Box>
	);
}
