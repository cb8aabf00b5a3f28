interface Waiter {
	changes: number;
	resolve: () => void;
	reject: (error: unknown) => void;
}

export interface SaveQueueOptions {
	/** After each save: undefined when it wrote everything asked, else why it failed. */
	onOutcome?: (error: unknown) => void;
	/** Waits before trying a failed save again on its own, one per failure in a row (the last repeats). */
	retryDelaysMs?: readonly number[];
}

/** A full disk or a read-only mount is usually fixed within seconds to minutes: try again soon, then every 15 s. */
const defaultRetryDelaysMs = [1000, 2000, 5000, 10_000, 15_000];

/**
 * Counts changes and runs saves one at a time: a change schedules a save on the next turn of the event loop (so a burst
 * becomes one save), and changes made while a save runs are written together by one more save after it. A failed save
 * is tried again on a timer that does not keep the process alive, so the data reaches the disk once it can.
 */
export class SaveQueue {
	#changes = 0;
	#saved = 0;
	/** The changes the latest attempt set out to write (saved or not). */
	#attempted = 0;
	#waiters: Waiter[] = [];
	#running: Promise<void> | undefined;
	#scheduled: NodeJS.Immediate | undefined;
	#retry: NodeJS.Timeout | undefined;
	#failures = 0;
	#stopped = false;
	/** Writes everything up to change number `changes`; rejects if it could not. */
	readonly #write: (changes: number) => Promise<void>;
	readonly #options: SaveQueueOptions;

	constructor(write: (changes: number) => Promise<void>, options: SaveQueueOptions = {}) {
		this.#write = write;
		this.#options = options;
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
			// A save() may have taken these changes already; if that attempt failed, the retry timer takes them again.
			if (this.#changes > this.#attempted) this.#start();
		});
		return this.#changes;
	}

	/** Resolves when every change so far is written; rejects with the error of the attempt that was to write them. */
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
		clearTimeout(this.#retry);
	}

	#start(): void {
		clearTimeout(this.#retry);
		this.#retry = undefined;
		this.#running ??= this.#run().finally(() => {
			this.#running = undefined;
		});
	}

	#retryLater(): void {
		const delays = this.#options.retryDelaysMs ?? defaultRetryDelaysMs;
		const wait = delays[Math.min(this.#failures, delays.length - 1)] ?? 15_000;
		this.#failures++;
		if (this.#stopped) return;
		this.#retry = setTimeout(() => {
			this.#retry = undefined;
			this.#start();
		}, wait);
		this.#retry.unref();
	}

	async #run(): Promise<void> {
		while (this.pending && !this.#stopped) {
			const target = this.#changes;
			this.#attempted = target;
			try {
				await this.#write(target);
			} catch (error) {
				// Only the waiters this attempt was for hear of its failure. One who asked while it ran, for a later change,
				// gets an attempt of its own at once: what failed (a folder being put back, say) may be fixed by now.
				const failed = this.#waiters.filter(waiter => waiter.changes <= target);
				this.#waiters = this.#waiters.filter(waiter => waiter.changes > target);
				for (const waiter of failed) waiter.reject(error);
				this.#options.onOutcome?.(error);
				if (this.#waiters.length > 0) continue;
				// Otherwise not retried at once, so a lasting failure does not spin: the next change, save() or the timer tries.
				this.#retryLater();
				return;
			}
			this.#failures = 0;
			this.#saved = target;
			this.#options.onOutcome?.(undefined);
			const done = this.#waiters.filter(waiter => waiter.changes <= target);
			this.#waiters = this.#waiters.filter(waiter => waiter.changes > target);
			for (const waiter of done) waiter.resolve();
		}
	}
}
