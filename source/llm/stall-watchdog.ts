/** setTimeout's limit (about 24.8 days): beyond it Node warns on stderr and fires after 1 ms. */
export const maxTimerMs = 2 ** 31 - 1;

/** Fires once when nothing happened for `timeoutMs`; `touch()` is cheap enough to call per chunk (no timer churn). */
export class StallWatchdog {
	fired = false;
	private last = 0;
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly timeoutMs: number, private readonly onStall: () => void) {}

	start(): void {
		this.last = performance.now();
		this.timer = setTimeout(this.check, Math.min(this.timeoutMs, maxTimerMs));
	}

	touch(): void {
		this.last = performance.now();
	}

	stop(): void {
		clearTimeout(this.timer);
	}

	private readonly check = (): void => {
		const idle = performance.now() - this.last;
		if (idle < this.timeoutMs) {
			this.timer = setTimeout(this.check, Math.min(this.timeoutMs - idle, maxTimerMs));
			return;
		}
		this.fired = true;
		this.onStall();
	};
}
