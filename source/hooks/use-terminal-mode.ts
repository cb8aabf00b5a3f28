/**
 * A terminal mode the app turns on while a component is mounted: `enable` is written when it mounts
 * (or `enabled` becomes true), `disable` when it unmounts and, as a last resort, when the process
 * exits, so a shell never inherits the mode after the app is gone.
 */

import {useEffect} from 'react';
import {useStdout} from 'ink';

/**
 * Mouse reports for the wheel: button and wheel events, SGR encoding (1000 + 1006). While on, the
 * terminal no longer selects text with the mouse; Shift+drag still does in most terminals.
 */
export const mouseReporting = {enable: '\u001B[?1000h\u001B[?1006h', disable: '\u001B[?1006l\u001B[?1000l'} as const;

export function useTerminalMode(mode: {enable: string; disable: string}, enabled = true): void {
	const {stdout} = useStdout();
	const {enable, disable} = mode;
	useEffect(() => {
		if (!enabled || !stdout.isTTY) return;
		stdout.write(enable);
		const off = (): void => {
			stdout.write(disable);
		};
		process.on('exit', off);
		return () => {
			process.off('exit', off);
			off();
		};
	}, [enabled, stdout, enable, disable]);
}
