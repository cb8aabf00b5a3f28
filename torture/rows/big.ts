// Big input and big output: a paste of a megabyte, a reply of megabytes, a reply of ten thousand lines. Each must be
// saved exactly, and the app must stay usable.
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {App} from '../lib/app.js';
import type {RowResult, TortureContext} from '../lib/context.js';
import {waitForMessages} from '../lib/db.js';

function kilobytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export async function bigPaste(context: TortureContext, bytes: number): Promise<RowResult> {
	const folder = join(context.dir, 'paste');
	await mkdir(folder);
	const db = join(folder, 'agents.db');
	const result: RowResult = {id: 'paste', row: `a ${kilobytes(bytes)} paste`, cases: 1, lost: 0, allowed: 0, failures: [], details: {}};
	const lines: string[] = [];
	for (let size = 0, index = 0; size < bytes; index++) {
		const line = `paste line ${String(index).padStart(6, '0')} ${'abcdefghij'.repeat(4)}`;
		lines.push(line);
		size += line.length + 1;
	}
	const text = lines.join('\n');
	const file = join(folder, 'paste.txt');
	await writeFile(file, text);
	const app = await App.launch(context, {db, args: ['--new']});
	try {
		await app.ready();
		// A bracketed paste, as a terminal sends one (tmux turns its line feeds into carriage returns, as a terminal would).
		app.terminal.tmux('load-buffer', '-b', 'paste', file);
		const started = performance.now();
		app.terminal.tmux('paste-buffer', '-p', '-d', '-b', 'paste', '-t', 'app');
		await app.terminal.waitForText(lines.at(-1)!.slice(0, 18), 120_000);
		app.terminal.keys('Enter');
		const saved = await waitForMessages(db, app.sessionId, messages => messages.some(message => message.role === 'assistant'), 120_000);
		result.details['seconds'] = Math.round(performance.now() - started) / 1000;
		const stored = saved?.find(message => message.role === 'user')?.content;
		if (stored !== text) {
			result.lost++;
			result.failures.push(stored === undefined ? 'the pasted message was not saved' : `the pasted message was saved changed (${stored.length} characters of ${text.length})`);
		}
		app.terminal.keys('C-c');
		if (await app.exit(30_000) === undefined) result.failures.push('the app did not quit after the paste');
	} finally {
		await app.close();
	}
	return result;
}

/** A reply this big must be streamed, shown and saved within this long. */
const replyLimitMs = 180_000;

export async function bigReplies(context: TortureContext, plan: {bytes: number; lines: number}): Promise<RowResult> {
	const folder = join(context.dir, 'replies');
	await mkdir(folder);
	const result: RowResult = {id: 'replies', row: `a ${kilobytes(plan.bytes)} reply and a ${plan.lines.toLocaleString('en')}-line reply`, cases: 0, lost: 0, allowed: 0, failures: [], details: {}};
	const piece = `${'0123456789'.repeat(10)}\n`;
	const replies: Array<[string, string[]]> = [
		['big reply', Array.from({length: Math.ceil(plan.bytes / piece.length)}, () => piece)],
		['many lines', Array.from({length: plan.lines}, (_, index) => `line ${index + 1} of ${plan.lines}\n`)],
	];
	// Each in an app of its own, so that one that never ends does not hold up the other.
	for (const [index, [ask, chunks]] of replies.entries()) {
		const db = join(folder, `${index}.db`);
		const text = chunks.join('');
		const app = await App.launch(context, {db, args: ['--new']});
		try {
			await app.ready();
			context.server.script({chunks});
			const started = performance.now();
			await app.send(ask);
			const saved = await waitForMessages(db, app.sessionId, messages => messages.length >= 2, replyLimitMs);
			const seconds = Math.round(performance.now() - started) / 1000;
			result.details[ask] = {seconds, bytes: text.length};
			result.cases++;
			const reply = saved?.[1];
			if (reply === undefined) {
				result.failures.push(`${ask}: not saved within ${replyLimitMs / 1000} s (${/streaming/.test(app.terminal.screen()) ? 'the app was still streaming it' : 'the app was not streaming any more'})`);
				continue;
			}
			if (reply.content !== text) {
				result.lost++;
				result.failures.push(`${ask}: saved changed (${reply.content.length} characters of ${text.length})`);
			}
			await app.terminal.waitForText('● idle', 60_000);
			app.terminal.keys('C-c');
			if (await app.exit(60_000) === undefined) result.failures.push(`${ask}: the app did not quit after it`);
		} finally {
			await app.close();
		}
	}
	return result;
}
