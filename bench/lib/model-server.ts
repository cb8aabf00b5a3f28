// The model for every scenario: the project's loopback mock server, told what to stream by the message itself.
// "bench 5000" streams 5,000 chunks as fast as the socket takes them; "bench 300 25" streams 300 at 25 per second.
// Anything else gets a 5-chunk reply.
import {lastUserText, startMockServer} from '../../test/support/mock-server.js';
import type {MockServer, ScriptedReply} from '../../test/support/mock-server.js';
import {onCleanup} from './cleanup.js';
import {now} from './pty.js';

export interface BenchServer {
	readonly url: string;
	/** Called as each chat request arrives (before the reply starts), with its arrival time. */
	onRequest: ((at: number) => void) | undefined;
	/** How many chat requests have arrived. */
	readonly requests: number;
	close(): Promise<void>;
}

/** The message that asks for `chunks` chunks, burst (no rate) or paced at `perSecond`. */
export function benchMessage(chunks: number, perSecond?: number): string {
	return perSecond === undefined ? `bench ${chunks}` : `bench ${chunks} ${perSecond}`;
}

export function replyFor(text: string): ScriptedReply {
	const match = /^bench (\d+)(?: (\d+))?$/.exec(text.trim());
	if (!match) return {chunks: 5};
	const chunks = Number(match[1]);
	return match[2] === undefined ? {chunks, chunkDelayMs: 0} : {chunks, chunksPerSecond: Number(match[2])};
}

export async function startBenchServer(): Promise<BenchServer> {
	let onRequest: BenchServer['onRequest'];
	const server: MockServer = await startMockServer({
		handler: request => {
			onRequest?.(now());
			return replyFor(lastUserText(request.body));
		},
	});
	const unregister = onCleanup(() => server.close());
	return {
		get onRequest() {
			return onRequest;
		},
		set onRequest(callback) {
			onRequest = callback;
		},
		url: server.url,
		get requests() {
			return server.requests.length;
		},
		close: unregister,
	};
}
