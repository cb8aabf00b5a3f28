// A disk that fills up or turns read-only under a running app (a small tmpfs of our own): the app must say so, keep the
// messages, and either save them once the disk works again or — when it has to go (a signal, a quit) — leave a recovery
// file that the next start merges. Nothing may be lost in silence.
import {join} from 'node:path';
import {onCleanup} from '../../bench/lib/cleanup.js';
import {recoverOnStart} from '../../source/store/recovery.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {mountTmpfs, tmpfsUnavailable} from '../../test/support/tmpfs.js';
import type {Tmpfs} from '../../test/support/tmpfs.js';
import {App} from '../lib/app.js';
import type {RowResult, TortureContext} from '../lib/context.js';
import {readDb, waitForMessages} from '../lib/db.js';
import type {DbMessage} from '../lib/db.js';

export type DiskCase = 'full, then space returns' | 'SIGTERM while full' | 'quit while full' | 'read-only, then writable again' | 'SIGTERM while read-only';

/** The app's notice that a save failed (its start: the rest may be cut at the pane's width). */
const notice = /Cannot save/;

function missing(expected: readonly string[], messages: readonly DbMessage[]): number {
	return expected.filter(content => !messages.some(message => message.content === content)).length;
}

/** What the next start does with recovery files (merge, save, remove), through the store's own code. */
async function nextStart(db: string, context: TortureContext): Promise<string[]> {
	const store = await SqlJsSessionStore.open(db);
	try {
		return await recoverOnStart(store, [join(db, '..'), context.tmp, context.home]);
	} finally {
		await store.close();
	}
}

async function runCase(context: TortureContext, kind: DiskCase, failures: string[]): Promise<{lost: number; details: Record<string, unknown>}> {
	const disk: Tmpfs = mountTmpfs(2 * 1024 * 1024);
	const unmount = onCleanup(() => {
		disk.unmount();
	});
	const full = kind.includes('full');
	const repair = async () => (full ? disk.free() : disk.readOnly(false));
	const db = join(disk.path, 'agents.db');
	const app = await App.launch(context, {db, args: ['--new']});
	const details: Record<string, unknown> = {};
	try {
		await app.ready();
		await app.send('before the fault');
		const expected = ['before the fault', 'You said: before the fault'];
		if (await waitForMessages(db, app.sessionId, messages => missing(expected, messages) === 0, 20_000) === undefined) {
			failures.push(`${kind}: the first exchange was not saved before the fault`);
		}
		if (full) await disk.fill();
		else disk.readOnly(true);
		await app.send('during the fault');
		expected.push('during the fault', 'You said: during the fault');
		await app.terminal.waitForText('You said: during the fault', 20_000);
		try {
			await app.terminal.waitForText(notice, 10_000);
		} catch {
			failures.push(`${kind}: no notice said the save failed`);
		}

		if (kind === 'full, then space returns' || kind === 'read-only, then writable again') {
			await repair();
			const saved = await waitForMessages(db, app.sessionId, messages => missing(expected, messages) === 0, 30_000);
			if (saved === undefined) failures.push(`${kind}: not saved within 30 s after the disk worked again`);
			else if (await app.terminal.waitForScreen(screen => !notice.test(screen), 'the notice to clear', 3000).then(() => false, () => true)) {
				failures.push(`${kind}: the "cannot save" notice stayed after the save succeeded`);
			}
			app.terminal.keys('C-c');
			details['exitStatus'] = await app.exit(15_000) ?? 'still running';
		} else {
			if (kind === 'quit while full') app.terminal.keys('C-c');
			else app.signal('SIGTERM');
			const status = await app.exit(kind === 'quit while full' ? 5000 : 15_000);
			details['exitStatus'] = status ?? 'still running';
			if (status === undefined) {
				// It asked what to do (retry / recovery file / quit anyway): with the disk working again, everything gets saved.
				await repair();
				await waitForMessages(db, app.sessionId, messages => missing(expected, messages) === 0, 30_000);
				app.signal('SIGTERM');
				if (await app.exit(15_000) === undefined) failures.push(`${kind}: the app did not end`);
			} else {
				if (status === 0) failures.push(`${kind}: exit status 0 although messages were not saved`);
				const screen = app.terminal.screen();
				if (!/recover/i.test(screen)) failures.push(`${kind}: nothing said where the unsaved messages went (no recovery file named)`);
				await repair();
			}
		}
		await app.killHard();
		const notices = await nextStart(db, context);
		details['nextStart'] = notices;
		const state = await readDb(db, [app.sessionId]);
		if (state.problem !== undefined) failures.push(`${kind}: the database is ${state.problem}`);
		const lost = missing(expected, state.sessions.get(app.sessionId) ?? []);
		if (lost > 0) failures.push(`${kind}: ${lost} message(s) lost`);
		return {lost, details};
	} finally {
		await app.close();
		await unmount();
	}
}

export async function diskFaults(context: TortureContext, cases: readonly DiskCase[]): Promise<RowResult> {
	const row = 'disk full / read-only mid-session (small tmpfs)';
	const result: RowResult = {id: 'disk', row, cases: 0, lost: 0, allowed: 0, failures: [], details: {}};
	const unavailable = tmpfsUnavailable();
	if (unavailable !== undefined) return {...result, skipped: unavailable};
	for (const kind of cases) {
		const {lost, details} = await runCase(context, kind, result.failures);
		result.cases++;
		result.lost += lost;
		result.details[kind] = details;
	}
	return result;
}
