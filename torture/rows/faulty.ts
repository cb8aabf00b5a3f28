// Replies that go wrong in every way a network and a server can: cut mid-stream, stalled, 500 and 503, 429, an HTML page
// instead of a stream. The app must keep running, keep every user message, and keep every bit of reply text it received.
import {mkdir} from 'node:fs/promises';
import {assertNever} from '../../source/assert-never.js';
import {join} from 'node:path';
import {lastUserText} from '../../test/support/mock-server.js';
import type {ScriptedReply} from '../../test/support/mock-server.js';
import {App} from '../lib/app.js';
import type {RowResult, TortureContext} from '../lib/context.js';
import {readDb, waitForMessages} from '../lib/db.js';
import {startFaultProxy} from '../lib/fault-proxy.js';

const kinds = ['ok', 'cut', 'stall', '500', '503', '429', 'html'] as const;
type Kind = typeof kinds[number];

const chunkCount = 12;

function pieces(index: number): string[] {
	return Array.from({length: chunkCount}, (_, chunk) => `r${index}c${chunk} `);
}

/** What the server does for the message "fault INDEX KIND AT" (AT: where a cut or a stall falls). */
function scripted(text: string): ScriptedReply {
	const [, index = '0', kind = 'ok', at = '0'] = text.split(' ');
	const chunks = pieces(Number(index));
	const fast = {headers: {'retry-after-ms': '1'}}; // the SDK retries 429 and 5xx: without a wait
	switch (kind as Kind) {
		case 'cut': {
			return {chunks, dropAfter: Number(at)};
		}
		case 'stall': {
			return {chunks, stallAfter: Number(at)};
		}
		case '500':
		case '503':
		case '429': {
			return {status: Number(kind), ...fast};
		}
		case 'ok':
		case 'html': {
			return {chunks}; // (the proxy answers html itself)
		}
		default: {
			throw new Error(`Unknown fault "${kind}".`);
		}
	}
}

/** The reply text the app received, which must be saved: all of it, the part before a cut or stall, or nothing. */
function expectedReply(index: number, kind: Kind, at: number): string {
	const chunks = pieces(index);
	switch (kind) {
		case 'ok': {
			return chunks.join('');
		}
		case 'cut':
		case 'stall': {
			return chunks.slice(0, at).join('');
		}
		case '500':
		case '503':
		case '429':
		case 'html': {
			return '';
		}
		default: {
			return assertNever(kind);
		}
	}
}

export async function faultyReplies(context: TortureContext, plan: {replies: number}): Promise<RowResult> {
	const folder = join(context.dir, 'faulty');
	await mkdir(folder);
	const db = join(folder, 'agents.db');
	const result: RowResult = {id: 'faulty', row: `${plan.replies} replies with random cuts, stalls, 5xx, 429 and HTML`, cases: 0, lost: 0, allowed: 0, failures: [], details: {}};
	const proxy = await startFaultProxy(context.server.url, body => body !== '' && lastUserText(JSON.parse(body) as unknown).split(' ')[2] === 'html');
	context.server.setHandler(request => scripted(lastUserText(request.body)));
	// Every kind at least once, then at random.
	const faults = Array.from({length: plan.replies}, (_, index) => {
		const kind = index < kinds.length ? kinds[index]! : kinds[Math.floor(context.random() * kinds.length)]!;
		return {kind, at: 1 + Math.floor(context.random() * (chunkCount - 2))};
	});
	const counts: Record<string, number> = {};
	const app = await App.launch(context, {db, args: ['--new', '--timeout', '1'], baseUrl: proxy.url});
	try {
		await app.ready();
		for (const [index, {kind, at}] of faults.entries()) {
			await app.send(`fault ${index} ${kind} ${at}`);
			const settled = await waitForMessages(db, app.sessionId, messages => messages.length >= (index + 1) * 2, 30_000);
			if (settled === undefined) {
				result.failures.push(`reply ${index} (${kind}) was never settled and saved; stopped there`);
				break;
			}
			counts[kind] = (counts[kind] ?? 0) + 1;
			result.cases++;
			await app.terminal.waitForScreen(screen => /● (idle|error)/.test(screen), 'the app to be ready again', 15_000);
		}
		app.terminal.keys('C-c');
		if (await app.exit(15_000) === undefined) result.failures.push('the app did not quit at the end');
		const messages = (await readDb(db, [app.sessionId])).sessions.get(app.sessionId) ?? [];
		for (const [index, {kind, at}] of faults.slice(0, result.cases).entries()) {
			const user = messages[index * 2];
			const reply = messages[index * 2 + 1];
			if (user?.content !== `fault ${index} ${kind} ${at}`) {
				result.lost++;
				result.failures.push(`reply ${index} (${kind}): the user's message is missing`);
			}
			const expected = expectedReply(index, kind, at);
			if (reply?.role !== 'assistant' || reply.content.length < expected.length || !reply.content.startsWith(expected)) {
				result.lost++;
				result.failures.push(`reply ${index} (${kind}): ${JSON.stringify(expected)} was received but ${reply === undefined ? 'nothing' : JSON.stringify(reply.content)} was saved`);
			} else if (kind !== 'ok' && reply.status !== 'error') {
				result.failures.push(`reply ${index} (${kind}): saved as ${reply.status}, not as an error`);
			}
		}
		result.details['kinds'] = counts;
	} finally {
		await app.close();
		context.server.setHandler(undefined);
		await proxy.close();
	}
	return result;
}
