import {randomUUID} from 'node:crypto';
import * as withAgno from './agno/merged.js';
import {AgnoSessions} from './agno/sessions.js';
import * as alternatives from './alternatives.js';
import {resolveDbFile} from './db-path.js';
import {StoreError, unknownSessionError} from './errors.js';
import {describeFsError, openAndRead, removeLeftoverTemps} from './files.js';
import type {OpenedFile} from './files.js';
import type {Fingerprint} from './files.js';
import {replay} from './journal.js';
import type {JournalOp} from './journal.js';
import {forkSession} from './forks.js';
import {defaultLockOptions, removeStaleLock} from './lock.js';
import {insertMessage, insertSession, insertSnapshot, removeSession, sessionExists, setTitle, toRecord} from './mutations.js';
import * as queries from './queries.js';
import {openDatabase} from './schema.js';
import {snapshotOf} from './session-copy.js';
import {applySettings, modelName, recentModels} from './session-settings.js';
import type {SettingsOp} from './session-settings.js';
import {undoLastExchange} from './undo.js';
import {emptyImage} from './bundled-files.js';
import {handOver, loadSqlJs, queryValue} from './sqljs.js';
import type {Database} from './sqljs.js';
import {SaveQueue} from './save-queue.js';
import {SaveStatus} from './save-status.js';
import {saveThread} from './saver-client.js';
import type {SaveError, SaveStats, SaverSetup, StoreOptions} from './saver-protocol.js';
import type {SqlJsStatic} from 'sql.js';
import type {
	AgnoSkipped, AlternativeAppended, AppendedMessage, ExchangeUndone, ListOptions, NewMessage, SaveStatusListener, SearchOptions,
	SearchResult, SessionCopy, SessionStore, SessionSummary, SessionWithMessages, StoredMessage,
} from './types.js';
import {applyUnsaved, collectUnsaved} from './unsaved.js';
import type {MergeCounts, NewJournalOp, RecoveredChanges, UnsavedChanges} from './unsaved.js';

let nextStoreId = 1;

function storeError({kind, message, reason}: SaveError): StoreError {
	return new StoreError(kind, message, {reason});
}

/**
 * SessionStore over sql.js. Queries and changes run on the in-memory database at once; saves run in the save thread,
 * which keeps a replica (see saver.ts), so writing the whole file never blocks this thread's event loop.
 */
