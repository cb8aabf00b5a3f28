// Loaded with --import (after tsx): records the URL of every module the process resolves, for tests that check what a
// code path loads. The list is written as JSON to the file named by RECORD_MODULES_TO when the process exits (a file,
// not stdout: a pipe's unread remainder is lost at exit, which cut the list of a busy machine's run short).
import {writeFileSync} from 'node:fs';
import {registerHooks} from 'node:module';

const out = process.env['RECORD_MODULES_TO'];
if (out === undefined || out === '') throw new Error('record-modules: set RECORD_MODULES_TO to the file to write the list to.');
const loaded: string[] = [];
registerHooks({
	resolve(specifier, context, nextResolve) {
		const resolved = nextResolve(specifier, context);
		loaded.push(resolved.url);
		return resolved;
	},
});
process.on('exit', () => {
	writeFileSync(out, JSON.stringify(loaded));
});
