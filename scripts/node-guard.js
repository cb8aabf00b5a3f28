// The first statements of dist/cli.js (esbuild's banner). Written for Node 18 on purpose: on an older Node than the
// app needs, the user gets one sentence instead of a syntax or link error from code far below. scripts/build.mjs
// drops these comment lines and fills in the Node major version from engines and the pinned version from devDependencies.
/* global NODE_MAJOR, PINNED */
if (Number(process.versions.node.split('.')[0]) < NODE_MAJOR) {
	process.stderr.write('agent-session needs Node.js ' + NODE_MAJOR + ' or newer (this is ' + process.version + '): install a newer Node.js, or run it from its source folder with `npm start`, which brings Node.js ' + PINNED + '.\n');
	process.exit(1);
}
