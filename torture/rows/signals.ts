// SIGTERM, SIGHUP (the terminal closed) and SIGINT (kill -INT) while a reply streams: each must end the app like Ctrl+C
// does — the partial reply saved as stopped, the user's message kept, the terminal restored.
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {generatedChunk} from '../../test/support/mock-server.js';
import {App} from '../lib/app.js';
import type {RowResult, TortureContext} from '../lib/context.js';
import {readDb} from '../lib/db.js';

const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
const chunks = 3000;
const fullReply = Array.from({length: chunks}, (_, index) => generatedChunk(index)).join('');

export async function signalsMidStream(context: TortureContext): Promise<RowResult> {
	const folder = join(context.dir, 'signals');
	await mkdir(folder);
	const result: RowResult = {id: 'signals', row: 'SIGTERM / SIGHUP / SIGINT while a reply streams', cases: 0, lost: 0, allowed: 0, failures: [], details: {}};
	context.server.setHandler(() => ({chunks, chunkDelayMs: 10}));
	try {
		for (const signal of signals) {
			const db = join(folder, `${signal}.db`);
			const app = await App.launch(context, {db, args: ['--new']});
			try {
				await app.ready();
				const text = `${signal} mid-stream`;
				await app.send(text);
				await app.terminal.waitForText('carries one small', 15_000); // some of the reply is on screen
				app.signal(signal);
				const status = await app.exit(15_000);
				result.cases++;
				if (status === undefined) {
					result.failures.push(`${signal}: the app was still running 15 s later`);
					await app.killHard();
				}
				if (app.terminal.alternateScreen) result.failures.push(`${signal}: the terminal was left on the alternate screen`);
				const state = await readDb(db, [app.sessionId]);
				const messages = state.sessions.get(app.sessionId) ?? [];
				if (!messages.some(message => message.role === 'user' && message.content === text)) {
					result.lost++;
					result.failures.push(`${signal}: the user's message was not saved${state.problem === undefined ? '' : ` (the database is ${state.problem})`}`);
				}
				const reply = messages.find(message => message.role === 'assistant');
				if (reply === undefined || reply.content === '' || !fullReply.startsWith(reply.content)) {
					result.lost++;
					result.failures.push(`${signal}: the partial reply on screen was not saved${reply === undefined ? '' : ` (saved: ${JSON.stringify(reply.content.slice(0, 40))})`}`);
				} else if (reply.status !== 'stopped') {
					result.failures.push(`${signal}: the partial reply was saved as ${reply.status}, not stopped`);
				}
				result.details[signal] = {exitStatus: status ?? null, savedReplyChars: reply?.content.length ?? 0};
			} finally {
				await app.close();
			}
		}
	} finally {
		context.server.setHandler(undefined);
	}
	return result;
}
