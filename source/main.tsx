/** The app's start-up: flags, store, model, then the full-screen UI. cli.tsx prepares the environment and loads this. */
import {startDiagnostics} from './diagnostics.js';
import {render} from 'ink';
import {parseConfig, ConfigError} from './config.js';
import {openSessionStore} from './store/index.js';
import {createModel} from './llm/create-model.js';
import {resolveStart, StartError} from './start.js';
import {App} from './ui/App.js';
import {takeOverScreen} from './ui/terminal.js';
import {createFrameWriter} from './ui/frame-writer.js';

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

// Raw mode before the first frame. Ink sets it in a React effect that runs after the first frame is on screen (tens of ms
// later on a loaded machine); keys typed meanwhile were echoed by the terminal onto the frame, and an Enter scrolled it up
// a row, which a renderer that redraws only changed rows never repairs (the displaced screens of the tmux tests).
// Ink takes the mode over from here; Node restores the terminal's own mode when the process exits.
process.stdin.setRawMode(true);
const restoreScreen = takeOverScreen(process.stdout);
let failing = false;
const onFatal = (error: unknown) => {
	restoreScreen();
	process.stderr.write(`agent-session: ${error instanceof Error ? error.message : String(error)}\n`);
	if (failing) process.exit(1);
	failing = true;
	// Still try to save what is in memory, but never hang on the way out.
	setTimeout(() => process.exit(1), 5000).unref();
	void store.close().catch(() => undefined).finally(() => process.exit(1));
};
process.on('uncaughtException', onFatal);
process.on('unhandledRejection', onFatal);

// Not incrementalRendering: in Ink 6.8 it writes every frame one row too low when the frame
// is shorter than the screen (it moves up one line too few), which garbles a full-screen app.
// Ink redraws whole frames; the frame writer sends the terminal only the rows that changed.
const app = render(
	<App
		store={store}
		model={model}
		user={config.user}
		systemPrompt={config.systemPrompt}
		historyExchanges={config.historyExchanges}
		initial={initial}
	/>,
	{exitOnCtrlC: false, maxFps: 30, stdout: createFrameWriter(process.stdout)},
);

// SIGTERM / SIGHUP: save what is pending, then leave like a normal quit.
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		void store.close().finally(() => {
			app.unmount();
			restoreScreen();
			process.exit(0);
		});
	});
}

try {
	await app.waitUntilExit();
	restoreScreen();
	process.stdout.write(`Sessions are saved in ${config.dbPath}. Resume with: agent-session --continue\n`);
} catch (error) {
	onFatal(error);
}
