import {StoreError} from './errors.js';
import {assertReplaceable, createExclusively, describeFsError, ensureFolder, readFromFd, writeAtomically} from './files.js';
import type {Fingerprint, WriteHooks} from './files.js';
import {replay} from './journal.js';
import type {JournalOp} from './journal.js';
import {acquireLock} from './lock.js';
import {ChangedMeanwhile, changeCounter, currentVersion, isKnownVersion, readSettled, waitForOutsideWriters, writerInside} from './outside-writers.js';
import type {FileVersion} from './outside-writers.js';
import {emptyImage} from './bundled-files.js';
import {openDatabase} from './schema.js';
import {applyPragmas, handOver, keepHeadroom, loadSqlJs} from './sqljs.js';
import type {Database} from './sqljs.js';
import type {SaveHooks, SaveOutcome, SaverSetup} from './saver-protocol.js';
import type {SqlJsStatic} from 'sql.js';

/** A save that finds the file changed again just before its rename merges again; a file that keeps changing fails the save. */
const maxMergeRounds = 5;

function writeHooks(hooks: SaveHooks): WriteHooks {
	const hook = hooks.beforeRename;
	if (hook === undefined) return {};
	let failures = 0;
	return {
		beforeRename() {
			if (hook === 'kill-process') process.kill(process.pid, 'SIGKILL');
			else if (failures++ < (hook.times ?? Number.POSITIVE_INFINITY)) throw Object.assign(new Error(`Simulated ${hook.failWith}.`), {code: hook.failWith});
		},
	};
}

/**
 * Writes one store's database to its file. It keeps a replica of the store's database (the store sends its changes with
 * each save), so the whole-file export and the write happen here, in the save thread, not in the app's event loop.
 */
export class Saver {
	readonly #SQL: SqlJsStatic;
	readonly #setup: SaverSetup;
	#db: Database;
	#known: Fingerprint | undefined;
	/** SQLite's change counter in the file we last read or wrote (see outside-writers.ts); undefined when not known. */
	#knownCounter: number | undefined;
	/** Changes since the last successful save, replayed onto the file if another instance changed it. */
	#journal: JournalOp[];
	#applied: number;
	readonly #hooks: WriteHooks;

	private constructor(SQL: SqlJsStatic, setup: SaverSetup, db: Database, knownCounter: number | undefined) {
		this.#SQL = SQL;
		this.#setup = setup;
		this.#db = db;
		this.#known = setup.known;
		this.#knownCounter = knownCounter;
		this.#journal = setup.journal;
		this.#applied = Math.max(0, ...setup.journal.map(op => op.seq));
		this.#hooks = writeHooks(setup.hooks);
	}

	static async create(setup: SaverSetup): Promise<Saver> {
		const SQL = await loadSqlJs();
		const source = setup.bytes;
		const bytes = source === undefined || source instanceof Uint8Array ? source : await readFromFd(source.fd, source.size);
		const loadable = bytes === undefined || bytes.byteLength === 0 ? undefined : handOver(bytes);
		// Bytes handed over (an export) may differ from the file's header: only the file's own bytes tell its counter.
		const counter = source instanceof Uint8Array || loadable === undefined ? undefined : changeCounter(loadable);
		const {db} = openDatabase(SQL, loadable, setup.path, loadable === undefined ? await emptyImage() : undefined);
		return new Saver(SQL, {...setup, bytes: undefined}, db, counter);
	}

