import {readFile} from 'node:fs/promises';

let image: Promise<Uint8Array | undefined> | undefined;

/**
 * A new database's bytes, schema and all, as scripts/build.mjs wrote them beside the bundle (dist/empty.db) with this
 * build's own migrations. Opening them took 12–16 ms at start-up, where running the six migrations in wasm that has not
 * warmed up yet took 30–45 ms (measured on Node 24): most of a first start's time on a new file. Undefined from the
 * sources (tsx), or if the file cannot be read: then the migrations run, as they always may.
 */
export function emptyImage(): Promise<Uint8Array | undefined> {
	image ??= import.meta.url.endsWith('.ts')
		? Promise.resolve(undefined)
		: readFile(new URL('empty.db', import.meta.url)).then(bytes => new Uint8Array(bytes), () => undefined);
	return image;
}
