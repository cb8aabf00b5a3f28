// Summarises a V8 CPU profile (node --cpu-prof, or `npm run bench -- --profile DIR`): busy time per second (to find a
// window, e.g. the streaming), then the functions with the most self time and the most total time in the window.
// Usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [--from SECONDS] [--to SECONDS] [--top N]
import {readFileSync} from 'node:fs';
import {relative} from 'node:path';
import {parseArgs} from 'node:util';

interface ProfileNode {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number};
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

// Piped into `head`: stop quietly when the reader is gone.
process.stdout.on('error', () => process.exit(0));

const {values, positionals} = parseArgs({allowPositionals: true, options: {from: {type: 'string'}, to: {type: 'string'}, top: {type: 'string', default: '25'}}});
if (positionals.length !== 1) {
	console.error('Usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [--from SECONDS] [--to SECONDS] [--top N]');
	process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const top = Number(values.top);

const byId = new Map(profile.nodes.map(node => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

function label(node: ProfileNode): string {
	const {functionName, url, lineNumber} = node.callFrame;
	const where = url === '' ? '' : ` ${url.startsWith('file://') ? relative(process.cwd(), new URL(url).pathname) : url}:${lineNumber + 1}`;
	return `${functionName || '(anonymous)'}${where}`;
}

// Sample times (µs since the profile started), to keep only a window.
const times: number[] = [];
let clock = 0;
for (const delta of profile.timeDeltas) times.push((clock += delta));
const from = Number(values.from ?? 0) * 1e6;
const to = values.to === undefined ? Infinity : Number(values.to) * 1e6;
const isIdle = (id: number): boolean => byId.get(id)!.callFrame.functionName === '(idle)';
const weightOf = (index: number): number => (profile.timeDeltas[index + 1] ?? 0) / 1000;

const perSecond = new Map<number, number>();
for (const [index, id] of profile.samples.entries()) {
	if (isIdle(id)) continue;
	const second = Math.floor(times[index]! / 1e6);
	perSecond.set(second, (perSecond.get(second) ?? 0) + weightOf(index));
}
console.log(`busy ms per second of the profile (main thread): ${[...perSecond].map(([second, ms]) => `${second}s ${ms.toFixed(0)}`).join(' · ')}`);

const self = new Map<string, number>();
const total = new Map<string, number>();
let counted = 0;
let idle = 0;
for (const [index, id] of profile.samples.entries()) {
	if (times[index]! < from || times[index]! >= to) continue;
	const weight = weightOf(index);
	const node = byId.get(id)!;
	counted += weight;
	if (isIdle(id)) {
		idle += weight;
		continue;
	}
	self.set(label(node), (self.get(label(node)) ?? 0) + weight);
	const seen = new Set<string>();
	for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
		const name = label(byId.get(current)!);
		if (seen.has(name)) continue;
		seen.add(name);
		total.set(name, (total.get(name) ?? 0) + weight);
	}
}

const busy = counted - idle;
const show = (title: string, table: Map<string, number>): void => {
	console.log(`\n${title}`);
	for (const [name, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		console.log(`${ms.toFixed(0).padStart(7)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${name}`);
	}
};
console.log(`\nwindow ${(counted / 1000).toFixed(1)} s: busy ${busy.toFixed(0)} ms (${((busy / counted) * 100).toFixed(1)}%), idle ${idle.toFixed(0)} ms (main thread only)`);
show('self time', self);
show('total time (including callees)', total);
