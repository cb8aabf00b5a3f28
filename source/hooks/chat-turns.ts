/**
 * The chat turns of the app: save the user's message, stream the reply, stop it, settle it. One object
 * for the whole run, owned by the process rather than by React, so every way out (quit, signals,
 * crashes) can stop the reply, keep what arrived and wait for it to be saved — also after the UI is gone.
 */

import type {ChatModel} from '../llm/types.js';
import type {MessageStatus, SessionStore, SessionSummary, StoredMessage, TokenUsage} from '../store/types.js';
import type {ChatAction} from '../state/chat-state.js';
import {finishNotice} from '../llm/finish-reason.js';
import {buildRequest} from '../llm/history.js';
import {storedSystemPrompt} from '../store/index.js';
import {ReplyBatch} from './reply-batch.js';

/**
 * Streamed text is dispatched at most this often, never once per token: each dispatch is a frame
 * (layout and render of the whole screen), and 10 a second keep text visibly flowing.
 */
export const frameMs = 100;

export interface ChatTurnsOptions {
	store: SessionStore;
	model: ChatModel;
	systemPrompt: string;
	historyExchanges: number;
}

interface Outcome {
	status: MessageStatus;
	error: string | null;
	usage: TokenUsage | null;
	/** A complete reply that did not end naturally (token limit, content filter): one sentence for the notice line. */
	notice: string | undefined;
}

type Listener = (action: ChatAction) => void;

/** A session and its messages, as the store or the screen holds them. */
export interface OpenedSession {
	session: SessionSummary;
	messages: readonly StoredMessage[];
}

/** The system prompt a session's requests send: its own (/system), else the one an Agno session kept, else the app's (--system). */
export function requestSystemPrompt(opened: OpenedSession, appDefault: string): string {
	return opened.session.systemPrompt ?? storedSystemPrompt(opened.messages) ?? appDefault;
}

export class ChatTurns {
	readonly #options: ChatTurnsOptions;
	readonly #listeners = new Set<Listener>();
	#controller: AbortController | undefined;
	#running: Promise<void> | undefined;
	/** From send until the reply is stored (its save may still run: settle waits for that too). */
	#busy = false;
	#disposed = false;
	/** Messages typed while a reply streams: the next is sent when a reply ends complete (a stop or a failure holds them). */
	#queue: Array<{sessionId: string; text: string}> = [];

	constructor(options: ChatTurnsOptions) {
		this.#options = options;
	}

