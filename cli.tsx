#!/usr/bin/env node
/**
 * The entry point. It only prepares the process environment, which has to happen before React
 * and Ink are first imported (both decide things at import time), then loads the app.
 */

// React's production build unless told otherwise: the development build costs several times the CPU per frame.
process.env['NODE_ENV'] ??= 'production';

// Ink paints nothing until exit when it believes it runs in CI; on a real terminal it must always paint.
if (process.stdout.isTTY) {
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
}

// --help, bad flags, `ask`, `export`, `import` and piped input end here, without loading React or Ink.
const {runCommandLine} = await import('./source/commands/index.js');
await runCommandLine();

await import('./source/main.js');
