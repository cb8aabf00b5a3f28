#!/usr/bin/env node
/**
 * The entry point. It only prepares the process environment, which has to happen before React
 * is first imported (it picks its build at import time), then loads the app.
 */

// React's production build unless told otherwise: the development build costs several times the CPU per frame.
process.env['NODE_ENV'] ??= 'production';

// --help, bad flags, `ask`, `export`, `import` and piped input end here, without loading React or Ink.
const {runCommandLine} = await import('./source/commands/index.js');
await runCommandLine();

await import('./source/main.js');
