import type {ChatError, ChatEvent, ChatMessage, ChatModel} from '../../source/llm/types.js';

export interface Collected {
	events: ChatEvent[];
	/** The deltas joined: what the user saw. */
	text: string;
	/** The last event (finished / stopped / failed). */
	end: ChatEvent;
}

export const question: ChatMessage[] = [
	{role: 'system', content: 'You are a helpful assistant. Use markdown to format your answers.'},
	{role: 'user', content: 'Hello?'},
];

/** Drains a stream; `onDelta` may abort (it gets the count of deltas so far). */
export async function collect(
	model: ChatModel,
	options: {messages?: readonly ChatMessage[]; signal?: AbortSignal; onDelta?: (count: number) => void} = {},
): Promise<Collected> {
	const events: ChatEvent[] = [];
	let deltas = 0;
	for await (const event of model.stream(options.messages ?? question, options.signal ?? new AbortController().signal)) {
		events.push(event);
		if (event.type === 'delta') options.onDelta?.(++deltas);
	}
	const end = events.at(-1);
	if (end === undefined) throw new Error('The stream yielded nothing.');
	return {events, text: events.map(event => (event.type === 'delta' ? event.text : '')).join(''), end};
}

/** The error of a failed stream; throws (failing the test) when the stream ended any other way. */
export function failure(result: Collected): ChatError {
	if (result.end.type !== 'failed') throw new Error(`Expected the stream to fail, but it ended with ${JSON.stringify(result.end)}.`);
	return result.end.error;
}

/** Checks the ChatEvent contract: deltas, at most one usage, then exactly one terminal event, last. */
export function assertWellFormed(events: readonly ChatEvent[]): void {
	const terminal = events.filter(event => event.type === 'finished' || event.type === 'stopped' || event.type === 'failed');
	if (terminal.length !== 1 || terminal[0] !== events.at(-1)) {
		throw new Error(`Expected exactly one terminal event, at the end: ${JSON.stringify(events.map(event => event.type))}`);
	}
	if (events.filter(event => event.type === 'usage').length > 1) throw new Error('More than one usage event.');
}
