/**
 * The chat turns of the app: save the user's message, stream the reply, stop it, settle it. One object
 * for the whole run, owned by the process rather than by React, so every way out (quit, signals,
 * crashes) can stop the reply, keep what arrived and wait for it to be saved — also after the UI is gone.
 */

import type {ChatModel} from '../llm/types.js';
import type {SessionStore, SessionSummary, StoredMessage} from '../store/types.js';
import type {ChatAction} from '../state/chat-state.js';
import {buildRegenerateRequest} from '../llm/history.js';
import {endingOfThrow, foldEnding, newEnding} from '../llm/reply-ending.js';
import {requestModel} from '../llm/session-model.js';
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

type Listener = (action: ChatAction) => void;

/** A session and its messages, as the store or the screen holds them. */
export interface OpenedSession {
	session: SessionSummary;
	messages: readonly StoredMessage[];
}

/** How a finished reply is stored: after the user message just sent, or as a new alternative of the last turn. */
type ReplyKind = 'reply' | 'alternative';

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

	/** The model id the session's next request asks for (see requestModel). */
	modelOf(session: SessionSummary): string {
		return requestModel(this.#options.model, session.model);
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
		const added = this.#options.store.appendMessage(sessionId, {role: 'user', content: text, status: 'complete'});
		this.#emit({type: 'userMessageAdded', ...added});
		this.#emit({type: 'streamStarted', at: Date.now()});
		this.#start(sessionId, 'reply');
		return true;
	}

	/**
	 * Asks again for the reply to the session's last user message, with the same history (regenerate; retry after a
	 * failure; the first reply of a fork). The reply it replaces stays in the session as a superseded alternative. False
	 * (and nothing done) while a reply streams, after dispose, or when the session has no user message.
	 */
	regenerate(sessionId: string): boolean {
		if (this.#busy || this.#disposed) return false;
		const opened = this.#options.store.getSession(sessionId);
		if (!opened?.messages.some(message => message.role === 'user')) return false;
		this.#emit({type: 'regenerateStarted', at: Date.now()});
		this.#start(sessionId, 'alternative');
		return true;
	}

	#start(sessionId: string, kind: ReplyKind): void {
		this.#busy = true;
		const controller = new AbortController();
		this.#controller = controller;
		const running = this.#run(sessionId, kind, controller).finally(() => {
			// A newer reply may have started while this one was saving: leave its state alone.
			if (this.#running !== running) return;
			this.#running = undefined;
			this.#controller = undefined;
			this.#busy = false;
		});
		this.#running = running;
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

	/** Saves; a failure is the store's to report (its save status, shown until a save works again) and to retry. */
	async #save(): Promise<void> {
		await this.#options.store.save().catch(() => undefined);
	}

	async #run(sessionId: string, kind: ReplyKind, controller: AbortController): Promise<void> {
		const {store, model, historyExchanges} = this.#options;
		// The store is the truth: it holds every message, the one to answer last (the window leaves it out and adds it at the end).
		const opened = store.getSession(sessionId);
		const built = opened && buildRegenerateRequest(opened.messages, {systemPrompt: this.systemPromptOf(opened), exchanges: historyExchanges});
		const messages = built?.messages ?? [];
		const requested = opened ? this.modelOf(opened.session) : model.name;
		// The user's message is on disk before anything is sent.
		await this.#save();

		const batch = new ReplyBatch();
		let timer: NodeJS.Timeout | undefined;
		const flush = () => {
			timer = undefined;
			for (const action of batch.take()) this.#emit(action);
		};

		const outcome = newEnding();
		try {
			for await (const event of model.stream(messages, controller.signal, {model: requested})) {
				switch (event.type) {
					case 'delta':
					case 'reasoning': {
						batch.add(event, Date.now());
						timer ??= setTimeout(flush, frameMs);
						break;
					}
					case 'usage': {
						foldEnding(outcome, event);
						this.#emit({type: 'streamUsage', usage: event.usage});
						break;
					}
					case 'finished':
					case 'stopped':
					case 'failed': {
						foldEnding(outcome, event);
						break;
					}
				}
			}
		} catch (error) {
			endingOfThrow(outcome, error, controller.signal.aborted);
		} finally {
			clearTimeout(timer);
			flush();
		}

		const {notice, ...result} = outcome;
		// The model that answered, as the status bar named it while it did (a later /model does not rename it).
		const reply = {...batch.reply(Date.now()), ...result, model: model.labelFor(requested)};
		if (kind === 'reply') this.#emit({type: 'streamEnded', ...store.appendMessage(sessionId, {role: 'assistant', ...reply})});
		else this.#emit({type: 'alternativeAdded', ...store.appendAlternative(sessionId, reply)});
		if (notice !== undefined) this.#emit({type: 'noticeShown', text: notice});
		// The next message may be sent now; settle() still waits for this save.
		this.#busy = false;
		await this.#save();
		if (this.#queue.length === 0) return;
		if (outcome.status === 'complete') {
			// The queued turn is a turn of its own: this one is done (and idle() must not wait for the next).
			queueMicrotask(() => this.sendNext());
		} else {
			this.#emit({type: 'noticeShown', text: `${this.#queue.length === 1 ? 'A message waits' : `${this.#queue.length} messages wait`} in the queue: Enter sends the next, ↑ edits the last, Esc drops the last.`});
		}
	}
}
