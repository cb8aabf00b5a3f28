import type {SessionSummary, StoredMessage, TokenUsage} from '../store/types.js';
import {assertNever} from '../assert-never.js';
import {clamp} from '../clamp.js';
import {steeringReducer} from './steering.js';
import type {Dialog, Draft, Editing, SteeringAction} from './steering.js';

/** The reply being streamed: text so far, the model's thinking so far, and its usage once the server sent it. */
export interface StreamingReply {
	text: string;
	/** Reasoning models' thinking, kept apart from the answer ('' when there is none). */
	thinking: string;
	/** When the first thinking arrived, and when the answer began after it (null while still thinking): "Thought for 12 s". */
	thinkingStartedAt: number | null;
	thinkingEndedAt: number | null;
	startedAt: number;
	/** When the last text arrived: the spinner and elapsed time advance with it. */
	updatedAt: number;
	usage: TokenUsage | null;
}

export type Focus = 'composer' | 'history';

/** The find bar: the text searched for, whether it is being typed, and the chosen match. */
export interface FindState {
	query: string;
	/** The field's cursor, in graphemes. */
	cursor: number;
	/** Keys type into the bar; false once Enter ended the typing (then n and N jump). */
	editing: boolean;
	/** The chosen match, counted from the top; null: the first one at or below the top row of the view at `anchor`. */
	current: number | null;
	/** The transcript's offset when the typing began, where "the first one" is counted from. */
	anchor: number;
}
/** Which pane a narrow terminal (one pane at a time) shows. */
export type NarrowPane = 'chat' | 'history';

export interface ChatState {
	screen: 'picker' | 'chat';
	session: SessionSummary | null;
	messages: readonly StoredMessage[];
	streaming: StreamingReply | null;
	/** The error of the last reply, shown in the status bar until the next send. */
	lastError: string | null;
	/** One line under the transcript title: "Started Session: …", a hint, what a command did. */
	notice: string | null;
	/** Why saving fails, while it does (shown before the notice; cleared once a save works again). */
	saveError: string | null;
	focus: Focus;
	narrowPane: NarrowPane;
	helpOpen: boolean;
	/** Lines scrolled up from the bottom; 0 follows the tail. */
	historyOffset: number;
	transcriptOffset: number;
	/** /clear hides the transcript above this many messages (the session keeps them). */
	clearedBefore: number;
	/** Earlier inputs for ↑ recall, oldest first. */
	inputHistory: readonly string[];
	/** Messages typed while a reply streamed, oldest first: each is sent when the reply before it ends. */
	queued: readonly string[];
	/** Every reply's thinking shown in full (one key toggles all), else each as its one collapsed line. Kept across sessions. */
	thinkingExpanded: boolean;
	/** The message under the message cursor (its id), or null outside that mode. */
	cursor: number | null;
	editing: Editing | null;
	dialog: Dialog | null;
	draft: Draft | null;
	/** The transcript alone, full width and borderless (a mouse selection copies clean text). */
	zoomed: boolean;
	/** The find bar, when open. */
	find: FindState | null;
}

export type ChatAction =
	| {type: 'pickerOpened'; notice?: string}
	| {type: 'sessionOpened'; session: SessionSummary; messages: readonly StoredMessage[]; resumed: boolean; notice?: string}
	// Writes carry the session's summary as the store computed it (title, count, time): stored as given.
	| {type: 'userMessageAdded'; message: StoredMessage; session: SessionSummary}
	| {type: 'streamStarted'; at: number}
	| {type: 'streamDelta'; text: string; at: number}
	| {type: 'streamReasoning'; text: string; at: number}
	| {type: 'streamUsage'; usage: TokenUsage}
	| {type: 'streamEnded'; message: StoredMessage; session: SessionSummary}
	| {type: 'sessionRenamed'; session: SessionSummary}
	| {type: 'noticeShown'; text: string | null}
	| {type: 'saveStatusChanged'; error: string | null}
	| {type: 'focusToggled'}
	| {type: 'narrowPaneToggled'}
	| {type: 'helpToggled'}
	| {type: 'helpClosed'}
	| {type: 'historyScrolled'; by: number; max: number}
	| {type: 'historyFollowed'}
	| {type: 'transcriptScrolled'; by: number; max: number}
	| {type: 'transcriptScrolledTo'; offset: number}
	| {type: 'transcriptFollowed'}
	| {type: 'screenCleared'}
	| {type: 'queueChanged'; queued: readonly string[]}
	| {type: 'thinkingToggled'}
	| SteeringAction

	| {type: 'zoomToggled'}
	// Opens the bar (or, open, types into it again) with `query` in it, the cursor (graphemes) at `cursor`.
	| {type: 'findOpened'; query: string; cursor: number; editing: boolean}
	| {type: 'findTyped'; query: string; cursor: number}
	// A jump: the match chosen, and the offset that shows it; the typing ends.
	| {type: 'findMoved'; current: number; offset: number}
	| {type: 'findClosed'};