export class SqlJsSessionStore implements SessionStore {
	readonly path: string;
	readonly file: string;
	readonly stats: SaveStats = {saves: 0, merges: 0, last: {lockMs: 0, mergeMs: 0, exportMs: 0, writeMs: 0, totalMs: 0, mainThreadMs: 0}};
	readonly #id = nextStoreId++;
	readonly #SQL: SqlJsStatic;
	readonly #options: StoreOptions;
	#db: Database;
	/** Agno's sessions in `#db`, read lazily; replaced with `#db`. */
	#agno: AgnoSessions;
	/** The file as last read or written (to hand to a restarted save thread). */
	#known: Fingerprint | undefined;
	/** Changes since the last successful save; those after `#delivered` are not in the save thread's replica yet. */
	#unsaved: JournalOp[] = [];
	#delivered = 0;
	/** Counts changes (schema upgrades too; journal entries are numbered by it) and runs the saves. */
	readonly #queue = new SaveQueue(async changes => this.#saveOnce(changes), {
		onOutcome: error => {
			this.#status.report(error);
		},
	});
	readonly #status: SaveStatus;
	#attachedTo = -1;
	/** The save thread takes its replica in the background; saves wait for it (a failure there shows at the first save). */
	#attaching: Promise<void> = Promise.resolve();
	#closed = false;
	#lastTime = 0;

	private constructor(path: string, file: string, SQL: SqlJsStatic, db: Database, known: Fingerprint | undefined, options: StoreOptions) {
		this.path = path;
		this.file = file;
		this.#status = new SaveStatus(path);
		this.#SQL = SQL;
		this.#db = db;
		this.#agno = new AgnoSessions(db);
		this.#known = known;
		this.#options = options;
	}

	/**
	 * Opens the database at `path`. A path that does not exist yet gives an empty store with nothing written: the folder
	 * and the file are created by the first save, so a start-up that refuses (an unknown --session, say) leaves no trace.
	 * Rejects with a StoreError for paths that are not regular files and for files that are not ours.
	 */
	static async open(path: string, options: StoreOptions = {}): Promise<SqlJsSessionStore> {
		saveThread.warmUp();
		const SQL = await loadSqlJs();
		const {file, exists} = await resolveDbFile(path);
		let read;
		try {
			read = exists ? await openAndRead(file) : undefined;
		} catch (error) {
			if (error instanceof StoreError) throw error;
			throw new StoreError('unreadable', `Cannot open ${path}: ${describeFsError(error)}.`, {cause: error});
		}
		const store = read === undefined ? SqlJsSessionStore.#createLazily(SQL, path, file, options, await emptyImage()) : await SqlJsSessionStore.#load(SQL, path, file, options, read);
		// What a crashed save left behind.
		await removeLeftoverTemps(file);
		await removeLeftoverTemps(`${file}.lock`);
		await removeStaleLock(file, {...defaultLockOptions, ...options.lock});
		return store;
	}

	static async #load(SQL: SqlJsStatic, path: string, file: string, options: StoreOptions, read: OpenedFile): Promise<SqlJsSessionStore> {
		const {handle, fingerprint, bytes} = read;
		// An empty file is taken as a new database, written by the first change like a path that does not exist yet.
		const isEmpty = bytes.byteLength === 0;
		let store: SqlJsSessionStore;
		try {
			const {db, migrated, agnoFile} = openDatabase(SQL, isEmpty ? undefined : handOver(bytes), path, isEmpty ? await emptyImage() : undefined);
			store = new SqlJsSessionStore(path, file, SQL, db, fingerprint, options);
			// An Agno file is only written once there is something of ours to keep: reading it changes nothing.
			if (migrated && !isEmpty && !agnoFile) store.#changed();
		} catch (error) {
			await handle.close();
			throw error;
		}
		// The save thread reads its copy from the same open file, in the background; the file is closed once it has.
		store.#attaching = store.#attach(isEmpty ? undefined : {fd: handle.fd, size: bytes.byteLength})
			.finally(async () => handle.close().catch(() => undefined));
		return store;
	}

	/** A new database, in memory only; the save thread builds the same empty one, and its first save creates the file. */
	static #createLazily(SQL: SqlJsStatic, path: string, file: string, options: StoreOptions, image: Uint8Array | undefined): SqlJsSessionStore {
		const {db} = openDatabase(SQL, undefined, path, image);
		const store = new SqlJsSessionStore(path, file, SQL, db, undefined, options);
		store.#attaching = store.#attach(undefined);
		return store;
	}

	listSessions(userId: string, options?: ListOptions): SessionSummary[] {
		return withAgno.listSessions(this.#open(), this.#agno, userId, options);
	}

	countSessions(userId: string): number {
		return withAgno.countSessions(this.#open(), this.#agno, userId);
	}

	latestSession(userId: string): SessionSummary | undefined {
		return this.listSessions(userId, {limit: 1})[0];
	}

	getSession(id: string): SessionWithMessages | undefined {
		return withAgno.getSession(this.#open(), this.#agno, id);
	}

	agnoSkipped(userId: string): AgnoSkipped | undefined {
		this.#open();
		return this.#agno.skipped(userId);
	}

	otherUsers(userId: string, limit = 5): string[] {
		return withAgno.otherUsers(this.#open(), this.#agno, userId, limit);
	}

	createSession(userId: string, model: string, systemPrompt: string | null = null): SessionSummary {
		const db = this.#open();
		const session = {id: randomUUID(), userId, model, systemPrompt, createdAt: this.#now()};
		insertSession(db, session);
		this.#changed({kind: 'create', session});
		return this.#summary(session.id);
	}

	appendMessage(sessionId: string, message: NewMessage): AppendedMessage {
		const db = this.#open();
		this.#adoptIfAgno(sessionId);
		if (!sessionExists(db, sessionId)) throw unknownSessionError(sessionId);
		const record = toRecord(message, this.#now());
		const stored = insertMessage(db, sessionId, record);
		this.#changed({kind: 'append', sessionId, message: record});
		return {message: stored, session: this.#summary(sessionId)};
	}

	renameSession(id: string, title: string): SessionSummary {
		// One line; an empty name clears it, so the first message shows again.
		const name = title.toWellFormed().replaceAll(/\s+/g, ' ').trim();
		const value = name === '' ? null : name;
		this.#adoptIfAgno(id);
		if (!setTitle(this.#open(), id, value)) throw unknownSessionError(id);
		this.#changed({kind: 'rename', id, title: value});
		return this.#summary(id);
	}

	deleteSession(id: string): void {
		const db = this.#open();
		if (!sessionExists(db, id) && this.#agno.get(id) !== undefined) {
			throw new StoreError('agno-read-only', 'This session lives in Agno\'s own table, which agent-session never changes; delete it with Agno.');
		}
		if (!removeSession(db, id)) throw unknownSessionError(id);
		this.#changed({kind: 'delete', id});
	}

	importSession(copy: SessionCopy): SessionSummary {
		const db = this.#open();
		const taken = sessionExists(db, copy.id) || this.#agno.get(copy.id) !== undefined;
		const id = taken ? randomUUID() : copy.id;
		this.#insertCopy({...copy, id});
		return this.#summary(id);
	}

	setModel(id: string, model: string): SessionSummary {
		return this.#configure({kind: 'model', id, model: modelName(model)});
	}

	setSystemPrompt(id: string, systemPrompt: string | null): SessionSummary {
		return this.#configure({kind: 'system-prompt', id, systemPrompt});
	}

	recentModels(userId: string, limit = 20): string[] {
		queries.checkCount('limit', limit);
		return recentModels(this.#open(), userId, limit);
	}

	searchSessions(userId: string, query: string, options?: SearchOptions): SearchResult {
		return withAgno.searchSessions(this.#open(), this.#agno, userId, query, options);
	}

	appendAlternative(sessionId: string, reply: Omit<NewMessage, 'role'>): AlternativeAppended {
		const db = this.#open();
		this.#adoptIfAgno(sessionId);
		if (!sessionExists(db, sessionId)) throw unknownSessionError(sessionId);
		const {message, op} = alternatives.appendAlternative(db, sessionId, toRecord({...reply, role: 'assistant'}, this.#now()));
		this.#changed(op);
		return {...this.#session(sessionId), message};
	}

	alternativesOf(messageId: number): StoredMessage[] {
		return alternatives.alternativesOf(this.#open(), messageId);
	}

	chooseAlternative(messageId: number): SessionWithMessages {
		const {sessionId, op} = alternatives.chooseAlternative(this.#open(), messageId);
		this.#changed(op);
		return this.#session(sessionId);
	}

	forkSession(sessionId: string, atMessageId: number, editedText: string): SessionWithMessages {
		this.#adoptIfAgno(sessionId);
		// Read from Agno's table, a message's id is -(position + 1) (see agno/rows.ts); its copy here keeps the position.
		if (atMessageId < 0) {
			const copied = queryValue(this.#open(), 'SELECT id FROM messages WHERE session_id = ? AND position = ?', [sessionId, -atMessageId - 1]);
			if (typeof copied === 'number') atMessageId = copied;
		}
		const id = randomUUID();
		const createdAt = this.#now();
		const edited = toRecord({role: 'user', content: editedText}, this.#now());
		this.#changed(forkSession(this.#open(), {sessionId, atMessageId, id, createdAt, edited}));
		return this.#session(id);
	}

	undoLastExchange(sessionId: string): ExchangeUndone {
		const db = this.#open();
		this.#adoptIfAgno(sessionId);
		if (!sessionExists(db, sessionId)) throw unknownSessionError(sessionId);
		const {removed, op} = undoLastExchange(db, sessionId);
		if (op !== undefined) this.#changed(op);
		return {...this.#session(sessionId), removed};
	}

	save(): Promise<void> {
		return this.#queue.save();
	}

	get saveError(): StoreError | undefined {
		return this.#status.error;
	}

	onSaveStatus(listener: SaveStatusListener): () => void {
		return this.#status.subscribe(listener);
	}

	unsavedChanges(): UnsavedChanges {
		return collectUnsaved(this.#unsaved, this.#open());
	}

	mergeUnsaved(changes: RecoveredChanges): MergeCounts {
		return applyUnsaved(this.#open(), changes, op => {
			this.#changed(op);
		});
	}

	/** Saves what is pending, then closes. If the save fails it rejects and stays open, so nothing is lost and it can be retried. */
	async close(): Promise<void> {
		if (this.#closed) return;
		await this.#queue.save();
		await this.#queue.idle();
		if (this.#queue.pending) {
			await this.close(); // changed while the last save ran
			return;
		}
		this.#queue.stop();
		this.#closed = true;
		await this.#detach();
		this.#db.close();
	}

	/** Continuing an Agno session: its messages are copied into our tables once, under the same id. */
	#adoptIfAgno(id: string): void {
		const db = this.#open();
		if (sessionExists(db, id)) return;
		const agno = this.#agno.get(id);
		if (agno === undefined) return;
		const {summary, messages} = agno;
		// The title stays unset, so the first user message shows, as for Agno's row.
		this.#insertCopy({id, userId: summary.userId, title: null, model: summary.model, createdAt: summary.createdAt, updatedAt: summary.updatedAt, messages});
		// Our times must come after Agno's (its seconds may be ahead of our clock within the same second).
		this.#lastTime = Math.max(this.#lastTime, summary.updatedAt);
	}

	#insertCopy(copy: SessionCopy): void {
		const snapshot = snapshotOf(copy);
		insertSnapshot(this.#open(), snapshot);
		this.#changed({kind: 'restore', snapshot});
	}

	#configure(op: SettingsOp): SessionSummary {
		this.#adoptIfAgno(op.id);
		if (!applySettings(this.#open(), op)) throw unknownSessionError(op.id);
		this.#changed(op);
		return this.#summary(op.id);
	}

	/** The session as it is after a change this store just made (so it exists). */
	#summary(id: string): SessionSummary {
		return queries.getSummary(this.#db, id)!;
	}

	#session(id: string): SessionWithMessages {
		return queries.getSession(this.#db, id)!;
	}

	#open(): Database {
		if (this.#closed) throw new StoreError('closed', `The session store for ${this.path} is closed; open it again.`);
		return this.#db;
	}

	/** Times are strictly increasing within one store, so "most recent first" never ties. */
	#now(): number {
		this.#lastTime = Math.max(Date.now(), this.#lastTime + 1);
		return this.#lastTime;
	}

	/** Records a change (an op, or a schema upgrade when there is none) and schedules a save. */
	#changed(op?: NewJournalOp): void {
		const seq = this.#queue.changed();
		if (op !== undefined) this.#unsaved.push({...op, seq} as JournalOp);
	}

	/**
	 * Gives the save thread a replica: the file (bytes or descriptor), or after the thread restarted an export of ours.
	 * Never rejects: if the save thread cannot take it, `#attachedTo` says so and the next save tries again.
	 */
	async #attach(bytes: SaverSetup['bytes']): Promise<void> {
		await this.#attachOrThrow(bytes).catch(() => undefined);
	}

	async #attachOrThrow(bytes: SaverSetup['bytes']): Promise<void> {
		const generation = saveThread.generation;
		const delivered = this.#queue.changes; // `bytes` hold every change up to here
		const setup = {
			file: this.file,
			path: this.path,
			bytes,
			known: this.#known,
			journal: this.#unsaved,
			lock: {...defaultLockOptions, ...this.#options.lock},
			hooks: this.#options.hooks ?? {},
		};
		const response = await saveThread.call({type: 'attach', store: this.#id, setup}, bytes instanceof Uint8Array ? [bytes.buffer as ArrayBuffer] : []);
		if (!response.ok) throw storeError(response.error);
		this.#attachedTo = generation;
		this.#delivered = delivered;
	}

	async #detach(): Promise<void> {
		await this.#attaching;
		if (this.#attachedTo !== saveThread.generation) return;
		await saveThread.call({type: 'detach', store: this.#id}).catch(() => undefined);
	}

	/** Writes every change up to number `changes` (the save queue calls this, one at a time). */
	async #saveOnce(changes: number): Promise<void> {
		try {
			await this.#saveVia(changes);
		} catch (error) {
			if (this.#attachedTo === saveThread.generation) throw error;
			await this.#saveVia(changes); // the save thread died under it: once more, on a new one
		}
	}

	async #saveVia(changes: number): Promise<void> {
		await this.#attaching;
		if (this.#attachedTo !== saveThread.generation) {
			// The save thread died (or never took the replica): start again from what we hold; this export is the one stall we accept then.
			await this.#attachOrThrow(this.#db.export());
		}
		const ops = this.#unsaved.filter(op => op.seq > this.#delivered && op.seq <= changes);
		const response = await saveThread.call({type: 'save', store: this.#id, ops});
		if (!response.ok) throw storeError(response.error);
		this.#delivered = Math.max(this.#delivered, changes);
		const outcome = response.outcome!;
		const mainStarted = performance.now();
		if (outcome.merged !== undefined) {
			this.#rebuild(outcome.merged);
			this.stats.merges++;
		}
		this.#known = outcome.known;
		this.stats.last = {...outcome.timings, mainThreadMs: performance.now() - mainStarted};
		if (outcome.error !== undefined) throw storeError(outcome.error);
		this.#unsaved = this.#unsaved.filter(op => op.seq > changes);
		this.stats.saves++;
	}

	/** After the save thread merged another instance's changes: take its database, plus our changes it has not seen yet. */
	#rebuild(merged: Uint8Array): void {
		const {db} = openDatabase(this.#SQL, handOver(merged), this.path);
		try {
			const undelivered = this.#unsaved.filter(op => op.seq > this.#delivered);
			const applied = replay(undelivered, db, this.#db);
			this.#unsaved = [...this.#unsaved.filter(op => op.seq <= this.#delivered), ...applied];
		} catch (error) {
			db.close();
			throw error;
		}
		this.#db.close();
		this.#db = db;
		this.#agno = new AgnoSessions(db);
	}
}