	/** Applies `ops` (those not applied yet), then writes the database atomically, merging first if the file changed. */
	async save(ops: readonly JournalOp[]): Promise<SaveOutcome> {
		const started = performance.now();
		const timings = {lockMs: 0, mergeMs: 0, exportMs: 0, writeMs: 0, totalMs: 0};
		const fresh = ops.filter(op => op.seq > this.#applied);
		this.#journal.push(...replay(fresh, this.#db, this.#db));
		this.#applied = Math.max(this.#applied, ...fresh.map(op => op.seq));
		let merged: Uint8Array | undefined;
		let changedElsewhere = false;
		let release: (() => Promise<void>) | undefined;
		try {
			// A database opened before it existed: its folder is made by this first save (nothing before it).
			if (this.#known === undefined) await ensureFolder(this.#setup.file);
			release = await acquireLock(this.#setup.file, this.#setup.lock);
			timings.lockMs = performance.now() - started;
			for (let round = 1; ; round++) {
				await assertReplaceable(this.#setup.file);
				const mergeStarted = performance.now();
				if (await this.#mergeOutsideChanges()) {
					changedElsewhere = true;
					merged = undefined; // an export from before this merge is out of date
					timings.mergeMs += performance.now() - mergeStarted;
				}
				const exportStarted = performance.now();
				keepHeadroom(this.#db);
				const bytes = this.#db.export();
				applyPragmas(this.#db); // older sql.js versions reset them on export
				if (changedElsewhere) merged = bytes;
				timings.exportMs += performance.now() - exportStarted;
				const writeStarted = performance.now();
				if (await currentVersion(this.#setup.file) === undefined) {
					// Created only if still absent, never over a file that appeared meanwhile (that one is merged on the next round).
					const created = await createExclusively(this.#setup.file, bytes);
					timings.writeMs += performance.now() - writeStarted;
					if (created === undefined) {
						if (round < maxMergeRounds) continue;
						const reason = 'something keeps creating it at the same moment';
						throw new StoreError('save-failed', `Cannot save ${this.#setup.path}: ${reason}; it will be saved automatically.`, {reason});
					}
					this.#known = created;
					this.#knownCounter = changeCounter(bytes);
					break;
				}
				try {
					this.#known = await writeAtomically(this.#setup.file, bytes, this.#guardedHooks());
					this.#knownCounter = changeCounter(bytes);
					timings.writeMs += performance.now() - writeStarted;
					break;
				} catch (error) {
					if (!(error instanceof ChangedMeanwhile)) throw error;
					if (round >= maxMergeRounds) {
						const reason = 'another program keeps changing it';
						throw new StoreError('locked', `Cannot save ${this.#setup.path}: ${reason}; try again in a moment.`, {reason});
					}
				}
			}
			this.#journal = [];
			return {merged, known: this.#known, error: undefined, timings: {...timings, totalMs: performance.now() - started}};
		} catch (error) {
			const failure = error instanceof StoreError
				? error
				: new StoreError('save-failed', `Cannot save ${this.#setup.path}: ${describeFsError(error, 'save')}.`, {reason: describeFsError(error, 'recovery')});
			// After a merge the store must see the merged database even though it was not written.
			if (changedElsewhere && merged === undefined) merged = this.#db.export();
			return {merged, known: this.#known, error: {kind: failure.kind, message: failure.message, reason: failure.reason}, timings: {...timings, totalMs: performance.now() - started}};
		} finally {
			await release?.();
		}
	}

	/**
	 * If the file is not the version we last read or wrote (another agent-session saved it, or a program that takes no
	 * lock of ours, like Agno, wrote to it), merges it in. Waits while such a program is inside a transaction.
	 */
	async #mergeOutsideChanges(): Promise<boolean> {
		const {file, lock} = this.#setup;
		await waitForOutsideWriters(file, lock.timeoutMs);
		const now = await currentVersion(file);
		if (now === undefined || isKnownVersion(now, this.#known, this.#knownCounter)) return false;
		const read = await readSettled(file, lock.timeoutMs);
		// An emptied or vanished file has nothing to merge: ours is written over it.
		if (read === undefined || read.bytes.byteLength === 0) return false;
		this.#merge(read.bytes, read.version);
		return true;
	}

	/** The write's hooks, plus a last look just before the rename: a file changed meanwhile is merged again, not replaced. */
	#guardedHooks(): WriteHooks {
		const {file} = this.#setup;
		return {
			beforeRename: async temp => {
				await this.#hooks.beforeRename?.(temp);
				const now = await currentVersion(file);
				const changed = now !== undefined && !isKnownVersion(now, this.#known, this.#knownCounter);
				if (changed || await writerInside(file)) throw new ChangedMeanwhile();
			},
		};
	}

	/** Replaces the replica with the file's contents plus our unsaved changes. */
	#merge(bytes: Uint8Array, version: FileVersion): void {
		const {db} = openDatabase(this.#SQL, handOver(bytes), this.#setup.path);
		try {
			this.#journal = replay(this.#journal, db, this.#db);
		} catch (error) {
			db.close();
			throw error;
		}
		this.#db.close();
		this.#db = db;
		this.#known = version.fingerprint;
		this.#knownCounter = version.counter;
	}

	close(): void {
		this.#db.close();
	}
}
