import {ConfigError, parseCommandLine} from '../config.js';
import type {CommandLine} from '../config.js';
import {complain, drained, processIO} from './io.js';
import type {CommandIO} from './io.js';

/**
 * The start of every run, before anything of the full-screen app is loaded: --help, --version, bad usage and the
 * subcommands end the process here; so does any start whose stdin is not a terminal (`echo question | agent-session`),
 * which asks once, like `ask`. Each subcommand is loaded only when it runs, and none loads React or Ink.
 * Resolves only when the full-screen chat should start.
 */
export async function runCommandLine(io: CommandIO = processIO): Promise<void> {
	const code = await run(io);
	if (code === undefined) return;
	await drained(io.stdout);
	process.exit(code);
}

async function run(io: CommandIO): Promise<number | undefined> {
	try {
		const line = parseCommandLine({importMeta: import.meta, argv: process.argv.slice(2), env: process.env, cwd: process.cwd()});
		return await dispatch(line, io);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		complain(io, error.message);
		return error.exitCode;
	}
}

async function dispatch({command, config}: CommandLine, io: CommandIO): Promise<number | undefined> {
	switch (command.kind) {
		case 'help': {
			io.stdout.write(`${command.text}\n`);
			return 0;
		}
		case 'version': {
			io.stdout.write(`${command.version}\n`);
			return 0;
		}
		case 'chat': {
			if (io.stdin.isTTY === true) {
				// The full-screen app loads next; its database opens meanwhile.
				const {openEarly} = await import('../store/index.js');
				openEarly(config.dbPath);
				return undefined;
			}
			const {runAsk} = await import('./ask.js');
			return runAsk({kind: 'ask', words: [], format: 'text'}, config, io);
		}
		case 'ask': {
			const {runAsk} = await import('./ask.js');
			return runAsk(command, config, io);
		}
		case 'export': {
			const {runExport} = await import('./export.js');
			return runExport(command, config, io);
		}
		case 'import': {
			const {runImport} = await import('./import.js');
			return runImport(command, config, io);
		}
		case 'recover': {
			const {runRecover} = await import('./recover.js');
			return runRecover(command.file, {db: command.db, stdout: io.stdout, stderr: io.stderr});
		}
	}
}
