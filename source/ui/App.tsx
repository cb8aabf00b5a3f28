import {useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Text, useApp, useStdout} from 'ink';
import type {SessionStore} from '../store/types.js';
import type {Start} from '../start.js';
import type {ChatModel} from '../llm/types.js';
import {chatReducer, createInitialState} from '../state/chat-state.js';
import type {ChatState} from '../state/chat-state.js';
import type {ChatTurns} from '../hooks/chat-turns.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {matches} from './keys.js';
import {graphemes, palette} from './text/index.js';
import {InputProvider, useInputLayer} from '../hooks/input-provider.js';
import {useQuit} from './use-quit.js';
import type {AppExit} from './use-quit.js';
import {QuitDialog} from './QuitDialog.js';
import {mouseReporting, useTerminalMode} from '../hooks/use-terminal-mode.js';
import {isTooSmall, minColumns, minRows} from './chat/layout.js';
import {ChatView} from './chat/ChatView.js';
import {parseCommand} from './chat/commands.js';
import {useSteering} from './chat/use-steering.js';
import {copyToTerminal} from './chat/copy-command.js';
import {exportSession} from './chat/export-session.js';
import {SessionPicker} from './picker/SessionPicker.js';

export interface AppProps {
	store: SessionStore;
	model: ChatModel;
	turns: ChatTurns;
	exit: AppExit;
	user: string;
	historyExchanges: number;
	initial: Start;
	/** --hide-thinking: a reasoning model's thinking shows as its one line only. */
	hideThinking?: boolean;
	/** Said when the app opens (recovery files merged at start), one line each. */
	notices?: readonly string[];
	/** What new sessions record as their system prompt (--system when given; null: the app's default). */
	newSessionSystemPrompt?: string | null;
}

function initialState({initial, notices = []}: Pick<AppProps, 'initial' | 'notices'>): ChatState {
	const state = createInitialState();
	const said = notices.join(' ');
	if (initial.kind === 'picker') return said === '' ? state : {...state, notice: said};
	const opened = chatReducer(state, {type: 'sessionOpened', session: initial.opened.session, messages: initial.opened.messages, resumed: initial.resumed});
	return said === '' ? opened : {...opened, notice: `${opened.notice ?? ''} · ${said}`};
}

/** The app with its one input pipeline. */
export function App(props: AppProps) {
	return (
		<InputProvider>
			<Screens {...props} />
		</InputProvider>
	);
}

