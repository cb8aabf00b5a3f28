/**
 * Waiting for a condition with a deadline, instead of sleeping a fixed time.
 * ink-testing-library delivers stdin.write() and re-renders asynchronously, so screen tests
 * poll the frame until it shows what they expect.
 */

import {setTimeout as delay} from 'node:timers/promises';

export interface WaitOptions {
	/** Give up after this many milliseconds (default 3,000). */
	timeout?: number;
	/** Poll this often, in milliseconds (default 5). */
	interval?: number;
	/** Extra detail for the error when the deadline passes. */
	message?: () => string;
}

/** Resolves once `predicate` returns true; rejects when `timeout` passes first. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, options: WaitOptions = {}): Promise<void> {
	const {timeout = 3000, interval = 5} = options;
	const deadline = Date.now() + timeout;
	for (;;) {
		if (await predicate()) {
			return;
		}

		if (Date.now() >= deadline) {
			const detail = options.message ? `\n${options.message()}` : '';
			throw new Error(`Condition not met within ${timeout} ms.${detail}`);
		}

		await delay(interval);
	}
}

/**
 * Resolves with the first frame that satisfies `predicate`; on timeout the error shows the last
 * frame, which is nearly always what you need to see why.
 */
export async function waitForFrame(
	getFrame: () => string | undefined,
	predicate: (frame: string) => boolean,
	options: WaitOptions = {},
): Promise<string> {
	let frame = '';
	await waitFor(() => {
		frame = getFrame() ?? '';
		return predicate(frame);
	}, {
		...options,
		message: () => `${options.message ? `${options.message()}\n` : ''}Last frame:\n${frame}`,
	});
	return frame;
}
