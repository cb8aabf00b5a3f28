// Row 6: a message and its reply saved into a big database. The longest event-loop stall comes from the app's own
// diagnostics (AGENT_SESSION_DIAGNOSTICS, every stall with its time); that the UI keeps painting is shown from
// outside: keys are typed every 30 ms during the saves and the terminal's output is timed.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {Diagnostics} from '../../source/diagnostics.js';
import {Chat} from '../lib/app.js';
import type {BenchContext} from '../lib/app.js';

export interface SaveSample {
	/** Longest event-loop stall from Enter until the reply's save replaced the file, ms. */
	longestStallMs: number;
	/** The same, split: while the user's message was saved (Enter → request), and while the reply was (request → file replaced). */
	userSaveStallMs: number;
	replySaveStallMs: number;
	/** How long each took, ms. */
	userSaveMs: number;
	replySaveMs: number;
	/** Terminal writes during the reply's save, and the longest time without one (keys were typed every 30 ms), ms. */
	frames: number;
	longestFrameGapMs: number;
	keysTyped: number;
	/** The app's whole-run event-loop delay histogram (opening the database included). */
	eventLoopDelay: Diagnostics['eventLoopDelay'];
}

const keyEveryMs = 30;

function longestIn(stalls: Diagnostics['stalls'], from: number, to: number): number {
	let longest = 0;
	for (const stall of stalls) {
		if (stall.at < to && stall.at + stall.ms > from) longest = Math.max(longest, stall.ms);
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

export async function saveRun(context: BenchContext, db: string, index: number): Promise<SaveSample> {
	const file = join(context.dir, `diagnostics-${index}.json`);
	const chat = await Chat.open(context, db, ['--continue'], {AGENT_SESSION_DIAGNOSTICS: file});
	let keysTyped = 0;
	try {
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
		const diagnostics = JSON.parse(await readFile(file, 'utf8')) as Diagnostics;
		const writes = chat.pty.outputBetween(reply.requestAt, reply.savedAt).map(chunk => chunk.at);
		return {
			longestStallMs: longestIn(diagnostics.stalls, reply.sentAt, reply.savedAt),
			userSaveStallMs: longestIn(diagnostics.stalls, reply.sentAt, reply.requestAt),
			replySaveStallMs: longestIn(diagnostics.stalls, reply.requestAt, reply.savedAt),
			userSaveMs: reply.requestAt - reply.sentAt,
			replySaveMs: reply.savedAt - reply.requestAt,
			frames: writes.length,
			longestFrameGapMs: longestGap(writes, reply.requestAt, reply.savedAt),
			keysTyped,
			eventLoopDelay: diagnostics.eventLoopDelay,
		};
	} finally {
		chat.pty.kill();
	}
}
