import {useCallback, useEffect, useLayoutEffect, useMemo, useRef} from 'react';
import type {Dispatch} from 'react';
import type {ChatModel} from '../llm/types.js';
import type {SessionStore, MessageStatus, TokenUsage} from '../store/types.js';
import type {ChatAction, ChatState} from '../state/chat-state.js';
import {buildRequest} from '../llm/history.js';

/**
 * Streamed text is dispatched at most this often, never once per token. Ink 6 lays out and
 * rebuilds the whole screen for every frame (≈ 7–10 ms of CPU at 160×48), so 10 updates a
 * second keep a streaming reply near a tenth of a core; text still visibly flows.
 */
export const frameMs = 100;

export interface ChatStreamOptions {
	store: SessionStore;
	model: ChatModel;
	systemPrompt: string;
	historyExchanges: number;
	state: ChatState;
	dispatch: Dispatch<ChatAction>;
}

export interface ChatStream {
	/** Saves the user message, then streams the reply. Returns false (and does nothing) while a reply is streaming. */
	send: (text: string) => boolean;
	/** Stops the streaming reply; the partial text is kept and saved as stopped. */
	stop: () => void;
	/** Stops any reply and resolves once it is saved: call before leaving the session or quitting. */
	settle: () => Promise<void>;
}

interface Outcome {
	status: MessageStatus;
	error: string | null;
	usage: TokenUsage | null;
}

export function useChatStream({store, model, systemPrompt, historyExchanges, state, dispatch}: ChatStreamOptions): ChatStream {
	// The latest state for callbacks that outlive a render (send runs from a key handler).
	const stateRef = useRef(state);
	// Updated right after each commit, so a key handled before the next effects run sees it.
	useLayoutEffect(() => {
		stateRef.current = state;
	}, [state]);
	const controllerRef = useRef<AbortController | null>(null);
	const runningRef = useRef<Promise<void> | null>(null);
	const busyRef = useRef(false);

	const saveOrWarn = useCallback(async () => {
		try {
			await store.save();
		} catch (error) {
			dispatch({type: 'noticeShown', text: `${(error as Error).message} Your messages are kept in memory and saved with the next change.`});
		}
	}, [store, dispatch]);

	const run = useCallback(async (sessionId: string, text: string, controller: AbortController) => {
		// The store is the truth: it holds every message, including the one just added (which the window leaves out).
		const opened = store.getSession(sessionId);
		const {messages} = buildRequest(opened?.messages ?? [], text, {systemPrompt: opened?.session.systemPrompt ?? systemPrompt, exchanges: historyExchanges});
		// The user's message is on disk before anything is sent.
		await saveOrWarn();

		let full = '';
		let pending = '';
		let timer: NodeJS.Timeout | undefined;
		const flush = () => {
			timer = undefined;
			if (pending === '') return;
			dispatch({type: 'streamDelta', text: pending, at: Date.now()});
			pending = '';
		};

		const outcome: Outcome = {status: 'complete', error: null, usage: null};
		try {
			for await (const event of model.stream(messages, controller.signal)) {
				switch (event.type) {
					case 'delta': {
						full += event.text;
						pending += event.text;
						timer ??= setTimeout(flush, frameMs);
						break;
					}
					case 'usage': {
						outcome.usage = event.usage;
						dispatch({type: 'streamUsage', usage: event.usage});
						break;
					}
					case 'finished': {
						break;
					}
					case 'stopped': {
						outcome.status = 'stopped';
						break;
					}
					case 'failed': {
						outcome.status = 'error';
						outcome.error = event.error.message;
						break;
					}
				}
			}
		} catch (error) {
			// ChatModel implementations report failures as events; this is a last resort so a reply never hangs.
			outcome.status = controller.signal.aborted ? 'stopped' : 'error';
			outcome.error = outcome.status === 'error' ? `The reply failed: ${(error as Error).message}` : null;
		} finally {
			clearTimeout(timer);
			flush();
		}

		const reply = store.appendMessage(sessionId, {role: 'assistant', content: full, ...outcome});
		dispatch({type: 'streamEnded', ...reply});
		// The next message may be sent now; settle() still waits for this save.
		busyRef.current = false;
		await saveOrWarn();
	}, [store, model, systemPrompt, historyExchanges, dispatch, saveOrWarn]);

	const send = useCallback((text: string): boolean => {
		const {session} = stateRef.current;
		if (!session || busyRef.current) return false;
		busyRef.current = true;
		const controller = new AbortController();
		controllerRef.current = controller;
		const added = store.appendMessage(session.id, {role: 'user', content: text, status: 'complete'});
		dispatch({type: 'userMessageAdded', ...added});
		dispatch({type: 'streamStarted', at: Date.now()});
		const running = run(session.id, text, controller).finally(() => {
			// A newer reply may have started while this one was saving: leave its state alone.
			if (runningRef.current !== running) return;
			runningRef.current = null;
			controllerRef.current = null;
			busyRef.current = false;
		});
		runningRef.current = running;
		return true;
	}, [store, dispatch, run]);

	const stop = useCallback(() => {
		controllerRef.current?.abort();
	}, []);

	const settle = useCallback(async () => {
		controllerRef.current?.abort();
		// A reply that just ended may still be saving.
		await runningRef.current;
		await saveOrWarn();
	}, [saveOrWarn]);

	// Leaving the chat view (unmount) must not leave a request running.
	useEffect(() => () => controllerRef.current?.abort(), []);

	// One object per set of callbacks, so the app's own callbacks built on it stay stable.
	return useMemo(() => ({send, stop, settle}), [send, stop, settle]);
}
