// An AppExit for screen tests: the app's quit is recorded, nothing exits the test process.
import type {AppExit, UnsavedQuit} from '../../source/ui/use-quit.js';

export interface RecordedExit extends AppExit {
	quits: number;
	/** What the next quit answers: undefined = it succeeded (the promise never resolves, as the process would be gone). */
	unsaved: UnsavedQuit | undefined;
	choices: string[];
}

export function recordedExit(): RecordedExit {
	const exit: RecordedExit = {
		quits: 0,
		unsaved: undefined,
		choices: [],
		async quit() {
			exit.quits++;
			if (exit.unsaved === undefined) return new Promise<never>(() => undefined);
			return exit.unsaved;
		},
		async quitWithRecoveryFile() {
			exit.choices.push('recovery file');
		},
		async quitWithoutSaving(reason) {
			exit.choices.push(`without saving: ${reason}`);
		},
		setLeaving: () => undefined,
	};
	return exit;
}
