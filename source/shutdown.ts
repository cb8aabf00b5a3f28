/**
 * The one way out of the interactive app. Quit (Ctrl+C, exit words), SIGINT, SIGTERM, SIGHUP and
 * crashes all run the same steps: stop the reply and keep what arrived → save → unmount (which
 * restores the terminal) → say what happened → exit.
 */

import type {ChatTurns} from './hooks/chat-turns.js';
import type {SessionStore} from './store/types.js';

export type ExitReason =
	| {kind: 'quit'}
	| {kind: 'signal'; signal: NodeJS.Signals}
	| {kind: 'crash'; error: unknown};

export interface ShutdownOptions {
	turns: ChatTurns;
	store: SessionStore;
	/** Writes to stdout / stderr (must not throw: the terminal may be gone). */
	print: (text: string) => void;
	warn: (text: string) => void;
	exit: (code: number) => never;
	/** Longest wait for the reply to stop and the save to finish after a signal or crash. */
	timeoutMs?: number;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** What the shutdown needs of the mounted UI (an Ink instance). */
export interface MountedUi {
	/** Unmounts, which leaves the alternate screen; safe to call twice. */
	unmount: () => void;
	waitUntilExit: () => Promise<unknown>;
}

export class Shutdown {
	readonly #options: ShutdownOptions;
	#started = false;
	#leaving: (() => void) | undefined;
	#ui: MountedUi | undefined;

	constructor(options: ShutdownOptions) {
		this.#options = options;
	}

	/** The UI to unmount on the way out, once it is mounted. */
	attach(ui: MountedUi): void {
		this.#ui = ui;
	}

	/** What the UI tidies before the final save (an empty session the user walked away from is dropped). */
	setLeaving(tidy: (() => void) | undefined): void {
		this.#leaving = tidy;
	}

	/** The app's quit (Ctrl+C, exit words): the same path as every other way out. */
	quit(): void {
		void this.run({kind: 'quit'});
	}

	/** Runs the shutdown once; a second signal or crash while it runs exits at once. */
	async run(reason: ExitReason): Promise<never> {
		const {print, warn, exit} = this.#options;
		if (this.#started) {
			if (reason.kind !== 'quit') {
				warn(`agent-session: ${reason.kind === 'crash' ? messageOf(reason.error) : `${reason.signal} again`}: leaving without waiting for the save.\n`);
				return exit(1);
			}
			return new Promise<never>(() => undefined);
		}
		this.#started = true;
		if (reason.kind === 'crash') this.#ui?.unmount();

		const failure = await this.#saveWithin(reason.kind === 'quit' ? undefined : this.#options.timeoutMs ?? 10_000);
		this.#ui?.unmount();
		await this.#ui?.waitUntilExit().catch(() => undefined);
		if (reason.kind === 'crash') warn(`agent-session: ${messageOf(reason.error)}\n`);
		if (failure !== undefined) {
			warn(`agent-session: ${failure}\n`);
			return exit(1);
		}
		print(`Sessions are saved in ${this.#options.store.path}. Resume with: agent-session --continue\n`);
		return exit(reason.kind === 'crash' ? 1 : 0);
	}

	/** Settles the reply and saves; the failure as one sentence, or undefined when everything is on disk. */
	async #saveWithin(timeoutMs: number | undefined): Promise<string | undefined> {
		const {turns, store} = this.#options;
		const save = (async () => {
			await turns.dispose();
			try {
				this.#leaving?.();
			} catch {
				// Tidying up is optional; saving is not.
			}
			await store.close();
		})();
		if (timeoutMs === undefined) {
			return save.then(() => undefined, (error: unknown) => messageOf(error));
		}
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<string>(resolve => {
			timer = setTimeout(() => resolve(`the save did not finish within ${Math.round(timeoutMs / 1000)} s.`), timeoutMs);
		});
		try {
			return await Promise.race([save.then(() => undefined, (error: unknown) => messageOf(error)), late]);
		} finally {
			clearTimeout(timer);
		}
	}
}
