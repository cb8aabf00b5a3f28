/** Reasons that mean "the model said all it had to say": nothing to tell the user. */
const natural: ReadonlySet<string> = new Set(['stop', 'eos', 'eos_token', 'end_turn', 'stop_sequence']);

/**
 * The sentence the UI shows when a reply ended complete but not naturally (a notice, not a failure), or undefined when
 * there is nothing to say. `reason` is the server's finish_reason, untrusted: only a plain word of it is ever echoed.
 */
export function finishNotice(reason: string): string | undefined {
	if (natural.has(reason)) return undefined;
	switch (reason) {
		case 'length': {
			return 'The reply reached the token limit and may be cut short: ask the model to go on, or raise the server\'s limit.';
		}
		case 'content_filter': {
			return 'The server\'s content filter stopped the reply; what arrived before it was kept.';
		}
		case 'tool_calls':
		case 'function_call': {
			return 'The model asked to call a tool, which agent-session does not offer, so the reply may be incomplete.';
		}
		default: {
			const word = /^[\w-]{1,40}$/.test(reason) ? ` ("${reason}")` : '';
			return `The server ended the reply early${word}; what arrived was kept.`;
		}
	}
}
