/** The app's start-up: flags, store, model, then the full-screen UI. cli.tsx prepares the environment and loads this. */
import {startDiagnostics} from './diagnostics.js';
import {parseConfig, ConfigError} from './config.js';
import {openSessionStore} from './store/index.js';
import {createModel} from './llm/create-model.js';
import {resolveStart, StartError} from './start.js';
import {renderApp} from './ui/render-app.js';

startDiagnostics(process.env['AGENT_SESSION_DIAGNOSTICS']);

function fail(message: string, code: number): never {
	process.stderr.write(`agent-session: ${message}\n`);
	process.exit(code);
}

let config;
try {
	config = parseConfig({importMeta: import.meta, argv: process.argv.slice(2), env: process.env, cwd: process.cwd()});
} catch (error) {
	if (error instanceof ConfigError) fail(error.message, error.exitCode);
	throw error;
}

let store;
try {
	store = await openSessionStore(config.dbPath);
} catch (error) {
	fail((error as Error).message, 1);
}

const model = createModel(config);
let initial;
try {
	initial = resolveStart(store, config, model.name);
} catch (error) {
	await store.close();
	if (error instanceof StartError) fail(error.message, 2);
	throw error;
}

if (!process.stdin.isTTY || !process.stdout.isTTY) {
	// Exit without saving: nothing the user did is pending yet.
	fail('needs an interactive terminal: run it directly in a terminal, not through a pipe.', 1);
}

const app = renderApp({
	store,
	model,
	user: config.user,
	systemPrompt: config.systemPrompt,
	historyExchanges: config.historyExchanges,
	initial,
});

let failing = false;
const onFatal = (error: unknown) => {
	app.unmount();
	process.stderr.write(`agent-session: ${error instanceof Error ? error.message : String(error)}\n`);
	if (failing) process.exit(1);
	failing = true;
	// Still try to save what is in memory, but never hang on the way out.
	setTimeout(() => process.exit(1), 5000).unref();
	void store.close().catch(() => undefined).finally(() => process.exit(1));
};
process.on('uncaughtException', onFatal);
process.on('unhandledRejection', onFatal);

// SIGTERM / SIGHUP: save what is pending, then leave like a normal quit.
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		void store.close().finally(() => {
			app.unmount();
			process.exit(0);
		});
	});
}

try {
	await app.waitUntilExit();
	process.stdout.write(`Sessions are saved in ${config.dbPath}. Resume with: agent-session --continue\n`);
} catch (error) {
	onFatal(error);
}
