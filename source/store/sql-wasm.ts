import {createRequire} from 'node:module';
import {readFile} from 'node:fs/promises';

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * Reads and compiles sql.js's wasm, once per thread. V8 compiles wasm on its background threads, so cli.tsx starts this
 * first thing: the compile overlaps loading and first drawing the app instead of following them (README, Performance).
 * Only Node builtins are imported here, so calling it early loads nothing else.
 */
export function compileSqlWasm(): Promise<WebAssembly.Module> {
	compiled ??= (async () => {
		// The bundle (dist/cli.js) holds sql.js's code and has its wasm next to it (scripts/build.mjs copies it): the two
		// must come from the same sql.js version. From source (tsx), the installed package has both.
		const path = import.meta.url.endsWith('.ts')
			? createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')
			: new URL('sql-wasm.wasm', import.meta.url);
		return WebAssembly.compile(await readFile(path));
	})();
	compiled.catch(() => {
		compiled = undefined; // nobody may be waiting yet; the next call tries again and reports the error
	});
	return compiled;
}
