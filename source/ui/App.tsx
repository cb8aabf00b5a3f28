import {useCallback, useLayoutEffect, useReducer, useRef, useState} from 'react';
import {Box, Text, useApp, useInput} from 'ink';
import type {SessionStore} from '../store/types.js';
import type {Start} from '../start.js';
import type {ChatModel} from '../llm/types.js';
import {chatReducer, createInitialState} from '../state/chat-state.js';
import type {ChatState} from '../state/chat-state.js';
import {useChatStream} from '../hooks/use-chat-stream.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {isKey} from './keys.js';
import {isTooSmall, minColumns, minRows} from './chat/layout.js';
import {ChatView} from './chat/ChatView.js';
import {parseCommand} from './chat/commands.js';
import {SessionPicker} from './picker/SessionPicker.js';


export interface AppProps {
	store: SessionStore;
	model: ChatModel;
	user: string;
	systemPrompt: string;
	historyExchanges: number;
	initial: Start;
}

function initialState(initial: Start): ChatState {
	const state = createInitialState();
	if (initial.kind === 'picker') return state;
	return chatReducer(state, {type: 'sessionOpened', session: initial.opened.session, messages: initial.opened.messages, resumed: initial.resumed});
}

export function App({store, model, user, systemPrompt, historyExchanges, initial}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const [state, dispatch] = useReducer(chatReducer, initial, initialState);
	const [quitting, setQuitting] = useState(false);
	const stream = useChatStream({store, model, systemPrompt, historyExchanges, state, dispatch});
	const stateRef = useRef(state);
	// Updated right after each commit, so a key handled before the next effects run sees it.
	useLayoutEffect(() => {
		stateRef.current = state;
	}, [state]);

	/** An empty session the user walked away from is not worth keeping in the picker. */
	const leaveSession = useCallback(async () => {
		await stream.settle();
		const {session, messages} = stateRef.current;
		if (session && messages.length === 0 && store.getSession(session.id)?.messages.length === 0) store.deleteSession(session.id);
	}, [stream, store]);

	const quit = useCallback(() => {
		if (quitting) return;
		setQuitting(true);
		void (async () => {
			let failure: Error | undefined;
			try {
				await leaveSession();
				await store.close();
			} catch (error) {
				failure = error as Error;
			}
			exit(failure);
		})();
	}, [quitting, leaveSession, store, exit]);

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
			const session = store.createSession(user, model.name);
			dispatch({type: 'sessionOpened', session, messages: [], resumed: false});
		})();
	}, [leaveSession, store, user, model]);

	const toPicker = useCallback(() => {
		void (async () => {
			await leaveSession();
			dispatch({type: 'pickerOpened'});
		})();
	}, [leaveSession]);

	/** Acts on a submitted line; false keeps the text in the composer (nothing was done with it). */
	const submit = useCallback((text: string): boolean => {
		const command = parseCommand(text);
		switch (command.kind) {
			case 'send': {
				if (stream.send(command.text)) break;
				dispatch({type: 'noticeShown', text: 'A reply is still streaming: press Esc to stop it, or wait for it to finish.'});
				return false;
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
			case 'invalid': {
				dispatch({type: 'noticeShown', text: command.message});
				return false;
			}
		}
		return true;
	}, [stream, quit, newSession, toPicker, store]);

	// Ctrl+C quits from anywhere, after the streaming reply (if any) is stopped and saved.
	useInput((input, key) => {
		if (isKey('quit', input, key)) quit();
	});

	if (isTooSmall(columns, rows)) {
		return (
			<Box width={columns} height={Math.max(1, rows - 1)} flexDirection="column">
				<Text color="yellow" wrap="wrap">{`Terminal too small (${columns}×${rows}). Make it at least ${minColumns}×${minRows}, or press Ctrl+C to quit.`}</Text>
			</Box>
		);
	}

	if (quitting) {
		return <Text dimColor>Saving and quitting…</Text>;
	}

	if (state.screen === 'picker' || !state.session) {
		return (
			<SessionPicker
				store={store}
				user={user}
				width={columns}
				height={rows - 1}
				modelLabel={model.label}
				notice={state.notice ?? undefined}
				onOpen={openSession}
				onNew={newSession}
				onQuit={quit}
			/>
		);
	}

	return (
		<ChatView
			state={state}
			dispatch={dispatch}
			user={user}
			modelLabel={model.label}
			offline={model.offline}
			historyExchanges={historyExchanges}
			columns={columns}
			rows={rows}
			onSubmit={submit}
			onStop={stream.stop}
			onNewSession={newSession}
			onSessions={toPicker}
		/>
	);
}
