/**
 * Mouse reporting for the wheel: while on, the terminal sends button and wheel events (SGR encoding,
 * 1000 + 1006) instead of selecting text; Shift+drag still selects in most terminals. Turned off when
 * the component unmounts and, as a last resort, when the process exits, so a shell never receives
 * mouse reports after the app is gone.
 */

import {useEffect} from 'react';
import {useStdout} from 'ink';

export const mouseOn = '\u001B[?1000h\u001B[?1006h';
export const mouseOff = '\u001B[?1006l\u001B[?1000l';

export function useMouseReporting(enabled: boolean): void {
	const {stdout} = useStdout();
	useEffect(() => {
		if (!enabled || !stdout.isTTY) return;
		stdout.write(mouseOn);
		const off = (): void => {
			stdout.write(mouseOff);
		};
		process.on('exit', off);
		return () => {
			process.off('exit', off);
			off();
		};
	}, [enabled, stdout]);
}
