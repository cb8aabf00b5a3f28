// Runs every test file under test/ (or the files/folders given, e.g. `npm test -- test/store`) with node's test runner
// through tsx, on the Node that runs this script (process.execPath: the pinned one under npm).
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {spawnSync} from 'node:child_process';

const isTest = name => /\.test\.tsx?$/.test(name);

function collect(path) {
	if (statSync(path).isFile()) return isTest(path) ? [path] : [];
	return readdirSync(path)
		.filter(name => name !== 'node_modules')
		.sort()
		.flatMap(name => collect(join(path, name)));
}

const roots = process.argv.slice(2);
const files = (roots.length > 0 ? roots : ['test']).flatMap(root => collect(root));
if (files.length === 0) {
	console.error('No test files found.');
	process.exit(1);
}

const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
	{stdio: 'inherit'},
);
process.exit(result.status ?? 1);