export function createInitialState(inputHistory: readonly string[] = [], thinkingExpanded = false): ChatState {
	return {
		screen: 'picker',
		session: null,
		messages: [],
		streaming: null,
		lastError: null,
		notice: null,
		saveError: null,
		focus: 'composer',
		narrowPane: 'chat',
		helpOpen: false,
		historyOffset: 0,
		transcriptOffset: 0,
		clearedBefore: 0,
		inputHistory,
		queued: [],
		thinkingExpanded,
		cursor: null,
		editing: null,
		dialog: null,
		draft: null,
		zoomed: false,
		find: null,
	};
}

const maxInputHistory = 200;

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
	switch (action.type) {
		case 'pickerOpened': {
			return {...createInitialState(state.inputHistory, state.thinkingExpanded), notice: action.notice ?? null, saveError: state.saveError};
		}
		case 'sessionOpened': {
			const verb = action.resumed ? 'Continuing' : 'Started';
			return {
				...createInitialState(state.inputHistory, state.thinkingExpanded),
				saveError: state.saveError,
				screen: 'chat',
				session: action.session,
				messages: action.messages,
				notice: action.notice ?? `${verb} Session: ${action.session.id}`,
			};
		}
		case 'userMessageAdded': {
			if (action.message.sessionId !== state.session?.id) return state;
			const text = action.message.content;
			const last = state.inputHistory.at(-1);
			const inputHistory = last === text ? state.inputHistory : [...state.inputHistory, text].slice(-maxInputHistory);
			return {
				...state,
				messages: [...state.messages, action.message],
				session: action.session,
				inputHistory,
				lastError: null,
				transcriptOffset: 0,
				historyOffset: 0,
			};
		}
		case 'streamStarted': {
			return {...state, streaming: {text: '', thinking: '', thinkingStartedAt: null, thinkingEndedAt: null, startedAt: action.at, updatedAt: action.at, usage: null}};
		}
		case 'streamDelta': {
			if (!state.streaming || action.text === '') return state;
			const {streaming} = state;
			// The answer's first text ends the thinking (later thinking, rare, does not reopen it).
			const thinkingEndedAt = streaming.thinkingStartedAt !== null && streaming.thinkingEndedAt === null ? action.at : streaming.thinkingEndedAt;
			return {...state, streaming: {...streaming, text: streaming.text + action.text, thinkingEndedAt, updatedAt: action.at}};
		}
		case 'streamReasoning': {
			if (!state.streaming || action.text === '') return state;
			const {streaming} = state;
			return {
				...state,
				streaming: {...streaming, thinking: streaming.thinking + action.text, thinkingStartedAt: streaming.thinkingStartedAt ?? action.at, updatedAt: action.at},
			};
		}
		case 'streamUsage': {
			if (!state.streaming) return state;
			return {...state, streaming: {...state.streaming, usage: action.usage}};
		}
		case 'streamEnded': {
			const {message} = action;
			if (message.sessionId !== state.session?.id) return state;
			return {
				...state,
				streaming: null,
				messages: [...state.messages, message],
				session: action.session,
				lastError: message.status === 'error' ? message.error ?? 'The reply failed.' : null,
			};
		}
		case 'sessionRenamed': {
			if (action.session.id !== state.session?.id) return state;
			return {...state, session: action.session, notice: `Renamed to "${action.session.title}".`};
		}
		case 'noticeShown': {
			return {...state, notice: action.text};
		}
		case 'saveStatusChanged': {
			return {...state, saveError: action.error};
		}
		case 'focusToggled': {
			return {...state, focus: state.focus === 'composer' ? 'history' : 'composer'};
		}
		case 'narrowPaneToggled': {
			const narrowPane = state.narrowPane === 'chat' ? 'history' : 'chat';
			// The history pane is only scrollable while it is the one shown.
			return {...state, narrowPane, focus: narrowPane === 'history' ? 'history' : 'composer'};
		}
		case 'helpToggled': {
			return {...state, helpOpen: !state.helpOpen};
		}
		case 'helpClosed': {
			return state.helpOpen ? {...state, helpOpen: false} : state;
		}
		case 'historyScrolled': {
			return {...state, historyOffset: clamp(state.historyOffset + action.by, 0, action.max)};
		}
		case 'historyFollowed': {
			return {...state, historyOffset: 0};
		}
		case 'transcriptScrolled': {
			return {...state, transcriptOffset: clamp(state.transcriptOffset + action.by, 0, action.max)};
		}
		case 'transcriptScrolledTo': {
			return {...state, transcriptOffset: Math.max(0, action.offset)};
		}
		case 'transcriptFollowed': {
			return {...state, transcriptOffset: 0};
		}
		case 'queueChanged': {
			return {...state, queued: action.queued};
		}
		case 'thinkingToggled': {
			return {...state, thinkingExpanded: !state.thinkingExpanded};
		}
		case 'regenerateStarted':
		case 'alternativeAdded':
		case 'alternativeChosen':
		case 'exchangeUndone':
		case 'sessionUpdated':
		case 'cursorStarted':
		case 'cursorMoved':
		case 'cursorLeft':
		case 'editStarted':
		case 'editCancelled':
		case 'dialogOpened':
		case 'dialogClosed': {
			return steeringReducer(state, action);
		}
		case 'zoomToggled': {
			return {...state, zoomed: !state.zoomed};
		}
		case 'findOpened': {
			// The transcript shows in every layout while searching, and the composer gives up its keys.
			return {
				...state,
				narrowPane: 'chat',
				focus: 'composer',
				find: {query: action.query, cursor: action.cursor, editing: action.editing, current: null, anchor: state.transcriptOffset},
			};
		}
		case 'findTyped': {
			if (!state.find) return state;
			return {...state, find: {...state.find, query: action.query, cursor: action.cursor, current: null}};
		}
		case 'findMoved': {
			if (!state.find) return state;
			return {...state, find: {...state.find, editing: false, current: action.current}, transcriptOffset: Math.max(0, action.offset)};
		}
		case 'findClosed': {
			return state.find ? {...state, find: null} : state;
		}
		case 'screenCleared': {
			return {...state, clearedBefore: state.messages.length, transcriptOffset: 0, notice: 'Screen cleared; the session keeps every message (see the history pane).'};
		}
		default: {
			return assertNever(action);
		}
	}
}

/** How long the streaming reply has thought: until its answer began, or until `now` while it still thinks; null if it has not. */
export function thinkingMs(reply: StreamingReply, now: number): number | null {
	if (reply.thinkingStartedAt === null) return null;
	return Math.max(0, (reply.thinkingEndedAt ?? now) - reply.thinkingStartedAt);
}

export function addUsage(a: TokenUsage | null, b: TokenUsage): TokenUsage {
	if (!a) return b;
	return {promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens, totalTokens: a.totalTokens + b.totalTokens};
}

/** Token usage summed over the session's stored replies (what the status bar shows). */
export function sessionUsage(messages: readonly StoredMessage[]): TokenUsage | null {
	let total: TokenUsage | null = null;
	for (const message of messages) {
		if (message.usage) total = addUsage(total, message.usage);
	}
	return total;
}
