import {access} from 'node:fs/promises';
import {ConfigError} from '../config.js';
import type {Command, Config} from '../config.js';
import {createModel} from '../llm/create-model.js';
import {buildRequest} from '../llm/history.js';
import {endingOfThrow, foldEnding, newEnding} from '../llm/reply-ending.js';
import type {ReplyEnding} from '../llm/reply-ending.js';
import {requestModel} from '../llm/session-model.js';
import {requestSystemPrompt} from '../hooks/chat-turns.js';
import type {ChatMessage, ChatModel} from '../llm/types.js';
import type {SessionStore} from '../store/index.js';
import {resolveStart, StartError} from '../start.js';
import {Sanitizer} from '../ui/text/sanitize.js';
import {complain, jsonText, readAll, openStoreFor} from './io.js';
import type {CommandIO} from './io.js';

// `agent-session ask`: one question, the reply streamed to stdout as plain text (or one JSON object at the end), the
// exchange kept in a session like any other. No screen, no colour: what the model wrote, with control sequences removed.

type AskCommand = Extract<Command, {kind: 'ask'}>;

/** How the process ends: 0 answered, 1 the model, the network or the disk failed, 130/143 stopped by a signal, 141 stdout closed. */
type ExitCode = 0 | 1 | 130 | 141 | 143;

interface Reply extends ReplyEnding {
	text: string;
	/** A reasoning model's thinking (stored, never printed) and how long it took. */
	thinking: string;
	thinkingMs: number | null;
	/** What stopped it early, if anything did. */
	cut: 'SIGINT' | 'SIGTERM' | 'stdout closed' | undefined;
}

/** The question: what came on stdin (when it is not a terminal), then the words given. Bad usage when there is none. */
async function readQuestion(words: readonly string[], io: CommandIO): Promise<string> {
	const piped = io.stdin.isTTY === true ? '' : (await readAll(io.stdin)).trimEnd();
	const asked = words.join(' ').trim();
	const question = [piped, asked].filter(part => part.trim() !== '').join('\n\n');
	if (question !== '') return question;
	throw new ConfigError(io.stdin.isTTY === true || asked !== ''
		? 'ask needs a question: agent-session ask "QUESTION", or pipe it in.'
		: 'Nothing to ask: the input was empty; pipe in a question or give it as an argument.');
}

export async function runAsk(command: AskCommand, config: Config, io: CommandIO): Promise<number> {
	const question = await readQuestion(command.words, io);
	// An id that cannot be there is bad usage, and bad usage creates nothing (not even the database).
	if (config.start.kind === 'session' && !(await access(config.dbPath).then(() => true, () => false))) {
		throw new ConfigError(`--session ${config.start.id}: no such session for user "${config.user}" (${config.dbPath} does not exist yet).`);
	}
	const store = await openStoreFor(config.dbPath, io);
	if (typeof store === 'number') return store;
	let code: ExitCode = 1;
	try {
		code = await askIn(store, question, command, config, io);
	} finally {
		try {
			await store.close();
		} catch (error) {
			complain(io, (error as Error).message);
			code = 1;
		}
	}
	return code;
}

