import {StoreError} from './errors.js';
import {describeFsError} from './files.js';
import type {SaveStatusListener} from './types.js';

/** Whether saving works, as the UI needs it: the current failure, and a call when that changes (failing, over, different). */
export class SaveStatus {
	#error: StoreError | undefined;
	readonly #listeners = new Set<SaveStatusListener>();
	readonly #path: string;

	constructor(path: string) {
		this.#path = path;
	}

	get error(): StoreError | undefined {
		return this.#error;
	}

	subscribe(listener: SaveStatusListener): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** After each save: undefined when it succeeded, else why it failed. */
	report(error: unknown): void {
		const next = error === undefined || error instanceof StoreError
			? error
			: new StoreError('save-failed', `Cannot save ${this.#path}: ${describeFsError(error, 'save')}.`, {cause: error, reason: describeFsError(error, 'recovery')});
		if (next?.message === this.#error?.message) return;
		this.#error = next;
		for (const listener of this.#listeners) listener(next);
	}
}