function Screens({store, model, turns, exit, user, historyExchanges, initial, hideThinking, notices, newSessionSystemPrompt = null}: AppProps) {
	const {suspendTerminal} = useApp();
	const {stdout} = useStdout();
	const {columns, rows} = useTerminalSize();
	const [state, dispatch] = useReducer(chatReducer, {initial, notices}, initialState);
	const quitting = useQuit(exit);
	// The wheel scrolls the pane under the pointer; off gives the terminal's text selection back.
	const [mouse, setMouse] = useState(true);
	// Zoomed, the mouse selects text: the zoom is for copying by hand.
	useTerminalMode(mouseReporting, mouse && quitting.state.kind === 'running' && !state.zoomed);
	const stateRef = useRef(state);
	// Updated right after each commit, so a key handled before the next effects run sees it.
	useLayoutEffect(() => {
		stateRef.current = state;
	}, [state]);
	useLayoutEffect(() => turns.subscribe(dispatch), [turns]);
	// A failed save is said until a save works again (the store retries on its own).
	useEffect(() => store.onSaveStatus(error => {
		dispatch({type: 'saveStatusChanged', error: error?.message ?? null});
	}), [store]);
	const mouseRef = useRef(mouse);
	/** Turns the wheel on or off (undefined: the other way) and says what the mouse does now. */
	const switchMouse = useCallback((on?: boolean) => {
		const next = on ?? !mouseRef.current;
		mouseRef.current = next;
		setMouse(next);
		dispatch({type: 'noticeShown', text: next ? 'Mouse wheel on: it scrolls the pane under the pointer; Shift+drag selects text.' : 'Mouse wheel off: the mouse selects text again.'});
	}, []);

	/** An empty session the user walked away from is not worth keeping in the picker. */
	const dropIfEmpty = useCallback(() => {
		const {session, messages} = stateRef.current;
		if (session && messages.length === 0 && store.getSession(session.id)?.messages.length === 0) store.deleteSession(session.id);
	}, [store]);
	useEffect(() => {
		exit.setLeaving(dropIfEmpty);
		return () => {
			exit.setLeaving(undefined);
		};
	}, [exit, dropIfEmpty]);

	const queue = useMemo(() => ({takeLast: () => turns.takeLastQueued(), sendNext: () => turns.sendNext()}), [turns]);

	const leaveSession = useCallback(async () => {
		turns.clearQueue();
		await turns.settle();
		dropIfEmpty();
	}, [turns, dropIfEmpty]);

	const {quit} = quitting;

	const openSession = useCallback((id: string) => {
		const opened = store.getSession(id);
		if (!opened) {
			dispatch({type: 'pickerOpened', notice: 'That session no longer exists; it may have been deleted elsewhere.'});
			return;
		}
		dispatch({type: 'sessionOpened', session: opened.session, messages: opened.messages, resumed: true});
	}, [store]);

	const newSession = useCallback(() => {
		void (async () => {
			await leaveSession();
			const session = store.createSession(user, model.name, newSessionSystemPrompt);
			dispatch({type: 'sessionOpened', session, messages: [], resumed: false});
		})();
	}, [leaveSession, store, user, model, newSessionSystemPrompt]);

	const toPicker = useCallback(() => {
		void (async () => {
			await leaveSession();
			dispatch({type: 'pickerOpened'});
		})();
	}, [leaveSession]);

	const steering = useSteering({store, turns, stateRef, dispatch, leaveSession});
	const listModels = useCallback((signal: AbortSignal) => model.listModels(signal), [model]);
	const choosing = state.dialog?.kind === 'model';
	const recentModels = useMemo(() => (choosing ? store.recentModels(user, 10) : []), [choosing, store, user]);

	/** Acts on a submitted line; false keeps the text in the composer (nothing was done with it). */
	const submit = useCallback((text: string): boolean => {
		// An edited message or prompt is taken as written: no command words there.
		if (steering.submitEdit(text)) return true;
		const command = parseCommand(text);
		switch (command.kind) {
			case 'send': {
				const {session} = stateRef.current;
				if (!session) return false;
				if (turns.busy || stateRef.current.queued.length > 0) {
					// The queued lines under the conversation say what happens to it and how to take it back.
					turns.enqueue(session.id, command.text);
				} else {
					turns.send(session.id, command.text);
				}
				break;
			}
			case 'quit': {
				quit();
				break;
			}
			case 'new': {
				newSession();
				break;
			}
			case 'sessions': {
				toPicker();
				break;
			}
			case 'rename': {
				const {session} = stateRef.current;
				if (!session) break;
				dispatch({type: 'sessionRenamed', session: store.renameSession(session.id, command.name)});
				store.save().catch((error: unknown) => {
					dispatch({type: 'noticeShown', text: (error as Error).message});
				});
				break;
			}
			case 'clear': {
				dispatch({type: 'screenCleared'});
				break;
			}
			case 'help': {
				dispatch({type: 'helpToggled'});
				break;
			}
			case 'mouse': {
				switchMouse(command.on);
				break;
			}
			case 'retry': {
				steering.regenerate();
				break;
			}
			case 'edit': {
				steering.selectMessages();
				break;
			}
			case 'undo': {
				steering.askUndo();
				break;
			}
			case 'model': {
				if (command.name === undefined) dispatch({type: 'dialogOpened', dialog: {kind: 'model'}});
				else steering.setModel(command.name);
				break;
			}
			case 'system': {
				if (command.action === 'edit') steering.editSystemPrompt();
				else steering.setSystemPrompt(command.prompt);
				break;
			}
			case 'copy': {
				const {session} = stateRef.current;
				const opened = session && store.getSession(session.id);
				if (opened) dispatch({type: 'noticeShown', text: copyToTerminal(command, opened, stdout)});
				break;
			}
			case 'zoom': {
				dispatch({type: 'zoomToggled'});
				break;
			}
			case 'find': {
				dispatch({type: 'findOpened', query: command.text, cursor: graphemes(command.text).length, editing: command.text === ''});
				break;
			}
			case 'export': {
				const {session} = stateRef.current;
				if (session) {
					void exportSession(store, session.id, command).then(text => {
						dispatch({type: 'noticeShown', text});
					});
				}
				break;
			}
			case 'invalid': {
				dispatch({type: 'noticeShown', text: command.message});
				return false;
			}
		}
		return true;
	}, [turns, quit, newSession, toPicker, store, switchMouse, steering, stdout]);

	// Ctrl+C quits from anywhere, after the streaming reply (if any) is stopped and saved.
	useInputLayer('global', {
		onKey(event) {
			if (matches('quit', event)) {
				quit();
				return true;
			}
			if (matches('mouse', event)) {
				switchMouse();
				return true;
			}
			if (matches('redraw', event)) {
				// Ink clears the screen and draws the whole frame again after a suspension.
				void suspendTerminal(() => undefined);
				return true;
			}
			return false;
		},
	});

	if (isTooSmall(columns, rows)) {
		return (
			<Box width={columns} height={Math.max(1, rows - 1)} flexDirection="column">
				<Text color={palette.warning} wrap="wrap">{`Terminal too small (${columns}×${rows}). Make it at least ${minColumns}×${minRows}, or press Ctrl+C to quit.`}</Text>
			</Box>
		);
	}

	if (quitting.state.kind === 'saving') {
		return <Text dimColor>Saving and quitting…</Text>;
	}

	if (quitting.state.kind === 'unsaved') {
		return (
			<QuitDialog
				width={columns}
				height={rows - 1}
				messages={quitting.state.unsaved.messages}
				reason={quitting.state.unsaved.reason}
				busy={quitting.state.busy}
				onRetry={quitting.retry}
				onRecoveryFile={quitting.recoveryFile}
				onDiscard={quitting.discard}
			/>
		);
	}

	if (state.screen === 'picker' || !state.session) {
		return (
			<SessionPicker
				store={store}
				user={user}
				width={columns}
				height={rows - 1}
				modelLabel={model.label}
				notice={state.saveError ?? state.notice ?? undefined}
				onOpen={openSession}
				onNew={newSession}
				onQuit={quit}
			/>
		);
	}

	const opened = {session: state.session, messages: state.messages};
	return (
		<ChatView
			state={state}
			dispatch={dispatch}
			user={user}
			modelLabel={model.labelFor(turns.modelOf(state.session))}
			offline={model.offline}
			historyExchanges={historyExchanges}
			columns={columns}
			rows={rows}
			onSubmit={submit}
			onStop={() => {
				turns.stop();
			}}
			onNewSession={newSession}
			queue={queue}
			onSessions={toPicker}
			hideThinking={hideThinking}
			systemPrompt={turns.systemPromptOf(opened)}
			onRegenerate={steering.regenerate}
			onSelectMessages={steering.selectMessages}
			onFlip={steering.flip}
			models={{current: turns.modelOf(state.session), recent: recentModels, list: listModels}}
			onChooseModel={steering.setModel}
			onConfirm={steering.answerUndo}
		/>
	);
}
