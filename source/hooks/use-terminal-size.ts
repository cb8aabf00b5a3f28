import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
	columns: number;
	rows: number;
}

function read(stdout: NodeJS.WriteStream): TerminalSize {
	// Non-TTY streams (pipes, test doubles) may not know their size.
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/** The terminal's size, updated on resize. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		const onResize = () => {
			setSize(read(stdout));
		};
		stdout.on('resize', onResize);
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
