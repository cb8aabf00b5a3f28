import {StoreError} from './errors.js';
import {assertReplaceable, createExclusively, describeFsError, ensureFolder, fingerprintFile, openAndRead, readFromFd, sameFingerprint, writeAtomically} from './files.js';
import type {Fingerprint, WriteHooks} from './files.js';
import {replay} from './journal.js';
import type {JournalOp} from './journal.js';
import {acquireLock} from './lock.js';
import {openDatabase} from './schema.js';
import {applyPragmas, handOver, keepHeadroom, loadSqlJs} from './sqljs.js';
import type {Database} from './sqljs.js';
import type {SaveHooks, SaveOutcome, SaverSetup} from './saver-protocol.js';
import type {SqlJsStatic} from 'sql.js';

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
	/** Changes since the last successful save, replayed onto the file if another instance changed it. */
	#journal: JournalOp[];
	#applied: number;
	readonly #hooks: WriteHooks;

	private constructor(SQL: SqlJsStatic, setup: SaverSetup, db: Database) {
		this.#SQL = SQL;
		this.#setup = setup;
		this.#db = db;
		this.#known = setup.known;
		this.#journal = setup.journal;
		this.#applied = Math.max(0, ...setup.journal.map(op => op.seq));
		this.#hooks = writeHooks(setup.hooks);
	}

	static async create(setup: SaverSetup): Promise<Saver> {
		const SQL = await loadSqlJs();
		const source = setup.bytes;
		const bytes = source === undefined || source instanceof Uint8Array ? source : await readFromFd(source.fd, source.size);
		const loadable = bytes === undefined || bytes.byteLength === 0 ? undefined : handOver(bytes);
		const {db} = openDatabase(SQL, loadable, setup.path);
		return new Saver(SQL, {...setup, bytes: undefined}, db);
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
			for (let attempt = 1; ; attempt++) {
				await assertReplaceable(this.#setup.file);
				const onDisk = await fingerprintFile(this.#setup.file);
				if (onDisk !== undefined && !sameFingerprint(onDisk, this.#known)) {
					const read = await openAndRead(this.#setup.file);
					await read?.handle.close();
					// An emptied or vanished file has nothing to merge: ours is written over it.
					if (read !== undefined && read.bytes.byteLength > 0) {
						const mergeStarted = performance.now();
						this.#merge(read.bytes, read.fingerprint);
						changedElsewhere = true;
						timings.mergeMs += performance.now() - mergeStarted;
					}
				}
				const exportStarted = performance.now();
				keepHeadroom(this.#db);
				const bytes = this.#db.export();
				applyPragmas(this.#db); // older sql.js versions reset them on export
				if (changedElsewhere) merged = bytes;
				timings.exportMs += performance.now() - exportStarted;
				const writeStarted = performance.now();
				if (onDisk === undefined) {
					// Created only if still absent, never over a file that appeared meanwhile (that one is merged on the next turn).
					const created = await createExclusively(this.#setup.file, bytes);
					timings.writeMs += performance.now() - writeStarted;
					if (created === undefined) {
						if (attempt < 3) continue;
						const reason = 'something keeps creating it at the same moment';
						throw new StoreError('save-failed', `Cannot save ${this.#setup.path}: ${reason}; it will be saved automatically.`, {reason});
					}
					this.#known = created;
				} else {
					this.#known = await writeAtomically(this.#setup.file, bytes, this.#hooks);
					timings.writeMs += performance.now() - writeStarted;
				}
				break;
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

	/** Replaces the replica with the file's contents plus our unsaved changes. */
	#merge(bytes: Uint8Array, fingerprint: Fingerprint): void {
		const {db} = openDatabase(this.#SQL, handOver(bytes), this.#setup.path);
		try {
			this.#journal = replay(this.#journal, db, this.#db);
		} catch (error) {
			db.close();
			throw error;
		}
		this.#db.close();
		this.#db = db;
		this.#known = fingerprint;
	}

	close(): void {
		this.#db.close();
	}
}
