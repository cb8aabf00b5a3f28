// The built CLI (dist/cli.js, made by `npm run build`) as a script would run it: through pipes, with no terminal.
import {spawn} from 'node:child_process';
import type {ChildProcessWithoutNullStreams} from 'node:child_process';
import {resolve} from 'node:path';

export const cliPath = resolve(import.meta.dirname, '../../dist/cli.js');

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	/** Written to stdin, which is then closed (closed at once when undefined). */
	input?: string;
	cwd?: string;
	env?: Record<string, string>;
}

/** A running CLI: its output so far, and how it ended. */
export interface CliProcess {
	child: ChildProcessWithoutNullStreams;
	stdout: () => string;
	stderr: () => string;
	ended: Promise<CliResult>;
}

export function startCli(args: readonly string[], options: CliOptions = {}): CliProcess {
	const env: Record<string, string | undefined> = {...process.env, ...options.env};
	// The machine's own settings must not pick the model.
	if (options.env?.['OPENAI_API_KEY'] === undefined) delete env['OPENAI_API_KEY'];
	if (options.env?.['OPENAI_BASE_URL'] === undefined) delete env['OPENAI_BASE_URL'];
	const child = spawn(process.execPath, [cliPath, ...args], {cwd: options.cwd, env, stdio: 'pipe'});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	child.stdin.end(options.input);
	const ended = new Promise<CliResult>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
	});
	return {child, stdout: () => stdout, stderr: () => stderr, ended};
}

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
	return startCli(args, options).ended;
}
