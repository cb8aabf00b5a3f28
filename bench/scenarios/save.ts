// Row 6: a reply saved into a big database. The longest event-loop stall comes from the app's own diagnostics
// (AGENT_SESSION_DIAGNOSTICS: every stall and garbage collection with its time); that the UI keeps painting is shown
// from outside: keys are typed every 30 ms while the reply is saved, and the terminal's output is timed.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {Diagnostics} from '../../source/diagnostics.js';
import {Chat} from '../lib/app.js';
import type {BenchContext} from '../lib/app.js';

export interface SaveSample {
	/** Longest event-loop stall while the reply was saved (request → file replaced; the 5-chunk reply streams in ms), ms. */
	replySaveStallMs: number;
	/** Longest stall while the user's message was saved (Enter → request), ms. */
	userSaveStallMs: number;
	/** How long each save took (until the file was replaced), ms. */
	userSaveMs: number;
	replySaveMs: number;
	/** Longest stall from Enter to the reply's save for the first message of the process (which also loads the model client). */
	firstSendStallMs: number;
	/** Terminal writes during the reply's save, and the longest time without one (keys were typed every 30 ms), ms. */
	frames: number;
	longestFrameGapMs: number;
	keysTyped: number;
	/** Main-thread garbage collections during the reply's save: how many took ≥ 5 ms, and the longest, ms. */
	gcCount: number;
	longestGcMs: number;
}

const keyEveryMs = 30;

function longestIn(entries: ReadonlyArray<{at: number; ms: number}>, from: number, to: number): number {
	let longest = 0;
	for (const entry of entries) {
		if (entry.at < to && entry.at + entry.ms > from) longest = Math.max(longest, entry.ms);
	}
	return longest;
}

function longestGap(times: readonly number[], from: number, to: number): number {
	let longest = 0;
	let last = from;
	for (const time of times) {
		longest = Math.max(longest, time - last);
		last = time;
	}
	return Math.max(longest, to - last);
}

/**
 * The app on the big database, continuing its latest session: a first message (which loads what only sending needs),
 * then the measured one, with keys typed every 30 ms while its reply is saved.
 */
export async function saveRun(context: BenchContext, db: string, index: number): Promise<SaveSample> {
	const file = join(context.dir, `diagnostics-${index}.json`);
	const chat = await Chat.open(context, db, ['--continue'], {AGENT_SESSION_DIAGNOSTICS: file});
	let keysTyped = 0;
	try {
		const first = await chat.send(`first message ${index}`);
		const reply = await chat.send(`save test ${index}`, async ({requested, saved}) => {
			// Not before the request: a key read together with Enter would make both a paste.
			while (!requested()) await sleep(1);
			while (!saved()) {
				chat.pty.type('x');
				keysTyped++;
				await sleep(keyEveryMs);
			}
		});
		await chat.quit();
		const {stalls, gc} = JSON.parse(await readFile(file, 'utf8')) as Diagnostics;
		const writes = chat.pty.outputBetween(reply.requestAt, reply.savedAt).map(chunk => chunk.at);
		const gcDuring = gc.filter(entry => entry.at < reply.savedAt && entry.at + entry.ms > reply.requestAt);
		return {
			replySaveStallMs: longestIn(stalls, reply.requestAt, reply.savedAt),
			userSaveStallMs: longestIn(stalls, reply.sentAt, reply.requestAt),
			userSaveMs: reply.requestAt - reply.sentAt,
			replySaveMs: reply.savedAt - reply.requestAt,
			firstSendStallMs: longestIn(stalls, first.sentAt, first.savedAt),
			frames: writes.length,
			longestFrameGapMs: longestGap(writes, reply.requestAt, reply.savedAt),
			keysTyped,
			gcCount: gcDuring.length,
			longestGcMs: longestIn(gcDuring, reply.requestAt, reply.savedAt),
		};
	} finally {
		chat.pty.kill();
	}
}
