/**
 * The first frame while the database opens: the app is drawn at once (the picker's frame, or a line for
 * --new/--continue/--session) and becomes the real app when the store is ready. Opening the file, its
 * recovery files and sql.js overlap with loading and drawing the UI instead of coming before them.
 */

import {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {SessionStore} from '../store/types.js';
import type {ChatTurns} from '../hooks/chat-turns.js';
import type {Start} from '../start.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {App} from './App.js';
import type {AppProps} from './App.js';
import {SessionPickerView} from './picker/SessionPickerView.js';
import {sanitize} from './text/index.js';

/** What the app needs once the database is open. */
export interface Ready {
	store: SessionStore;
	turns: ChatTurns;
	initial: Start;
	/** One line each for the user: recovery files merged at start. */
	notices: readonly string[];
}

export interface BootProps extends Omit<AppProps, 'store' | 'turns' | 'initial' | 'notices'> {
	/** Rejects when the database cannot be used: the process says why and exits (the caller handles it). */
	opening: Promise<Ready>;
	dbPath: string;
	/** Whether the app opens on the picker (else straight into a session). */
	picker: boolean;
}

export function Boot({opening, dbPath, picker, ...props}: BootProps) {
	const [ready, setReady] = useState<Ready | undefined>();
	useEffect(() => {
		let live = true;
		opening.then(opened => {
			if (live) setReady(opened);
		}, () => undefined);
		return () => {
			live = false;
		};
	}, [opening]);
	if (ready !== undefined) return <App {...props} store={ready.store} turns={ready.turns} initial={ready.initial} notices={ready.notices} />;
	return <Opening dbPath={dbPath} user={props.user} modelLabel={props.model.label} picker={picker} />;
}

function Opening({dbPath, user, modelLabel, picker}: {dbPath: string; user: string; modelLabel: string; picker: boolean}) {
	const {columns, rows} = useTerminalSize();
	if (!picker) {
		return (
			<Box width={columns} height={Math.max(1, rows - 1)}>
				<Text dimColor wrap="truncate-end">{`Opening ${sanitize(dbPath)}…`}</Text>
			</Box>
		);
	}
	return (
		<SessionPickerView
			width={columns}
			height={Math.max(1, rows - 1)}
			user={user}
			storePath={dbPath}
			totalSessions={undefined}
			matchingSessions={0}
			sessions={[]}
			top={0}
			selected={0}
			mode={{kind: 'browse'}}
			filter=""
			modelLabel={modelLabel}
			message={undefined}
			now={0} // no session rows yet, so no times to show
		/>
	);
}
