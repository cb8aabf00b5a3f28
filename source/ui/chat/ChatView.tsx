import {useMemo, useState} from 'react';
import {Box} from 'ink';
import type {Dispatch} from 'react';
import type {ChatAction, ChatState} from '../../state/chat-state.js';
import {addUsage, sessionUsage} from '../../state/chat-state.js';
import {keyLabel} from '../keys.js';
import type {ModelList} from '../../llm/types.js';
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
import {useMessageCursor} from './use-message-cursor.js';
import {ModelChooser} from './ModelChooser.js';
import {ConfirmLine} from './ConfirmLine.js';
import {modeLine} from './mode-line.js';
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
	onRegenerate: () => void;
	/** Starts the message cursor; false when it could not (a reply streams). */
	onSelectMessages: () => boolean;
	onFlip: (replyId: number, direction: -1 | 1) => void;
	/** For /model's chooser. */
	models: ModelChoices;
	onChooseModel: (model: string) => void;
	/** The answer to the open yes/no question (/undo). */
	onConfirm: (yes: boolean) => void;
}

export interface ModelChoices {
	/** The model the session's next request asks for. */
	current: string;
	recent: readonly string[];
	list: (signal: AbortSignal) => Promise<ModelList>;
}

export function ChatView(props: ChatViewProps) {
	const {state, dispatch, user, modelLabel, offline, historyExchanges, columns, rows} = props;
	const {session, messages, streaming, focus, helpOpen, dialog} = state;
	const [composerLines, setComposerLines] = useState(1);
	const [composerEmpty, setComposerEmpty] = useState(true);
	const confirm = dialog?.kind === 'confirmUndo' ? dialog : undefined;
	const layout = chatLayout(columns, rows, state.narrowPane, composerLines + (confirm ? 1 : 0));
	const tick = useTicker(streaming !== null, 250, streaming?.updatedAt);

	// Zoomed, the transcript has the whole width and no border.
	const zoomed = state.zoomed && !helpOpen;
	const transcriptWidth = zoomed ? zoomWidth(columns) : innerWidth(layout.transcript.width);
	const historyWidth = innerWidth(layout.history.width);
	const transcriptSource = useTranscriptSource({user, modelLabel: offline ? 'offline model' : modelLabel, messages, clearedBefore: state.clearedBefore, streaming, queued: state.queued, cursor: state.cursor, tick, thinkingExpanded: state.thinkingExpanded, hideThinking: props.hideThinking ?? false}, transcriptWidth);
	const {source: historySource, windowSize} = useHistorySource(messages, streaming, historyExchanges, historyWidth, props.systemPrompt);
	// A failed save first; else the keys of the mode, unless something was said since it began.
	const notice = state.saveError ?? state.notice ?? modeLine(state);
	const usage = useMemo(() => sessionUsage(messages), [messages]);

	// Ids come from the database file, which may have been written by anything.
	const sessionId = sanitize(session?.id ?? '');
	// The find bar takes the notice's place: one row.
	const paneRows = transcriptRows(layout.transcript.height, layout.transcript.width, state.find ? null : notice) - (state.find ? 1 : 0);
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
		composerEmpty,
		onStop: props.onStop,
		onRegenerate: props.onRegenerate,
		onSelectMessages: props.onSelectMessages,
		onFlip: props.onFlip,
		onNewSession: props.onNewSession,
		onSessions: props.onSessions,
		queue: props.queue,
		onToggleThinking: toggleThinking,
	});
	useMessageCursor({state, dispatch, transcript: {source: transcriptSource, rows: tRows}, onFlip: props.onFlip});

	const status: ChatStatus = streaming ? 'streaming' : state.lastError ? 'error' : 'idle';
	const paneHeight = layout.transcript.height || layout.history.height;
	const composerFocused = focus === 'composer' && !helpOpen && !zoomed && state.find === null && state.cursor === null && dialog === null;
	const maxComposerRows = Math.max(1, composerMaxRows(rows) - (confirm ? 1 : 0));
	let panes;
	if (dialog?.kind === 'model' && !helpOpen) {
		panes = (
			<ModelChooser
				width={columns}
				height={paneHeight}
				current={props.models.current}
				recent={props.models.recent}
				listModels={props.models.list}
				onChoose={props.onChooseModel}
				onCancel={() => {
					dispatch({type: 'dialogClosed'});
				}}
			/>
		);
	} else if (helpOpen) {
		panes = (
			<HelpOverlay
				width={columns}
				height={paneHeight}
				onClose={() => {
					dispatch({type: 'helpClosed'});
				}}
			/>
		);
	} else if (zoomed) {
		panes = <ZoomView source={found.source} width={columns} height={layout.frameRows} offset={state.transcriptOffset} findBar={findBar} endKey={keyLabel('end')} />;
	} else {
		panes = (
			<Box height={paneHeight}>
				{showTranscript ? (
					<Transcript
						title={session?.title ? sanitize(session.title.replaceAll('\n', ' ')) : 'New session'}
						source={found.source}
						notice={notice}
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
		);
	}
	return (
		<Box flexDirection="column" width={columns} height={layout.frameRows}>
			{panes}
			{/* Hidden while zoomed, not unmounted: the text being typed stays. */}
			<Box flexDirection="column" display={zoomed ? 'none' : 'flex'}>
				{confirm ? <ConfirmLine question={confirm.question} width={columns} onAnswer={props.onConfirm} /> : null}
				<Composer
					user={user}
					width={columns}
					maxRows={maxComposerRows}
					focused={composerFocused}
					history={state.inputHistory}
					onSubmit={props.onSubmit}
					onHelp={() => {
						dispatch({type: 'helpToggled'});
					}}
					onHeightChange={setComposerLines}
					onEmptyChange={setComposerEmpty}
					onRecallQueued={props.queue.takeLast}
					draft={state.draft}
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
