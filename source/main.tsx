/**
 * The full-screen app's start-up. The first frame is drawn while the database opens (reading the file,
 * sql.js, recovery files); the app becomes interactive when the store is ready. Every way out — quit,
 * signals, crashes, a database that cannot be used — goes through one Shutdown.
 */
import {complain, processIO} from './commands/io.js';
import {startDiagnostics} from './diagnostics.js';
import {parseConfig, ConfigError} from './config.js';
import type {Config} from './config.js';
import {openSessionStoreOnce, StoreError} from './store/index.js';
import {recoverOnStart} from './store/recovery.js';
import {createModel} from './llm/create-model.js';
import type {ChatModel} from './llm/types.js';
import {newSessionSystemPrompt, resolveStart, StartError} from './start.js';
import {renderApp} from './ui/render-app.js';
import {sanitize} from './ui/text/sanitize.js';
import {Boot} from './ui/Boot.js';
import type {Ready} from './ui/Boot.js';
import {ChatTurns} from './hooks/chat-turns.js';
import {Shutdown} from './shutdown.js';

startDiagnostics(process.env['AGENT_SESSION_DIAGNOSTICS']);

function fail(message: string, code: number): never {
	complain(processIO, message);
	process.exit(code);
}

let config: Config;
try {
	config = parseConfig({importMeta: import.meta, argv: process.argv.slice(2), env: process.env, cwd: process.cwd()});
} catch (error) {
	if (error instanceof ConfigError) fail(error.message, error.exitCode);
	throw error;
}

// The command line sends every start without a terminal on stdin to `ask`; here stdout must be one too.
if (!process.stdout.isTTY) {
	fail('the chat needs a terminal: to print one reply instead, run agent-session ask "your question".', 2);
}
// At once: until raw mode is on, the terminal echoes what is typed onto the screen the first frame is drawn on.
process.stdin.setRawMode(true);

// After a hang-up the terminal is gone: a failed write must not crash the save on the way out.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

/** After a hang-up the terminal is gone and nobody is left to read it. Messages quote paths as given: shown safely. */
function writeQuietly(stream: NodeJS.WriteStream, text: string): void {
	try {
		stream.write(sanitize(text));
	} catch {
		// Nothing to do: see above.
	}
}

const shutdown = new Shutdown({
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

/** Opens the database (merging recovery files left for it), then decides where the app opens. */
async function open(settings: Config, model: ChatModel): Promise<Ready> {
	// Started by the command line (store/index.ts openEarly) while this module's code was loading.
	const store = await openSessionStoreOnce(settings.dbPath);
	// Before the start is resolved, so that --continue finds a session that only a recovery file held.
	const notices = await recoverOnStart(store);
	let initial;
	try {
		initial = resolveStart(store, settings, model.name);
	} catch (error) {
		await store.close();
		throw error;
	}
	const turns = new ChatTurns({store, model, systemPrompt: settings.systemPrompt, historyExchanges: settings.historyExchanges});
	shutdown.opened({store, turns});
	return {store, turns, initial, notices};
}

const model = createModel(config);
const opening = open(config, model);
opening.catch(async (error: unknown) => {
	// The database cannot be used (not ours, a FIFO, an unknown --session …): one sentence, and nothing was written.
	const code = error instanceof StoreError ? error.exitCode : error instanceof StartError ? 2 : 1;
	await shutdown.refuse(error instanceof Error ? error.message : String(error), code);
});

shutdown.attach(renderApp(
	<Boot
		opening={opening}
		dbPath={config.dbPath}
		picker={config.start.kind === 'picker'}
		model={model}
		exit={shutdown}
		user={config.user}
		historyExchanges={config.historyExchanges}
		hideThinking={config.hideThinking}
		newSessionSystemPrompt={newSessionSystemPrompt(config)}
	/>,
));
