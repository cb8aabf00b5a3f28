import {writeSync} from 'node:fs';
import {bracketedPasteOff} from '../hooks/raw-input.js';

/** Escape sequences the app writes itself: Ink 6 has no option for the alternate screen or bracketed paste. */
export const enterAltScreen = '\u001B[?1049h\u001B[H';
export const leaveAltScreen = '\u001B[?1049l';
export const showCursor = '\u001B[?25h';

/**
 * Switches a TTY to the alternate screen and guarantees it is left however the process ends:
 * normal exit, signals, uncaught errors. Returns a function that restores it now (idempotent).
 */
export function takeOverScreen(stdout: NodeJS.WriteStream): () => void {
	if (!stdout.isTTY) return () => undefined;
	let active = true;
	const restore = () => {
		if (!active) return;
		active = false;
		try {
			// Synchronous: this also runs from 'exit', where async writes are lost.
			writeSync(1, bracketedPasteOff + leaveAltScreen + showCursor);
		} catch {
			// The terminal is gone (hang-up): nothing left to restore.
		}
	};
	stdout.write(enterAltScreen);
	process.on('exit', restore);
	return restore;
}
