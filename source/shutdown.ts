/**
 * The one way out of the interactive app. Quit (Ctrl+C, exit words), SIGINT, SIGTERM, SIGHUP and
 * crashes all run the same steps: stop the reply and keep what arrived → save → unmount (which
 * restores the terminal) → say what happened → exit. Nothing unsaved is dropped in silence: a quit
 * whose save fails asks what to do; where no one can be asked (a signal, a crash) what is unsaved
 * goes to a recovery file, whose path is printed, and the exit code is not 0.
 */

import type {ChatTurns} from './hooks/chat-turns.js';
import {saveOrRecover, writeRecoveryFile} from './store/recovery.js';
import {StoreError} from './store/errors.js';
import type {SessionStore} from './store/types.js';

export type ExitReason =
	| {kind: 'signal'; signal: NodeJS.Signals}
	| {kind: 'crash'; error: unknown};

/** A quit that could not save: the app stays and asks whether to retry, write a recovery file, or quit anyway. */
export interface UnsavedQuit {
	/** Messages that would be lost. */
	messages: number;
	/** Why the save failed, without advice ("the disk is full"). */
	reason: string;
}

export interface ShutdownOptions {
	/** Writes to stdout / stderr (must not throw: the terminal may be gone). */
	print: (text: string) => void;
	warn: (text: string) => void;
	exit: (code: number) => never;
	/** Longest wait for the save after a signal or crash before a recovery file is written instead. */
	timeoutMs?: number;
}

/** What the shutdown needs of the mounted UI (an Ink instance). */
export interface MountedUi {
	/** Unmounts, which leaves the alternate screen; safe to call twice. */
	unmount: () => void;
	waitUntilExit: () => Promise<unknown>;
}

/** The store and the turns once the database is open (a signal before that has nothing to save). */
export interface OpenSession {
	store: SessionStore;
	turns: ChatTurns;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function reasonOf(error: unknown): string {
	return error instanceof StoreError ? error.reason : messageOf(error).replace(/\.$/, '');
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export class Shutdown {
	readonly #options: ShutdownOptions;
	/** Set once the process is committed to leaving (a quit whose save failed is not). */
	#leavingNow = false;
	#leaving: (() => void) | undefined;
	#ui: MountedUi | undefined;
	#session: OpenSession | undefined;

	constructor(options: ShutdownOptions) {
		this.#options = options;
	}

	/** The UI to unmount on the way out, once it is mounted. */
	attach(ui: MountedUi): void {
		this.#ui = ui;
	}

	/** The open store and turns: from now on every way out saves them. */
	opened(session: OpenSession): void {
		this.#session = session;
	}

	/** What the UI tidies before the final save (an empty session the user walked away from is dropped). */
	setLeaving(tidy: (() => void) | undefined): void {
		this.#leaving = tidy;
	}

	/**
	 * The app's quit (Ctrl+C, exit words): stops the reply, saves, and leaves. Resolves only when the save failed — the app
	 * then asks the user, who can quit again, or choose `quitWithRecoveryFile` or `quitWithoutSaving`.
	 */
	async quit(): Promise<UnsavedQuit> {
		if (this.#leavingNow) return new Promise<never>(() => undefined);
		const session = this.#session;
		if (session === undefined) return this.#leave(0, undefined);
		await this.#settle(session);
		try {
			await session.store.save();
		} catch (error) {
			return {messages: session.store.unsavedChanges().messageCount, reason: reasonOf(error)};
		}
		return this.#leave(0, undefined, () => session.store.close());
	}

	/** After a failed quit: writes what is unsaved to a recovery file, says where, and leaves with exit code 1. */
	async quitWithRecoveryFile(): Promise<void> {
		const session = this.#session;
		if (session === undefined || this.#leavingNow) return;
		const {messageCount} = session.store.unsavedChanges();
		let said: string;
		try {
			const file = await writeRecoveryFile(session.store, {reason: 'quit'});
			said = file === undefined
				? 'Everything was saved after all.'
				: `${plural(messageCount, 'unsaved message')} of ${session.store.path} are in ${file}; the next start on this database merges them (or run: agent-session recover ${file}).`;
		} catch (error) {
			said = `Could not write a recovery file either (${reasonOf(error)}): ${plural(messageCount, 'message')} were lost.`;
		}
		await this.#leave(1, said);
	}

	/** After a failed quit: leaves without the unsaved messages, saying how many were dropped and why. */
	async quitWithoutSaving(reason: string): Promise<void> {
		const session = this.#session;
		if (session === undefined || this.#leavingNow) return;
		const {messageCount} = session.store.unsavedChanges();
		await this.#leave(1, `${plural(messageCount, 'message')} were not saved to ${session.store.path} (${reason}); you chose to quit without them.`);
	}

	/** The database cannot be used (refused before anything was written): says why and exits with `code`. */
	async refuse(message: string, code: number): Promise<never> {
		return this.#leave(code, message);
	}

	/** A signal or a crash: nobody can be asked, so what cannot be saved in time goes to a recovery file. A second one leaves at once. */
	async run(reason: ExitReason): Promise<never> {
		const {warn, exit} = this.#options;
		if (this.#leavingNow) {
			warn(`agent-session: ${reason.kind === 'crash' ? messageOf(reason.error) : `${reason.signal} again`}: leaving without waiting for the save.\n`);
			return exit(1);
		}
		if (reason.kind === 'crash') {
			this.#ui?.unmount();
			warn(`agent-session: ${messageOf(reason.error)}\n`);
		}
		const session = this.#session;
		if (session === undefined) return this.#leave(reason.kind === 'crash' ? 1 : 0, undefined);
		this.#leavingNow = true;
		await this.#settle(session);
		const saved = await saveOrRecover(session.store, {reason: reason.kind === 'crash' ? 'crash' : reason.signal, timeoutMs: this.#options.timeoutMs ?? 5000});
		const code = reason.kind === 'crash' ? 1 : saved.exitCode;
		return this.#leave(code, saved.outcome === 'saved' ? undefined : saved.message);
	}

	/** Stops the reply (keeping what arrived) and tidies up before the save. */
	async #settle({turns}: OpenSession): Promise<void> {
		await turns.dispose();
		try {
			this.#leaving?.();
		} catch {
			// Tidying up is optional; saving is not.
		}
	}

	/** Closes (saving whatever is left), unmounts, says the last word and exits. */
	async #leave(code: number, problem: string | undefined, close?: () => Promise<void>): Promise<never> {
		const {print, warn, exit} = this.#options;
		this.#leavingNow = true;
		let failure = problem;
		if (close !== undefined) {
			try {
				await close();
			} catch (error) {
				failure ??= messageOf(error);
				code = 1;
			}
		}
		this.#ui?.unmount();
		await this.#ui?.waitUntilExit().catch(() => undefined);
		if (failure !== undefined) warn(`agent-session: ${failure}\n`);
		else if (this.#session !== undefined) print(`Sessions are saved in ${this.#session.store.path}. Resume with: agent-session --continue\n`);
		return exit(code);
	}
}
