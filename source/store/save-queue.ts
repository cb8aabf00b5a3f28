interface Waiter {
	changes: number;
	resolve: () => void;
	reject: (error: unknown) => void;
}

/**
 * Counts changes and runs saves one at a time: a change schedules a save on the next turn of the event loop (so a burst
 * becomes one save), and changes made while a save runs are written together by one more save after it.
 */
export class SaveQueue {
	#changes = 0;
	#saved = 0;
	#waiters: Waiter[] = [];
	#running: Promise<void> | undefined;
	#scheduled: NodeJS.Immediate | undefined;
	#stopped = false;
	/** Writes everything up to change number `changes`; rejects if it could not. */
	readonly #write: (changes: number) => Promise<void>;

	constructor(write: (changes: number) => Promise<void>) {
		this.#write = write;
	}

	/** Number of changes so far; the last change's sequence number. */
	get changes(): number {
		return this.#changes;
	}

	get pending(): boolean {
		return this.#saved < this.#changes;
	}

	/** Records one change and schedules a save. Returns its sequence number. */
	changed(): number {
		this.#changes++;
		this.#scheduled ??= setImmediate(() => {
			this.#scheduled = undefined;
			this.#start();
		});
		return this.#changes;
	}

	/** Resolves when every change so far is written; rejects with the error of the save that failed. */
	save(): Promise<void> {
		if (this.#stopped || !this.pending) return Promise.resolve();
		return new Promise((resolve, reject) => {
			this.#waiters.push({changes: this.#changes, resolve, reject});
			this.#start();
		});
	}

	/** Waits for the save in progress, if any (it does not reject). */
	async idle(): Promise<void> {
		await this.#running;
	}

	stop(): void {
		this.#stopped = true;
		clearImmediate(this.#scheduled);
	}

	#start(): void {
		this.#running ??= this.#run().finally(() => {
			this.#running = undefined;
		});
	}

	async #run(): Promise<void> {
		while (this.pending && !this.#stopped) {
			const target = this.#changes;
			try {
				await this.#write(target);
			} catch (error) {
				// Nothing is retried here, so a lasting failure does not spin: the next change or save() tries again.
				const failed = this.#waiters;
				this.#waiters = [];
				for (const waiter of failed) waiter.reject(error);
				return;
			}
			this.#saved = target;
			const done = this.#waiters.filter(waiter => waiter.changes <= target);
			this.#waiters = this.#waiters.filter(waiter => waiter.changes > target);
			for (const waiter of done) waiter.resolve();
		}
	}
}
