#!/usr/bin/env node
/**
 * The entry point. It only prepares the process environment, which has to happen before React
 * is first imported (it picks its build at import time), then loads the app.
 * In the bundle (dist/cli.js) it is also the save thread's entry: source/store/saver-client.ts
 * starts this same file as a worker, which loads only the save worker's modules.
 */
import {isMainThread} from 'node:worker_threads';
import {compileSqlWasm} from './source/store/bundled-files.js';

// Every way through here but --help opens a database: the wasm compiles on V8's threads while the rest loads.
void compileSqlWasm().catch(() => undefined); // an error is reported where the database is opened

if (isMainThread) {
	process.title = 'agent-session'; // what ps and top show, instead of node
	// React's production build unless told otherwise: the development build costs several times the CPU per frame.
	process.env['NODE_ENV'] ??= 'production';

	// --help, bad flags, `ask`, `export`, `import`, `recover` and piped input end here, without loading React or Ink.
	const {runCommandLine} = await import('./source/commands/index.js');
	await runCommandLine();

	await import('./source/main.js');
} else {
	await import('./source/store/save-worker.js');
}
