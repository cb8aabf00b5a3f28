import type {ChatAction} from '../state/chat-state.js';

/**
 * One streaming reply's answer text and thinking: every delta is added as it arrives, and what arrived since the last
 * screen update is taken as at most two actions (thinking first), so a burst of deltas costs one render. Pure (times
 * are passed in), so whatever owns the chat turn can drive it; `thinking` and `thinkingMs` are what the store keeps.
 */
export class ReplyBatch {
	/** The whole answer so far. */
	text = '';
	/** The whole thinking so far ('' when the model did not think aloud). */
	thinking = '';
	#pendingText = '';
	#pendingThinking = '';
	/** When the first not-yet-taken piece of each kind arrived: the actions carry these times. */
	#textAt = 0;
	#thinkingAt = 0;
	#thinkingStartedAt: number | null = null;
	#thinkingEndedAt: number | null = null;

	/** Adds an answer delta or a reasoning delta that arrived at `at`. */
	add(event: {type: 'delta' | 'reasoning'; text: string}, at: number): void {
		if (event.text === '') return;
		if (event.type === 'reasoning') {
			this.thinking += event.text;
			if (this.#pendingThinking === '') this.#thinkingAt = at;
			this.#pendingThinking += event.text;
			this.#thinkingStartedAt ??= at;
			return;
		}
		this.text += event.text;
		if (this.#pendingText === '') this.#textAt = at;
		this.#pendingText += event.text;
		// The answer's first text ends the thinking, as the reducer counts it too.
		if (this.#thinkingStartedAt !== null) this.#thinkingEndedAt ??= at;
	}

	/** The actions for everything added since the last take, thinking first; none when nothing was. */
	take(): ChatAction[] {
		const actions: ChatAction[] = [];
		if (this.#pendingThinking !== '') actions.push({type: 'streamReasoning', text: this.#pendingThinking, at: this.#thinkingAt});
		if (this.#pendingText !== '') actions.push({type: 'streamDelta', text: this.#pendingText, at: this.#textAt});
		this.#pendingThinking = '';
		this.#pendingText = '';
		return actions;
	}

	/** The reply as the store keeps it, once the stream ended (at `now`). */
	reply(now: number): {content: string; thinking: string | null; thinkingMs: number | null} {
		return {content: this.text, thinking: this.thinking === '' ? null : this.thinking, thinkingMs: this.thinkingMs(now)};
	}

	/** How long the model thought: until its answer began, or until `now` if it never did; null if it did not think. */
	thinkingMs(now: number): number | null {
		if (this.#thinkingStartedAt === null) return null;
		return Math.max(0, (this.#thinkingEndedAt ?? now) - this.#thinkingStartedAt);
	}
}
