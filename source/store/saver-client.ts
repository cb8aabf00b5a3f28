import {Worker} from 'node:worker_threads';
import {StoreError} from './errors.js';
import type {SaverRequest, SaverResponse} from './saver-protocol.js';

type Request = SaverRequest extends infer R ? (R extends SaverRequest ? Omit<R, 'call'> : never) : never;

interface Pending {
	resolve: (response: SaverResponse) => void;
	reject: (error: unknown) => void;
}

/**
 * Starts the save thread: in the bundle (dist/cli.js, which this module is part of) the bundle itself, whose entry runs
 * the save worker off the main thread; under tsx (tests, `npm run dev`) save-worker.ts next to this file, after
 * registering tsx in the thread (loader flags do not reach worker threads on Node 20).
 */
function startWorker(): Worker {
	if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(import.meta.url));
	const tsx = import.meta.resolve('tsx/esm/api');
	const entry = new URL('save-worker.ts', import.meta.url).href;
	return new Worker(
		`import(${JSON.stringify(tsx)}).then(({register}) => { register(); return import(${JSON.stringify(entry)}); });`,
		{eval: true},
	);
}

/**
 * The one save thread of this process, shared by every open store. It does not keep the process alive while idle.
 * If it dies, pending calls fail and `generation` changes, so stores know to attach again.
 */
class SaveThread {
	generation = 0;
	#worker: Worker | undefined;
	#pending = new Map<number, Pending>();
	#nextCall = 1;

	call(request: Request, transfer: ArrayBuffer[] = []): Promise<SaverResponse> {
		const worker = this.#start();
		const call = this.#nextCall++;
		return new Promise<SaverResponse>((resolve, reject) => {
			this.#pending.set(call, {resolve, reject});
			worker.ref(); // a save in flight must finish before the process may exit
			worker.postMessage({...request, call}, transfer);
		});
	}

	/** Starts the thread ahead of its first use, so its start-up overlaps with reading the database. */
	warmUp(): void {
		this.#start();
	}

	#start(): Worker {
		if (this.#worker !== undefined) return this.#worker;
		const worker = startWorker();
		worker.unref();
		worker.on('message', (response: SaverResponse) => {
			const pending = this.#pending.get(response.call);
			this.#pending.delete(response.call);
			if (this.#pending.size === 0) worker.unref();
			pending?.resolve(response);
		});
		const fail = (reason: string) => {
			if (this.#worker !== worker) return;
			this.#worker = undefined;
			this.generation++;
			const pending = [...this.#pending.values()];
			this.#pending.clear();
			for (const call of pending) {
				call.reject(new StoreError('save-failed', `The save thread stopped (${reason}); your changes are kept in memory and will be saved on the next try.`, {reason: `the save thread stopped (${reason})`}));
			}
		};
		worker.on('error', error => {
			fail(error.message);
		});
		worker.on('exit', code => {
			fail(`exit code ${code}`);
		});
		this.#worker = worker;
		return worker;
	}
}

export const saveThread = new SaveThread();
