// Builds big session databases with the store's own schema, fast (one transaction, prepared statements).
// `npx tsx test/support/generate-db.ts --measure [sessions] [messagesPerSession]` measures the store on one (default 1,000 × 100),
// in a fresh process.
import {spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {ensureFolder, writeAtomically} from '../../source/store/files.js';
import type {MessageRecord} from '../../source/store/mutations.js';
import {migrate} from '../../source/store/schema.js';
import {applyPragmas, keepHeadroom, loadSqlJs} from '../../source/store/sqljs.js';
import {SqlJsSessionStore} from '../../source/store/session-store.js';
import {insertSessionsBulk} from './bulk-insert.js';
import type {BulkSession} from './bulk-insert.js';

export interface GenerateOptions {
	sessions: number;
	messagesPerSession: number;
	user?: string;
	/** Build the database at this schema version instead of the newest (3 or later, e.g. 3 to measure a migration). */
	schemaVersion?: number;
}

const words = (
	'the a session model reply stream token history message terminal render markdown code function value return error ' +
	'database file save store query index user agent request response config option layout pane window focus key ' +
	'quickly simply carefully usually first then next finally because when while although however therefore'
).split(' ');

/** Small deterministic generator, so two runs build the same text. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function sentence(next: () => number, length: number): string {
	const parts = Array.from({length}, () => words[Math.floor(next() * words.length)]!);
	const text = parts.join(' ');
	return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function userText(next: () => number): string {
	return `${sentence(next, 8 + Math.floor(next() * 14))} ${sentence(next, 6 + Math.floor(next() * 10))}`;
}

/** About 1.2 kB of markdown: a heading, paragraphs, a list and a code block, like a typical model answer. */
function assistantText(next: () => number): string {
	const list = Array.from({length: 3}, () => `- **${sentence(next, 2).slice(0, -1)}**: ${sentence(next, 10)}`).join('\n');
	return [
		`## ${sentence(next, 4).slice(0, -1)}`,
		`${sentence(next, 18)} ${sentence(next, 22)} ${sentence(next, 16)}`,
		list,
		'```ts\nfunction save(store: Store): Promise<void> {\n\treturn store.save();\n}\n```',
		`${sentence(next, 20)} ${sentence(next, 14)}`,
	].join('\n\n');
}

/** Writes a database of `sessions` sessions with `messagesPerSession` alternating user/assistant messages each to `path`. */
export async function generateDatabase(path: string, options: GenerateOptions): Promise<void> {
	const SQL = await loadSqlJs();
	// Filled at version 3 and then migrated: building the search index in one go (schema 4) is about 8 times faster than
	// through the triggers, one message at a time, and leaves it as an upgraded file has it.
	const db = new SQL.Database();
	applyPragmas(db);
	migrate(db, Math.min(options.schemaVersion ?? 3, 3));
	try {
		const next = random(42);
		const start = Date.UTC(2025, 0, 1);
		const batch = 100;
		for (let first = 0; first < options.sessions; first += batch) {
			const sessions: BulkSession[] = [];
			for (let index = first; index < Math.min(first + batch, options.sessions); index++) {
				const createdAt = start + (index * 3_600_000);
				const messages: MessageRecord[] = Array.from({length: options.messagesPerSession}, (_, position) => {
					const role = position % 2 === 0 ? 'user' : 'assistant';
					return {
						role, content: role === 'user' ? userText(next) : assistantText(next), status: 'complete', error: null,
						usage: role === 'user' ? null : {promptTokens: 100 + position, completionTokens: 300, totalTokens: 400 + position},
						createdAt: createdAt + (position * 1000), thinking: null, thinkingMs: null, model: null,
					};
				});
				sessions.push({id: randomUUID(), userId: options.user ?? 'user', model: 'gpt-4o', createdAt, title: index % 10 === 0 ? `Named session ${index}` : null, messages});
			}
			insertSessionsBulk(db, sessions);
		}
		migrate(db, options.schemaVersion);
		keepHeadroom(db);
		await ensureFolder(path);
		await writeAtomically(path, db.export());
	} finally {
		db.close();
	}
}

/** Busy time of this thread's event loop while `work` ran, in ms (the rest it was idle, waiting). */
let lastBusyMs = 0;

/** Longest time the event loop was blocked while `work` ran, in ms (a 1 ms timer's worst lateness). Also sets `lastBusyMs`. */
async function longestStall(work: () => Promise<void>): Promise<number> {
	const utilization = performance.eventLoopUtilization();
	let worst = 0;
	let last = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		worst = Math.max(worst, now - last);
		last = now;
	}, 1);
	await new Promise(resolve => setImmediate(resolve));
	last = performance.now();
	await work();
	clearInterval(timer);
	lastBusyMs = performance.eventLoopUtilization(utilization).active;
	return Math.max(worst, performance.now() - last);
}

