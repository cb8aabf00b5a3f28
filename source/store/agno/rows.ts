import {previewOf} from '../preview.js';
import type {SessionSummary, StoredMessage} from '../types.js';
import {DamagedRow, decodeColumn, isObject, toAgnoMessage} from './decode.js';
import type {AgnoMessage, JsonObject} from './decode.js';

/** An Agno session as the app shows it: read from Agno's tables, never written there. */
export interface AgnoSession {
	summary: SessionSummary;
	messages: StoredMessage[];
}

/**
 * Agno rows without a user belong to whoever runs agent-session without --user (its default user), since Agno's own
 * example does the same with its default `--user user`.
 */
export const ownerlessUser = 'user';

export function ownerOf(userId: unknown): string {
	return typeof userId === 'string' && userId !== '' ? userId : ownerlessUser;
}

/** The columns both Agno versions have, as one row of the table. */
interface RowBase {
	session_id: unknown;
	user_id: unknown;
	created_at: unknown;
	updated_at: unknown;
	agent_data: unknown;
}

/**
 * An Agno 1.x row (`agent_sessions`). Two shapes of `memory`: up to 1.3 it holds `messages`, the whole session with its
 * system message first; 1.4–1.7 keep only `runs`, each with the messages sent for it, where the copies of earlier
 * messages that went along as history are tagged `from_history` and skipped here.
 */
export function readV1Row(row: RowBase & {memory: unknown}): AgnoSession {
	const memory = decodeColumn(row.memory, 'memory');
	if (!isObject(memory)) throw new DamagedRow('memory is not an object');
	let messages: AgnoMessage[];
	if (Array.isArray(memory['messages'])) {
		messages = memory['messages'].flatMap(message => toAgnoMessage(message) ?? []);
	} else {
		const runs = runsOf(memory['runs'], row.session_id);
		messages = messagesOfRuns(runs.map(run => run['messages'] ?? (isObject(run['response']) ? run['response']['messages'] : undefined)));
	}
	const lastRun: unknown = Array.isArray(memory['runs']) ? memory['runs'].at(-1) : undefined;
	// 1.3 keeps {message, response} per run, 1.4–1.7 the response itself.
	const lastResponse = isObject(lastRun) && isObject(lastRun['response']) ? lastRun['response'] : lastRun;
	return session(row, messages, isObject(lastResponse) ? lastResponse['model'] : undefined);
}

/** `runs` of a 1.4–1.7 memory: a list (what Agno stores for one session), or Memory's own map of session id to list. */
function runsOf(runs: unknown, sessionId: unknown): JsonObject[] {
	const list = Array.isArray(runs) ? runs : isObject(runs) && typeof sessionId === 'string' ? runs[sessionId] : undefined;
	if (!Array.isArray(list)) throw new DamagedRow('memory has neither messages nor runs');
	return list.map(run => {
		if (!isObject(run)) throw new DamagedRow('a run is not an object');
		return run;
	});
}

/** Runs Agno leaves out when it rebuilds a session's history (and its panel): unfinished, stopped or replaced ones. */
const skippedStatuses = new Set(['PAUSED', 'CANCELLED', 'ERROR', 'REGENERATED']);

/**
 * An Agno 2.x row (`agno_sessions`, session type `agent`). `runs` holds each run's own messages (its system message,
 * the user's message, the reply); as Agno does, member runs of a team and unfinished runs are left out.
 */
export function readV2Row(row: RowBase & {runs: unknown}): AgnoSession {
	const decoded = decodeColumn(row.runs, 'runs');
	if (decoded !== null && !Array.isArray(decoded)) throw new DamagedRow('runs is not a list');
	const runs = runsOf(decoded ?? [], row.session_id).filter(run =>
		(run['parent_run_id'] === undefined || run['parent_run_id'] === null) && !skippedStatuses.has(String(run['status'])));
	return session(row, messagesOfRuns(runs.map(run => run['messages'])), runs.at(-1)?.['model']);
}

/** The session's messages from its runs, in order: the first system message once, then each run's own messages. */
function messagesOfRuns(runMessages: readonly unknown[]): AgnoMessage[] {
	const messages: AgnoMessage[] = [];
	let system = false;
	for (const list of runMessages) {
		if (list === undefined || list === null) continue;
		if (!Array.isArray(list)) throw new DamagedRow('a run\'s messages are not a list');
		for (const value of list) {
			const message = toAgnoMessage(value);
			if (message === undefined) continue;
			if (message.role === 'system') {
				if (system) continue;
				system = true;
			}
			messages.push(message);
		}
	}
	return messages;
}

function seconds(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function session(row: RowBase, agnoMessages: readonly AgnoMessage[], runModel: unknown): AgnoSession {
	const id = row.session_id;
	if (typeof id !== 'string' || id === '') throw new DamagedRow('session_id is missing');
	const created = seconds(row.created_at) ?? agnoMessages.find(message => message.createdAt !== undefined)?.createdAt;
	if (created === undefined) throw new DamagedRow('created_at is missing');
	const createdAt = created * 1000;
	const model = modelOf(row.agent_data, runModel);
	const messages: StoredMessage[] = agnoMessages.map((message, position) => ({
		// Never a row id of ours (those are positive): marks the window in the UI until the session is continued.
		id: -(position + 1),
		sessionId: id,
		position,
		role: message.role,
		content: message.content,
		status: 'complete',
		error: null,
		thinking: null,
		thinkingMs: null,
		// Agno's agent answered with its one model (the session's).
		model: message.role === 'assistant' ? model : null,
		superseded: false,
		createdAt: (message.createdAt ?? created) * 1000,
		usage: message.usage,
	}));
	const lastMessage = messages.at(-1)?.createdAt ?? createdAt;
	const updated = seconds(row.updated_at);
	const firstUser = messages.find(message => message.role === 'user');
	return {
		summary: {
			id,
			userId: ownerOf(row.user_id),
			title: firstUser === undefined ? '' : previewOf(firstUser.content),
			createdAt,
			updatedAt: Math.max(updated === undefined ? createdAt : updated * 1000, lastMessage),
			model,
			messageCount: messages.length,
			origin: 'agno',
			systemPrompt: null,
			forkedFrom: null,
		},
		messages,
	};
}

/** The model the agent was set up with (agent_data.model.id), else the last run's, else just "agno". */
function modelOf(agentData: unknown, runModel: unknown): string {
	let data: unknown;
	try {
		data = decodeColumn(agentData, 'agent_data');
	} catch {
		data = undefined; // the model name is a detail: a damaged agent_data does not hide the conversation
	}
	const model = isObject(data) && isObject(data['model']) ? data['model']['id'] : undefined;
	if (typeof model === 'string' && model !== '') return model;
	return typeof runModel === 'string' && runModel !== '' ? runModel : 'agno';
}
