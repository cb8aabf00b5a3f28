/** The app's start-up: flags, store, model, then the full-screen UI. cli.tsx prepares the environment and loads this. */
import {startDiagnostics} from './diagnostics.js';
import {parseConfig, ConfigError} from './config.js';
import {openSessionStore} from './store/index.js';
import {createModel} from './llm/create-model.js';
import {newSessionSystemPrompt, resolveStart, StartError} from './start.js';
import {renderApp} from './ui/render-app.js';
import {ChatTurns} from './hooks/chat-turns.js';
import {Shutdown} from './shutdown.js';

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

// After a hang-up the terminal is gone: a failed write must not crash the save on the way out.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

/** After a hang-up the terminal is gone and nobody is left to read it. */
function writeQuietly(stream: NodeJS.WriteStream, text: string): void {
	try {
		stream.write(text);
	} catch {
		// Nothing to do: see above.
	}
}

const turns = new ChatTurns({store, model, systemPrompt: config.systemPrompt, historyExchanges: config.historyExchanges});
const shutdown = new Shutdown({
	turns,
	store,
	print: text => writeQuietly(process.stdout, text),
	warn: text => writeQuietly(process.stderr, text),
	exit: code => process.exit(code),
});

// Registered before Ink's own signal handlers run: with a listener of ours, Ink leaves the
// alternate screen on the signal but no longer ends the process before the save.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		void shutdown.run({kind: 'signal', signal});
	});
}
process.on('uncaughtException', error => {
	void shutdown.run({kind: 'crash', error});
});
process.on('unhandledRejection', error => {
	void shutdown.run({kind: 'crash', error});
});

shutdown.attach(renderApp({store, model, turns, exit: shutdown, user: config.user, historyExchanges: config.historyExchanges, initial, newSessionSystemPrompt: newSessionSystemPrompt(config)}));
