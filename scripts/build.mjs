// `npm run build`: dist/cli.js, the whole CLI in one ESM file (esbuild), with dist/cli.js.map.
// - One file: Node loads one module instead of ~900 (Ink, React and their dependencies), the largest start-up cost.
// - It is also the save thread's code: cli.tsx runs the save worker when it is not on the main thread, and every
//   module behind its two dynamic imports is initialised lazily (esbuild wraps them), so neither side runs the other's.
// - React's production build: process.env.NODE_ENV is "production" at build time, so the development build is
//   left out of the file instead of chosen at run time.
// - Ink imports react-devtools-core (through ./devtools.js) only when DEV=true and the package is installed; it is
//   replaced by an empty module, so it is neither bundled nor ever loaded.
// - The banner (scripts/node-guard.js) runs before anything else and parses on Node 18; the code below it is
//   lowered to what Node 18 parses (regex flags it lacks become RegExp calls), and Node builtins are the only imports.
// - sql.js's wasm is copied next to the bundle (dist/sql-wasm.wasm), where source/store/bundled-files.ts reads it: it must be
//   from the same sql.js version as the code in the bundle, which an installed sql.js need not be. Beside it,
//   dist/empty.db: a new database's schema, for a first start (source/store/bundled-files.ts).
// - Whitespace and syntax are minified (3.4 → 2.3 MB; picker on an empty database 295 → 261 ms in bench row 1, hello Ink
//   188–196 ms in the same runs); names are kept, so stack traces stay readable without the source map. Node's compile
//   cache (NODE_COMPILE_CACHE) measured no better within noise (251 ms, 357 vs 331 ms on 107 MB) and is not used.
// - Two dependencies are edited as they are bundled (scripts/dependency-edits.mjs): Yoga's wasm is decoded in place instead of
//   fetched, and string-width builds its emoji pattern on first need. With the picker's counts formatted without ICU
//   (source/ui/format.ts), ~50 ms of the start-up.
// Type-checking is separate: `tsc --noEmit` in `npm run lint` and before `npm test`.
import {build} from 'esbuild';
import {copyFile, readFile, rm, writeFile} from 'node:fs/promises';
import {builtinModules, createRequire} from 'node:module';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {dependencyEdits} from './dependency-edits.mjs';

const root = resolve(import.meta.dirname, '..');
const outfile = join(root, 'dist/cli.js');
const packageJson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const nodeMajor = Number(/\d+/.exec(packageJson.engines.node)[0]);
const pinned = packageJson.devDependencies.node;

// CommonJS dependencies (React, sql.js) call require() for Node builtins and sql.js reads __dirname: an ES module has
// neither, so the file defines them for its own location.
const commonJsShim = [
	'import {createRequire as __createRequire} from "node:module";',
	'import {fileURLToPath as __fileURLToPath} from "node:url";',
	'const require = __createRequire(import.meta.url);',
	'const __filename = __fileURLToPath(import.meta.url);',
	'const __dirname = __fileURLToPath(new URL(".", import.meta.url));',
].join(' ');
const guard = (await readFile(join(root, 'scripts/node-guard.js'), 'utf8'))
	.split('\n')
	.filter(line => !/^\s*(\/\/|\/\*)/.test(line))
	.join('\n')
	.replaceAll('NODE_MAJOR', String(nodeMajor))
	.replaceAll('PINNED', JSON.stringify(pinned));

/** Ink's dev-tools bridge (ink/build/devtools.js → react-devtools-core) becomes an empty module. */
const noDevtools = {
	name: 'no-react-devtools',
	setup(esbuild) {
		esbuild.onResolve({filter: /^\.\/devtools\.js$/}, args => (/[\\/]ink[\\/]/.test(args.importer) ? {path: 'ink-devtools', namespace: 'empty'} : undefined));
		esbuild.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'empty'}));
		esbuild.onLoad({filter: /.*/, namespace: 'empty'}, () => ({contents: 'export {};', loader: 'js'}));
	},
};

await rm(join(root, 'dist'), {recursive: true, force: true});
const result = await build({
	entryPoints: [join(root, 'cli.tsx')],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node18',
	sourcemap: 'linked',
	sourcesContent: false,
	define: {'process.env.NODE_ENV': '"production"'},
	// cli.tsx also sets NODE_ENV at run time, for `npm run dev`; in the bundle the constant above decides.
	logOverride: {'assign-to-define': 'silent'},
	banner: {js: `${guard}${commonJsShim}`},
	plugins: [noDevtools, ...dependencyEdits],
	metafile: true,
	logLevel: 'warning',
	legalComments: 'none',
	minifyWhitespace: true,
	minifySyntax: true,
});

await copyFile(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'), join(root, 'dist/sql-wasm.wasm'));

// dist/empty.db: a new database made by this build's own migrations, which a first start opens instead of running them
// (source/store/bundled-files.ts says why). Made by the same code, bundled into a throwaway file beside the wasm it reads.
const maker = join(root, 'dist/make-empty-db.mjs');
await build({
	stdin: {
		contents: `import {loadSqlJs} from './source/store/sqljs.ts';
			import {openDatabase} from './source/store/schema.ts';
			export async function make() {
				const {db} = openDatabase(await loadSqlJs(), undefined, 'empty.db');
				try { return db.export(); } finally { db.close(); }
			}`,
		resolveDir: root,
		loader: 'ts',
	},
	outfile: maker,
	bundle: true,
	platform: 'node',
	format: 'esm',
	banner: {js: commonJsShim},
	logLevel: 'warning',
});
try {
	const {make} = await import(pathToFileURL(maker).href);
	await writeFile(join(root, 'dist/empty.db'), await make());
} finally {
	await rm(maker, {force: true});
}

// Only Node builtins may stay imports: anything else would need node_modules next to the file.
const builtins = new Set(builtinModules.flatMap(name => [name, `node:${name}`]));
const outside = Object.values(result.metafile.outputs)
	.flatMap(output => output.imports)
	.filter(entry => entry.external && !builtins.has(entry.path))
	.map(entry => entry.path);
if (outside.length > 0) {
	console.error(`build: dist/cli.js imports ${[...new Set(outside)].join(', ')} at run time; bundle it or make it a Node builtin.`);
	process.exit(1);
}
