// kill -9 at random instants across send, stream and save, on a big database: the file must always open, hold every
// message it held before, and the message whose request reached the model; only the reply in flight may be lost.
import {mkdir, readdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {generateDatabase} from '../../test/support/generate-db.js';
import {lastUserText} from '../../test/support/mock-server.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {App, randomDelay} from '../lib/app.js';
import type {RowResult, TortureContext} from '../lib/context.js';
import {readDb, waitForMessages} from '../lib/db.js';
import type {DbMessage} from '../lib/db.js';

export interface KillPlan {
	cases: number;
	sessions: number;
	messagesPerSession: number;
}

/**
 * How long one exchange takes here, from Enter to the reply on disk (the user message's save, the stream, the reply's
 * save), measured once so that the kills fall across all of it on any machine.
 */
async function measureExchange(context: TortureContext, db: string): Promise<number> {
	const app = await App.launch(context, {db, args: ['--new']});
	try {
		await app.ready();
		const started = performance.now();
		await app.send('calibration');
		if (await waitForMessages(db, app.sessionId, messages => messages.length >= 2, 60_000) === undefined) throw new Error('the calibration exchange was never saved');
		const took = performance.now() - started;
		app.terminal.keys('C-c');
		await app.exit(30_000);
		return took;
	} finally {
		await app.close();
	}
}

/** How many of `expected` (in order) are missing from `found`. */
function missing(expected: readonly DbMessage[], found: readonly DbMessage[] | undefined): number {
	return expected.filter((message, index) => found?.[index]?.content !== message.content || found[index]?.role !== message.role).length;
}

/** Who left each leftover file, and whether that process still exists (a leftover of a live process is not stale). */
async function owners(folder: string, names: readonly string[]): Promise<string> {
	const described = await Promise.all(names.map(async name => {
		const pid = /\.tmp-(\d+)-/.exec(name)?.[1] ?? (await readFile(join(folder, name), 'utf8').catch(() => '')).split('\n')[0];
		if (pid === undefined || pid === '') return `${name}: no owner`;
		const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
		return `${name}: process ${pid} ${status === undefined ? 'gone' : `still there (${/^Name:\s*(.*)$/m.exec(status)?.[1] ?? '?'}, ${/^State:\s*(.*)$/m.exec(status)?.[1] ?? '?'})`}`;
	}));
	return described.join('; ');
}

export async function killNine(context: TortureContext, plan: KillPlan): Promise<RowResult> {
	const folder = join(context.dir, 'kill9');
	await mkdir(folder);
	const db = join(folder, 'agents.db');
	await generateDatabase(db, {sessions: plan.sessions, messagesPerSession: plan.messagesPerSession});
	const size = (await stat(db)).size;
	const row = `kill -9 at ${plan.cases} random instants (send/stream/save), ${(size / 1e6).toFixed(1)} MB database`;
	context.log(`${row}`);
	context.server.setHandler(request => ({chunks: ['You ', 'said: ', lastUserText(request.body), ...Array.from({length: 30}, (_, index) => ` word${index}`)], chunkDelayMs: 5}));

	const result: RowResult = {id: 'kill9', row, cases: 0, lost: 0, allowed: 0, failures: [], details: {databaseBytes: size}};
	const windowMs = Math.ceil(await measureExchange(context, db) * 1.2);
	const phases = {beforeRequest: 0, replyNotSaved: 0, replySaved: 0, midSave: 0};
	let total = (await readDb(db)).total;
	const confirmed = new Map<string, DbMessage[]>();
	try {
		for (let index = 0; index < plan.cases; index++) {
			const app = await App.launch(context, {db, args: ['--new']});
			await app.ready();
			const text = `kill9 case ${index}`;
			const requestsBefore = context.server.requests.length;
			await app.send(text);
			const waitedMs = await randomDelay(context, windowMs);
			await app.killHard();
			await app.close();
			result.cases++;

			// A save's temp file or lock left behind: the kill fell in the middle of a save.
			if ((await readdir(folder)).some(name => name !== 'agents.db')) phases.midSave++;
			const reached = context.server.requests.slice(requestsBefore).some(request => lastUserText(request.body) === text);
			const state = await readDb(db, [...confirmed.keys(), app.sessionId]);
			if (state.problem !== undefined) {
				result.lost += total;
				result.failures.push(`case ${index} (killed ${waitedMs} ms after Enter): the database is ${state.problem}`);
				break;
			}
			let tracked = 0;
			for (const [id, messages] of confirmed) tracked += missing(messages, state.sessions.get(id));
			// Messages only ever get added here: fewer than before means some vanished (in the generated sessions too).
			let lostHere = Math.max(tracked, total - state.total);
			const mine = state.sessions.get(app.sessionId) ?? [];
			const hasUser = mine.some(message => message.role === 'user' && message.content === text);
			const hasReply = mine.some(message => message.role === 'assistant');
			if (reached && !hasUser) lostHere++;
			if (lostHere > 0) result.failures.push(`case ${index} (killed ${waitedMs} ms after Enter): ${lostHere} saved message(s) lost`);
			if (!reached) phases.beforeRequest++;
			else if (hasReply) phases.replySaved++;
			else {
				// The one reply in flight: allowed.
				phases.replyNotSaved++;
				result.lost++;
				result.allowed++;
			}
			result.lost += lostHere;
			confirmed.set(app.sessionId, mine);
			total = state.total;
		}
		// The next start cleans up whatever the kills left (temp files, a lock) and finds everything.
		const store = await SqlJsSessionStore.open(db);
		await store.close();
		const left = (await readdir(folder)).filter(name => name !== 'agents.db');
		if (left.length > 0) result.failures.push(`after a normal start these were still there: ${left.join(', ')} (${await owners(folder, left)})`);
		const final = await readDb(db, confirmed.keys());
		for (const [id, messages] of confirmed) result.lost += missing(messages, final.sessions.get(id));
	} finally {
		context.server.setHandler(undefined);
	}
	result.details = {...result.details, windowMs, phases};
	return result;
}
