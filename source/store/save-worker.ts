// The save thread: holds a Saver per open store and answers the store's requests (see saver-client.ts).
import {assertNever} from '../assert-never.js';
import {parentPort} from 'node:worker_threads';
import {StoreError} from './errors.js';
import {Saver} from './saver.js';
import type {SaverRequest, SaverResponse} from './saver-protocol.js';

const port = parentPort!;
const savers = new Map<number, Saver>();

function saverFor(store: number): Saver {
	const saver = savers.get(store);
	if (saver === undefined) throw new StoreError('closed', 'The save thread does not know this store; open it again.');
	return saver;
}

async function handle(request: SaverRequest): Promise<SaverResponse> {
	switch (request.type) {
		case 'attach': {
			savers.set(request.store, await Saver.create(request.setup));
			return {call: request.call, ok: true};
		}
		case 'save': {
			return {call: request.call, ok: true, outcome: await saverFor(request.store).save(request.ops)};
		}
		case 'detach': {
			savers.get(request.store)?.close();
			savers.delete(request.store);
			return {call: request.call, ok: true};
		}
		default: {
			assertNever(request);
		}
	}
}

port.on('message', (request: SaverRequest) => {
	handle(request).then(
		response => {
			const merged = response.ok ? response.outcome?.merged : undefined;
			// The merged database goes back without a copy: this thread is done with it.
			port.postMessage(response, merged === undefined ? [] : [merged.buffer as ArrayBuffer]);
		},
		(error: unknown) => {
			const kind = error instanceof StoreError ? error.kind : 'save-failed';
			const message = error instanceof Error ? error.message : String(error);
			const reason = error instanceof StoreError ? error.reason : message;
			port.postMessage({call: request.call, ok: false, error: {kind, message, reason}} satisfies SaverResponse);
		},
	);
});
