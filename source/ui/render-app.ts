/** Mounts the app on a terminal with the options every real run uses (the emulator tests use this too). */

import {render} from 'ink';
import type {Instance} from 'ink';
import type {ReactElement} from 'react';

export interface TerminalStreams {
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	stderr: NodeJS.WriteStream;
}

const processStreams: TerminalStreams = {stdout: process.stdout, stdin: process.stdin, stderr: process.stderr};

/**
 * Full screen on the alternate screen (left on unmount, which Ink also does on exit and on
 * SIGINT/SIGTERM/SIGHUP), only changed lines redrawn (Ink 7's incremental rendering), Ctrl+C left
 * to the app so it can save first. Interactive whenever stdout is a terminal, even with CI set.
 * The console is not patched: nothing in the app writes to it, and a patched console would
 * print above a frame that fills the screen.
 */
export function renderApp(app: ReactElement, streams: TerminalStreams = processStreams): Instance {
	// Raw mode before the first frame: Ink sets it only when its input effect runs, and until then the
	// terminal echoes what is typed onto the frame (an Enter scrolls the whole screen up a row). Keys
	// typed meanwhile wait in stdin until Ink reads them.
	if (streams.stdin.isTTY) streams.stdin.setRawMode(true);
	return render(app, {
		...streams,
		exitOnCtrlC: false,
		maxFps: 30,
		alternateScreen: true,
		incrementalRendering: true,
		interactive: streams.stdout.isTTY === true,
		patchConsole: false,
	});
}
