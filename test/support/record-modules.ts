// Loaded with --import (after tsx): records the URL of every module the process resolves, for tests that check what a
// code path loads. The list is printed as JSON on stdout when the process exits.
import {registerHooks} from 'node:module';

const loaded: string[] = [];
registerHooks({
	resolve(specifier, context, nextResolve) {
		const resolved = nextResolve(specifier, context);
		loaded.push(resolved.url);
		return resolved;
	},
});
process.on('exit', () => {
	process.stdout.write(JSON.stringify(loaded));
});
