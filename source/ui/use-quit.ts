/**
 * The app's side of quitting: Ctrl+C and the exit words go through the process's one shutdown path
 * (`AppExit`); when its save fails, the app stays and asks what to do with what is unsaved.
 */

import {useCallback, useRef, useState} from 'react';

/** A quit that could not save. */
export interface UnsavedQuit {
	messages: number;
	reason: string;
}

/** The app's way out: the process's one shutdown path. */
export interface AppExit {
	/** Stops the reply, saves, unmounts the app and exits; resolves only when the save failed. */
	quit: () => Promise<UnsavedQuit>;
	/** After a failed quit: unsaved messages to a recovery file, then exit. */
	quitWithRecoveryFile: () => Promise<void>;
	/** After a failed quit: exit without them. */
	quitWithoutSaving: (reason: string) => Promise<void>;
	/** What to tidy before the final save. */
	setLeaving: (tidy: (() => void) | undefined) => void;
}

export type QuitState =
	| {kind: 'running'}
	| {kind: 'saving'}
	| {kind: 'unsaved'; unsaved: UnsavedQuit; busy: boolean};

export interface Quitting {
	state: QuitState;
	quit: () => void;
	retry: () => void;
	recoveryFile: () => void;
	discard: () => void;
}

export function useQuit(exit: AppExit): Quitting {
	const [state, setState] = useState<QuitState>({kind: 'running'});
	const busy = useRef(false);
	const attempt = useCallback(() => {
		if (busy.current) return;
		busy.current = true;
		setState(previous => previous.kind === 'unsaved' ? {...previous, busy: true} : {kind: 'saving'});
		void exit.quit().then(unsaved => {
			busy.current = false;
			setState({kind: 'unsaved', unsaved, busy: false});
		});
	}, [exit]);
	const finish = useCallback((leave: () => Promise<void>) => {
		if (busy.current) return;
		busy.current = true;
		setState(previous => previous.kind === 'unsaved' ? {...previous, busy: true} : previous);
		void leave();
	}, []);
	return {
		state,
		quit: attempt,
		retry: attempt,
		recoveryFile: useCallback(() => {
			finish(async () => exit.quitWithRecoveryFile());
		}, [finish, exit]),
		discard: useCallback(() => {
			finish(async () => exit.quitWithoutSaving(state.kind === 'unsaved' ? state.unsaved.reason : 'the save failed'));
		}, [finish, exit, state]),
	};
}