	/** The system prompt the session's next request sends. */
	systemPromptOf(opened: OpenedSession): string {
		return requestSystemPrompt(opened, this.#options.systemPrompt);
	}

	/** Whether a reply is being streamed (a new message cannot be sent yet). */
	get busy(): boolean {
		return this.#busy;
	}

	/** Hears every action the turns produce (the UI's reducer); returns the unsubscribe. */
	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/**
	 * Stores the user message, then streams the reply into the store and to the listeners. Returns false
	 * (and does nothing) while a reply is streaming or after dispose.
	 */
	send(sessionId: string, text: string): boolean {
		if (this.#busy || this.#disposed) return false;
		this.#busy = true;
		const controller = new AbortController();
		this.#controller = controller;
		const added = this.#options.store.appendMessage(sessionId, {role: 'user', content: text, status: 'complete'});
		this.#emit({type: 'userMessageAdded', ...added});
		this.#emit({type: 'streamStarted', at: Date.now()});
		const running = this.#run(sessionId, text, controller).finally(() => {
			// A newer reply may have started while this one was saving: leave its state alone.
			if (this.#running !== running) return;
			this.#running = undefined;
			this.#controller = undefined;
			this.#busy = false;
		});
		this.#running = running;
		return true;
	}

	/** Queues a message to send when the reply ends; at once when nothing streams. */
	enqueue(sessionId: string, text: string): void {
		if (this.#disposed) return;
		this.#queue.push({sessionId, text});
		this.#queueChanged();
		if (!this.#busy) this.sendNext();
	}

	/** Takes the last queued message back (to edit it); undefined when the queue is empty. */
	takeLastQueued(): string | undefined {
		const last = this.#queue.pop();
		if (last) this.#queueChanged();
		return last?.text;
	}

	/** Sends the first queued message, if any and nothing streams; false when nothing was sent. */
	sendNext(): boolean {
		const next = this.#queue[0];
		if (!next || this.#busy || this.#disposed) return false;
		this.#queue.shift();
		this.#queueChanged();
		return this.send(next.sessionId, next.text);
	}

	/** Forgets the queue (the user left its session). */
	clearQueue(): void {
		if (this.#queue.length === 0) return;
		this.#queue = [];
		this.#queueChanged();
	}

	/** Stops the streaming reply; what arrived is kept and stored as stopped. */
	stop(): void {
		this.#controller?.abort();
	}

	/** Resolves once the current reply (if any) has ended and is stored and saved (or its save failed: the store keeps it). */
	async idle(): Promise<void> {
		await this.#running;
	}

	/** Stops any reply, then waits as `idle` does. */
	async settle(): Promise<void> {
		this.stop();
		await this.idle();
	}

	/** Settles, then refuses new turns and stops telling listeners anything. */
	async dispose(): Promise<void> {
		this.#disposed = true;
		this.#queue = [];
		await this.settle();
		this.#listeners.clear();
	}

	#queueChanged(): void {
		this.#emit({type: 'queueChanged', queued: this.#queue.map(entry => entry.text)});
	}

	#emit(action: ChatAction): void {
		for (const listener of this.#listeners) listener(action);
	}

	async #saveOrWarn(): Promise<void> {
		try {
			await this.#options.store.save();
		} catch (error) {
			this.#emit({type: 'noticeShown', text: `${(error as Error).message} Your messages are kept in memory and saved with the next change.`});
		}
	}

	async #run(sessionId: string, text: string, controller: AbortController): Promise<void> {
		const {store, model, historyExchanges} = this.#options;
		// The store is the truth: it holds every message, including the one just added (which the window leaves out).
		const opened = store.getSession(sessionId);
		const stored = opened?.messages ?? [];
		const prompt = opened ? this.systemPromptOf(opened) : this.#options.systemPrompt;
		const {messages} = buildRequest(stored, text, {systemPrompt: prompt, exchanges: historyExchanges});
		// The user's message is on disk before anything is sent.
		await this.#saveOrWarn();

		const batch = new ReplyBatch();
		let timer: NodeJS.Timeout | undefined;
		const flush = () => {
			timer = undefined;
			for (const action of batch.take()) this.#emit(action);
		};

		const outcome: Outcome = {status: 'complete', error: null, usage: null, notice: undefined};
		try {
			for await (const event of model.stream(messages, controller.signal)) {
				switch (event.type) {
					case 'delta':
					case 'reasoning': {
						batch.add(event, Date.now());
						timer ??= setTimeout(flush, frameMs);
						break;
					}
					case 'usage': {
						outcome.usage = event.usage;
						this.#emit({type: 'streamUsage', usage: event.usage});
						break;
					}
					case 'finished': {
						outcome.notice = finishNotice(event.reason);
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

		const {notice, ...result} = outcome;
		const reply = store.appendMessage(sessionId, {role: 'assistant', ...batch.reply(Date.now()), ...result});
		this.#emit({type: 'streamEnded', ...reply});
		if (notice !== undefined) this.#emit({type: 'noticeShown', text: notice});
		// The next message may be sent now; settle() still waits for this save.
		this.#busy = false;
		await this.#saveOrWarn();
		if (this.#queue.length === 0) return;
		if (outcome.status === 'complete') {
			// The queued turn is a turn of its own: this one is done (and idle() must not wait for the next).
			queueMicrotask(() => this.sendNext());
		} else {
			this.#emit({type: 'noticeShown', text: `${this.#queue.length === 1 ? 'A message waits' : `${this.#queue.length} messages wait`} in the queue: Enter sends the next, ↑ edits the last, Esc drops the last.`});
		}
	}
}
