// Runs fixtures/store-child.ts in a separate node process (through tsx) and collects how it ended.
import {spawn} from 'node:child_process';

const script = new URL('fixtures/store-child.ts', import.meta.url).pathname;

export function runChild(...args: string[]): Promise<{code: number | null; signal: string | null; output: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		const collect = (chunk: Buffer) => {
			output += chunk.toString();
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			resolve({code, signal, output});
		});
	});
}
