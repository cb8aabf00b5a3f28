// Measures the CPU time OpenAIModel spends consuming a streamed reply, against a bare `openai` SDK loop over
// the same stream. Not a test: run `npx tsx test/support/measure-llm-cpu.ts [--runs 15] [--sizes 1000,5000]`
// (add --expose-gc via NODE_OPTIONS for steadier numbers). The server runs in a child process, in burst mode,
// so only the client's work is counted.
import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import OpenAI from 'openai';
import {OpenAIModel} from '../../source/llm/openai-model.js';

const {values} = parseArgs({options: {runs: {type: 'string', default: '15'}, sizes: {type: 'string', default: '1000,5000'}}});
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const messages = [{role: 'user' as const, content: 'Stream, please.'}];
const gc = (globalThis as {gc?: () => void}).gc;

interface Sample {
	cpuMs: number;
	wallMs: number;
	text: string;
}

async function startServer(chunks: number): Promise<{url: string; child: ChildProcess}> {
	const cli = fileURLToPath(new URL('mock-server-cli.ts', import.meta.url));
	const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--cps', '0', '--chunks', String(chunks), '--quiet'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout?.on('data', (data: Buffer) => {
			output += data.toString();
			const match = /listening on (\S+)/.exec(output);
			if (match?.[1]) resolve(match[1]);
		});
		child.once('exit', code => reject(new Error(`The mock server exited (${code}) before it printed its URL.`)));
	});
	return {url, child};
}

async function measure(run: () => Promise<string>): Promise<Sample> {
	gc?.();
	const wall = performance.now();
	const cpu = process.cpuUsage();
	const text = await run();
	const used = process.cpuUsage(cpu);
	return {cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, text};
}

function bareLoop(client: OpenAI): () => Promise<string> {
	return async () => {
		let text = '';
		const stream = await client.chat.completions.create({model: 'mock', messages, stream: true, stream_options: {include_usage: true}});
		for await (const chunk of stream) {
			const piece = chunk.choices[0]?.delta.content;
			if (piece) text += piece;
		}
		return text;
	};
}

function modelLoop(model: OpenAIModel): () => Promise<string> {
	return async () => {
		let text = '';
		for await (const event of model.stream(messages, new AbortController().signal)) {
			if (event.type === 'delta') text += event.text;
			else if (event.type === 'failed') throw new Error(event.error.message);
		}
		return text;
	};
}

function median(numbers: number[]): number {
	const sorted = [...numbers].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const format = (value: number): string => value.toFixed(1).padStart(7);

console.log(`CPU time to consume a burst-mode stream (median of ${runs} runs each, alternating; gc between runs: ${gc ? 'yes' : 'no'})\n`);
console.log('chunks | CPU ms, median: bare SDK / OpenAIModel / overhead (%) | CPU ms, fastest run: bare / model / overhead | overhead per 1,000 chunks (median / fastest)');
for (const size of sizes) {
	const {url, child} = await startServer(size);
	try {
		const client = new OpenAI({baseURL: url, apiKey: 'not-needed', logLevel: 'off'});
		const model = new OpenAIModel({model: 'mock', baseURL: url});
		const bare = bareLoop(client);
		const ours = modelLoop(model);
		for (let warmup = 0; warmup < 3; warmup++) {
			await measure(bare);
			await measure(ours);
		}
		const bareSamples: Sample[] = [];
		const ourSamples: Sample[] = [];
		for (let index = 0; index < runs; index++) {
			// Alternate the order so drift (other load, heap growth) hits both sides alike.
			if (index % 2 === 0) {
				bareSamples.push(await measure(bare));
				ourSamples.push(await measure(ours));
			} else {
				ourSamples.push(await measure(ours));
				bareSamples.push(await measure(bare));
			}
		}
		if (bareSamples.some(sample => sample.text !== ourSamples[0]?.text)) throw new Error('The two loops saw different text.');
		const bareMs = median(bareSamples.map(sample => sample.cpuMs));
		const ourMs = median(ourSamples.map(sample => sample.cpuMs));
		const bareMin = Math.min(...bareSamples.map(sample => sample.cpuMs));
		const ourMin = Math.min(...ourSamples.map(sample => sample.cpuMs));
		const per = 1000 / size;
		console.log([
			String(size).padStart(6),
			`${format(bareMs)} / ${format(ourMs)} / ${format(ourMs - bareMs)} (${(((ourMs - bareMs) / bareMs) * 100).toFixed(0)}%)`,
			`${format(bareMin)} / ${format(ourMin)} / ${format(ourMin - bareMin)}`,
			`${format((ourMs - bareMs) * per)} / ${format((ourMin - bareMin) * per)}`,
		].join(' | '));
	} finally {
		child.kill();
	}
}
