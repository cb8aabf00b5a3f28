import {createRequire} from 'node:module';
import {readFile} from 'node:fs/promises';

// What scripts/build.mjs puts beside the bundle (dist/cli.js), read from there. Only Node builtins are imported here, so
// cli.tsx can start reading them first thing without loading anything else.

/** A file beside the bundle; undefined when running from the sources (tsx), where there is no bundle. */
function besideBundle(name: string): URL | undefined {
	return import.meta.url.endsWith('.ts') ? undefined : new URL(name, import.meta.url);
}

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * Reads and compiles sql.js's wasm, once per thread. V8 compiles wasm on its background threads, so cli.tsx starts this
 * first thing: the compile overlaps loading and first drawing the app instead of following them (README, Performance).
 */
export function compileSqlWasm(): Promise<WebAssembly.Module> {
	compiled ??= (async () => {
		// The bundle holds sql.js's code and has its wasm beside it: the two must come from the same sql.js version. From
		// the sources, the installed package has both.
		const path = besideBundle('sql-wasm.wasm') ?? createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
		return WebAssembly.compile(await readFile(path));
	})();
	compiled.catch(() => {
		compiled = undefined; // nobody may be waiting yet; the next call tries again and reports the error
	});
	return compiled;
}

let image: Promise<Uint8Array | undefined> | undefined;

/**
 * A new database's bytes, schema and all (dist/empty.db), made by the build with its own migrations. Opening them took
 * 12–16 ms at start-up, where running the six migrations in wasm that has not warmed up yet took 30–45 ms (measured on
 * Node 24): most of a first start's time on a new file. Undefined from the sources, or if the file cannot be read: then
 * the migrations run, as they always may.
 */
export function emptyImage(): Promise<Uint8Array | undefined> {
	const path = besideBundle('empty.db');
	image ??= path === undefined ? Promise.resolve(undefined) : readFile(path).then(bytes => new Uint8Array(bytes), () => undefined);
	return image;
}