function time<T>(work: () => T): [T, number] {
	const started = performance.now();
	const result = work();
	return [result, performance.now() - started];
}

/** Measures the store on the database at `path` (run in a fresh process, so the generator's memory does not count). */
async function measureFile(path: string, messagesPerSession: number): Promise<void> {
	const ms = (value: number) => `${value.toFixed(1)} ms`;
	const idle = await longestStall(() => new Promise(resolve => setTimeout(resolve, 1000)));
	console.log(`baseline: longest event-loop stall while idle for 1 s: ${ms(idle)} (scheduling noise of this machine)`);
	let started = performance.now();
	let store!: SqlJsSessionStore;
	const openStall = await longestStall(async () => {
		store = await SqlJsSessionStore.open(path);
	});
	console.log(`open: ${ms(performance.now() - started)} (loads sql.js and starts the save thread too); longest event-loop stall ${ms(openStall)}, busy ${ms(lastBusyMs)}`);
	started = performance.now();
	const again = await SqlJsSessionStore.open(path);
	console.log(`open of a second store in the same process: ${ms(performance.now() - started)}`);
	await again.close();
	const [page, listMs] = time(() => store.listSessions('user', {limit: 50}));
	console.log(`listSessions first page of 50: ${ms(listMs)}`);
	console.log(`countSessions: ${ms(time(() => store.countSessions('user'))[1])}`);
	console.log(`latestSession: ${ms(time(() => store.latestSession('user'))[1])}`);
	console.log(`getSession of ${messagesPerSession} messages: ${ms(time(() => store.getSession(page[0]!.id))[1])}`);
	for (const filter of ['terminal', 'zebra']) {
		for (let round = 1; round <= 2; round++) {
			console.log(`searchSessions page of 50 for "${filter}" (${filter === 'zebra' ? 'in no message' : 'in most'}), run ${round}: ${ms(time(() => store.searchSessions('user', filter, {limit: 50}))[1])}`);
		}
	}

	for (let round = 1; round <= 3; round++) {
		const [, appendMs] = time(() => store.appendMessage(page[0]!.id, {role: 'user', content: `message ${round} `.repeat(100)}));
		const stall = await longestStall(() => store.save());
		const last = store.stats.last;
		console.log(`append (${ms(appendMs)}) + save ${round}: ${ms(last.totalMs)} in the save thread (lock ${ms(last.lockMs)}, export ${ms(last.exportMs)}, write+fsync+rename ${ms(last.writeMs)}); longest event-loop stall ${ms(stall)}, this thread busy ${ms(lastBusyMs)} in all`);
	}

	const other = await SqlJsSessionStore.open(path);
	other.appendMessage(page[1]!.id, {role: 'user', content: 'from another window'});
	await other.save();
	await other.close();
	store.appendMessage(page[2]!.id, {role: 'user', content: 'and from this one'});
	const mergeStall = await longestStall(() => store.save());
	const last = store.stats.last;
	console.log(`save after another instance wrote (merge): ${ms(last.totalMs)} in the save thread (merge ${ms(last.mergeMs)}, export ${ms(last.exportMs)}), reload here ${ms(last.mainThreadMs)}; longest event-loop stall ${ms(mergeStall)}, this thread busy ${ms(lastBusyMs)} in all`);
	console.log(`memory: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB resident (app thread and save thread)`);
	await store.close();
}

async function measure(sessions: number, messagesPerSession: number): Promise<void> {
	const folder = await mkdtemp(join(tmpdir(), 'agent-session-measure-'));
	const path = join(folder, 'big.db');
	try {
		const started = performance.now();
		await generateDatabase(path, {sessions, messagesPerSession});
		const size = (await stat(path)).size;
		console.log(`generated ${sessions * messagesPerSession} messages, ${(size / 1e6).toFixed(1)} MB, in ${(performance.now() - started).toFixed(0)} ms`);
		const script = fileURLToPath(import.meta.url);
		const child = spawnSync(process.execPath, [...process.execArgv, script, '--measure-file', path, String(messagesPerSession)], {stdio: 'inherit'});
		if (child.status !== 0) throw new Error(`The measurement failed (exit code ${child.status}).`);
	} finally {
		await rm(folder, {recursive: true, force: true});
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const args = process.argv.slice(2);
	if (args[0] === '--measure-file') {
		await measureFile(args[1]!, Number(args[2]));
	} else if (args[0] === '--measure') {
		const [sessions = 1000, perSession = 100] = args.slice(1).map(Number);
		await measure(sessions, perSession);
	}
}
