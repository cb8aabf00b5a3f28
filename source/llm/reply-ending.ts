import {finishNotice} from './finish-reason.js';
import type {ChatEvent, Usage} from './types.js';

/** How a streamed reply ended, folded from its events: the chat (ChatTurns) and `ask` keep the same record. */
export interface ReplyEnding {
	status: 'complete' | 'stopped' | 'error';
	error: string | null;
	usage: Usage | null;
	/** A complete reply that did not end naturally (token limit, content filter): one sentence for the user. */
	notice: string | undefined;
}

export function newEnding(): ReplyEnding {
	return {status: 'complete', error: null, usage: null, notice: undefined};
}

/** Folds an event that is not text (the caller shows deltas and thinking its own way) into `ending`. */
export function foldEnding(ending: ReplyEnding, event: Exclude<ChatEvent, {type: 'delta' | 'reasoning'}>): void {
	switch (event.type) {
		case 'usage': {
			ending.usage = event.usage;
			break;
		}
		case 'finished': {
			ending.notice = finishNotice(event.reason);
			break;
		}
		case 'stopped': {
			ending.status = 'stopped';
			break;
		}
		case 'failed': {
			ending.status = 'error';
			ending.error = event.error.message;
			break;
		}
	}
}

/**
 * A stream that threw instead of ending with an event. Models report failures as events; this is the last resort so
 * that a reply never hangs: stopped when it was aborted, else failed with the error's message.
 */
export function endingOfThrow(ending: ReplyEnding, error: unknown, aborted: boolean): void {
	ending.status = aborted ? 'stopped' : 'error';
	ending.error = aborted ? null : `The reply failed: ${(error as Error).message}`;
}
