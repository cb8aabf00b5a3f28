#!/usr/bin/env node
/**
 * The entry point. It only prepares the process environment, which has to happen before React
 * and Ink are first imported (both decide things at import time), then loads the app.
 * In the bundle (dist/cli.js) it is also the save thread's entry: source/store/saver-client.ts
 * starts this same file as a worker, which loads only the save worker's modules.
 */
import {isMainThread} from 'node:worker_threads';

if (isMainThread) {
	// React's production build unless told otherwise: the development build costs several times the CPU per frame.
	process.env['NODE_ENV'] ??= 'production';

	// Ink paints nothing until exit when it believes it runs in CI; on a real terminal it must always paint.
	if (process.stdout.isTTY) {
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
	}

	await import('./source/main.js');
} else {
	await import('./source/store/save-worker.js');
}
