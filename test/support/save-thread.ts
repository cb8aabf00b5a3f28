// Ends the stores' save thread as if it had crashed, so tests can check that saves go on in a new one. The thread is
// private to source/store/saver-client.ts; its Worker is found through the one call every store makes on it
// (postMessage), so production code carries no hook for this. Import this module before the first save.
import {Worker} from 'node:worker_threads';

const used = new Set<Worker>();
const postMessage = Worker.prototype.postMessage;

Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>): void {
	used.add(this);
	postMessage.apply(this, args);
};

/** Terminates every worker a store has sent a request to (the save thread). */
export async function terminateSaveThread(): Promise<void> {
	const workers = [...used];
	used.clear();
	await Promise.all(workers.map(async worker => worker.terminate()));
}
