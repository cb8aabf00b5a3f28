// Hostile bytes in replies and in stored rows: escape sequences that write the clipboard, set the title, clear the
// screen, ask the terminal to type, links, C1 controls and bidi overrides. None may reach the terminal as they are (the
// raw output is captured with tmux pipe-pane), and every one must be stored exactly as it came.
import {mkdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {App} from '../lib/app.js';
import type {RowResult, TortureContext} from '../lib/context.js';
import {readDb, waitForMessages} from '../lib/db.js';

/**
 * Each family: its name, its bytes (put between [[ ]] in the text), and what in the raw output proves it leaked — the
 * sequence itself where the app never writes one of its own, else the sequence right after the "[[" before it.
 */
const families: Array<[string, string, string]> = [
	['OSC 52 clipboard write', '\u001B]52;c;UFdORUQ=\u0007', '\u001B]52;'],
	['OSC 0 title change', '\u001B]0;PWNED-TITLE\u0007', '\u001B]0;PWNED'],
	['OSC 8 link', '\u001B]8;;https://evil.example/\u001B\\', '\u001B]8;;https://evil'],
	['screen clear', '\u001B[2J', '[[\u001B[2J'],
	['cursor position request (makes the terminal type)', '\u001B[6n', '\u001B[6n'],
	['DCS request', '\u001BP+q544e\u001B\\', '\u001BP+q'],
	['C1 CSI', '\u009B31m', '\u009B'],
	['bell', '\u0007', '[[\u0007'],
	['right-to-left override U+202E', '\u202E', '\u202E'],
	['isolate U+2066', '\u2066', '\u2066'],
	['right-to-left mark U+200F', '\u200F', '\u200F'],
];

function hostile(label: string): string {
	return `${label}: ${families.map(([name, bytes]) => `${name} [[${bytes}]]`).join(', ')}. End of ${label}.`;
}

export async function hostileBytes(context: TortureContext): Promise<RowResult> {
	const folder = join(context.dir, 'hostile');
	await mkdir(folder);
	const db = join(folder, 'agents.db');
	const raw = join(folder, 'raw-output.bin');
	const result: RowResult = {id: 'hostile', row: 'hostile bytes in replies and stored rows (raw output checked)', cases: 0, lost: 0, allowed: 0, failures: [], details: {}};
	const seed = await SqlJsSessionStore.open(db);
	const session = seed.createSession('user', 'mock');
	const stored = [hostile('stored question'), hostile('stored answer')];
	seed.appendMessage(session.id, {role: 'user', content: stored[0]!});
	seed.appendMessage(session.id, {role: 'assistant', content: stored[1]!});
	await seed.close();

	// And a reply cut inside an emoji: its lone surrogate is stored as one U+FFFD, the same after a reopen.
	const reply = `${hostile('streamed reply')} Cut emoji: ${'😀'.slice(0, 1)}!`;
	const app = await App.launch(context, {db, args: ['--session', session.id], rawOutput: raw});
	try {
		await app.ready();
		context.server.script({chunks: [...reply].reduce<string[]>((pieces, character, index) => {
			// Cut anywhere, even inside a sequence, as a network would.
			if (index % 7 === 0) pieces.push(character);
			else pieces[pieces.length - 1] += character;
			return pieces;
		}, [])});
		await app.send('hostile please');
		await waitForMessages(db, session.id, messages => messages.length >= 4, 30_000);
		await app.terminal.waitForText('● idle', 15_000);
		app.terminal.keys('C-c');
		await app.exit(15_000);
		result.cases = 3;
		const output = await readFile(raw, 'latin1');
		const text = Buffer.from(output, 'latin1').toString('utf8');
		for (const [name, , leak] of families) {
			if (text.includes(leak)) result.failures.push(`${name} reached the terminal as is`);
		}
		if (app.terminal.format('pane_title').includes('PWNED')) result.failures.push('the terminal title was changed');
		result.details['rawOutputBytes'] = output.length;
		const state = await readDb(db, [session.id]);
		const contents = (state.sessions.get(session.id) ?? []).map(message => message.content);
		for (const original of [...stored, reply.toWellFormed()]) {
			if (!contents.includes(original)) {
				result.lost++;
				result.failures.push(`${original.slice(0, original.indexOf(':'))} was not stored exactly as it came`);
			}
		}
	} finally {
		await app.close();
	}
	return result;
}
