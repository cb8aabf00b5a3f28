// Everything the benchmark starts (processes, temp folders, servers) is registered here and undone however the run
// ends: normally, by an error, or by Ctrl+C / SIGTERM.

type Task = () => void | Promise<void>;

const tasks = new Set<Task>();
let installed = false;

/** Registers `task`; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(task: Task): () => Promise<void> {
	tasks.add(task);
	return async () => {
		if (!tasks.delete(task)) return;
		await task();
	};
}

/** Runs every registered task, newest first; a failing task does not stop the others. */
export async function cleanupAll(): Promise<void> {
	for (const task of [...tasks].reverse()) {
		tasks.delete(task);
		try {
			await task();
		} catch {
			// Best effort: keep cleaning.
		}
	}
}

/** On Ctrl+C or SIGTERM: clean up, then exit with the signal's status. */
export function cleanUpOnSignals(): void {
	if (installed) return;
	installed = true;
	for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
		process.once(signal, () => {
			process.stderr.write(`\nbench: ${signal}, cleaning up…\n`);
			void cleanupAll().finally(() => process.exit(status));
		});
	}
}