async function askIn(store: SessionStore, question: string, command: AskCommand, config: Config, io: CommandIO): Promise<ExitCode> {
	const model = createModel(config);
	let opened;
	try {
		// A new session unless --continue or --session says otherwise.
		const start = resolveStart(store, {user: config.user, systemPrompt: config.systemPrompt, start: config.start.kind === 'picker' ? {kind: 'new'} : config.start}, model.name);
		if (start.kind !== 'session') throw new Error('A start without the picker opens a session.');
		opened = start.opened;
	} catch (error) {
		if (error instanceof StartError) throw new ConfigError(error.message);
		throw error;
	}
	const sessionId = opened.session.id;
	store.appendMessage(sessionId, {role: 'user', content: question});
	const stored = store.getSession(sessionId)?.messages ?? [];
	// The session's own settings (/model, /system in the chat) apply here too.
	const systemPrompt = requestSystemPrompt({session: opened.session, messages: stored}, config.systemPrompt);
	const {messages} = buildRequest(stored, question, {systemPrompt, exchanges: config.historyExchanges});
	const stops = new Interruptions(io);
	let reply: Reply;
	let saved = true;
	try {
		try {
			await store.save(); // the question is on disk before anything is sent
		} catch (error) {
			complain(io, (error as Error).message);
			return 1;
		}
		const requested = requestModel(model, opened.session.model);
		reply = await streamReply(model, messages, requested, command.format, io, stops);
		store.appendMessage(sessionId, {
			role: 'assistant', content: reply.text, status: reply.status, error: reply.error, usage: reply.usage,
			thinking: reply.thinking === '' ? null : reply.thinking, thinkingMs: reply.thinkingMs, model: model.labelFor(requested),
		});
		if (reply.notice !== undefined) complain(io, reply.notice);
		try {
			await store.save();
		} catch (error) {
			complain(io, (error as Error).message);
			saved = false;
		}
	} finally {
		stops.dispose();
	}
	if (command.format === 'json' && !io.stdout.destroyed) {
		io.stdout.write(`${jsonText({
			reply: reply.text, sessionId, model: model.name, status: reply.status, usage: reply.usage, ...(reply.error === null ? {} : {error: reply.error}),
			...(reply.thinking === '' ? {} : {thinking: reply.thinking}),
		})}\n`);
	}
	switch (reply.cut) {
		case 'SIGINT':
		case 'SIGTERM': {
			complain(io, `stopped; the partial reply is kept in session ${sessionId}.`);
			return reply.cut === 'SIGINT' ? 130 : 143;
		}
		case 'stdout closed': {
			return 141;
		}
		case undefined: {
			if (reply.status === 'error') complain(io, reply.error ?? 'The reply failed.');
			return reply.status === 'complete' && saved ? 0 : 1;
		}
	}
}

/**
 * Ctrl+C, SIGTERM and a closed stdout, from the moment the question is saved until the reply is: the first stops the
 * reply (what came is kept, as stopped), a second signal leaves at once. Without this, Ctrl+C would kill the process
 * before the partial reply is saved.
 */
class Interruptions {
	readonly controller = new AbortController();
	cut: Reply['cut'];
	readonly #io: CommandIO;
	readonly #onInterrupt = () => this.#stop('SIGINT');
	readonly #onTerminate = () => this.#stop('SIGTERM');

	constructor(io: CommandIO) {
		this.#io = io;
		process.on('SIGINT', this.#onInterrupt);
		process.on('SIGTERM', this.#onTerminate);
		// Kept to the end: a write to a closed pipe must not become an uncaught error.
		io.stdout.on('error', () => this.#stop('stdout closed'));
	}

	dispose(): void {
		process.off('SIGINT', this.#onInterrupt);
		process.off('SIGTERM', this.#onTerminate);
	}

	#stop(cut: NonNullable<Reply['cut']>): void {
		if (this.cut !== undefined && cut !== 'stdout closed') process.exit(cut === 'SIGINT' ? 130 : 143);
		this.cut ??= cut;
		this.controller.abort();
		if (cut === 'stdout closed') this.#io.stdout.destroy();
	}
}

/** Streams the reply; its text goes to stdout as it comes (format text), with control sequences removed. */
async function streamReply(model: ChatModel, messages: readonly ChatMessage[], modelName: string, format: AskCommand['format'], io: CommandIO, stops: Interruptions): Promise<Reply> {
	const reply: Reply = {...newEnding(), text: '', thinking: '', thinkingMs: null, cut: undefined};
	let thinkingFrom: number | undefined;
	const sanitizer = new Sanitizer();
	let printed = '';
	const print = (text: string) => {
		if (text === '' || io.stdout.destroyed) return;
		io.stdout.write(text);
		printed = text;
	};
	try {
		for await (const event of model.stream(messages, stops.controller.signal, {model: modelName})) {
			switch (event.type) {
				case 'reasoning': {
					thinkingFrom ??= Date.now();
					reply.thinking += event.text;
					break;
				}
				case 'delta': {
					if (thinkingFrom !== undefined) reply.thinkingMs ??= Date.now() - thinkingFrom;
					reply.text += event.text;
					if (format === 'text') print(sanitizer.push(event.text));
					break;
				}
				case 'usage':
				case 'finished':
				case 'stopped':
				case 'failed': {
					foldEnding(reply, event);
					break;
				}
			}
		}
	} catch (error) {
		endingOfThrow(reply, error, stops.controller.signal.aborted);
	}
	if (thinkingFrom !== undefined) reply.thinkingMs ??= Date.now() - thinkingFrom;
	reply.cut = stops.cut;
	if (reply.cut !== undefined) reply.status = 'stopped';
	// The shell prompt goes on a line of its own.
	if (printed !== '' && !printed.endsWith('\n')) print('\n');
	return reply;
}
