/**
 * Raw terminal input for the composer: subscribes to the raw events Ink's App emits, collects
 * bracketed pastes into one `onPaste`, reports F1, and passes every other event on as a key in
 * Ink's `Key` shape (typed text arrives as `input` with no key flag, as with `useInput`).
 *
 * Ink has no bracketed paste, so this hook also turns the terminal's mode on while mounted.
 */

import type {EventEmitter} from 'node:events';
import {useEffect, useLayoutEffect, useRef} from 'react';
import {useStdin, useStdout} from 'ink';
import type {Key} from 'ink';
import {blankKey, bracketedPasteOff, bracketedPasteOn, parseRawEvents, PasteCollector} from './raw-input.js';
import type {RawEvent} from './raw-input.js';

export interface RawInputHandlers {
	/** A key or typed text (not called for paste contents, F1, or unknown escape sequences). */
	onKey?: (input: string, key: Key) => void;
	/** The whole text between the paste markers, newlines normalised to \n, not sanitised. */
	onPaste?: (text: string) => void;
	onF1?: () => void;
}

export interface RawInputOptions {
	/** Deliver events to the handlers (pastes are still tracked while inactive). Default true. */
	isActive?: boolean;
	/** Write the bracketed-paste on/off sequences. Default: only when stdout is a TTY. */
	bracketedPaste?: boolean;
	/** A paste whose end marker never arrives is delivered after this long without input. */
	pasteTimeoutMs?: number;
}

// Every collector listening on an emitter, so other handlers on it can ask whether a paste is
// in progress. The start marker sets the state before any pasted event is emitted, so the
// answer does not depend on the order of listeners.
const collectors = new WeakMap<EventEmitter, Set<PasteCollector>>();

/**
 * True while a bracketed paste is being received on Ink's input emitter
 * (`useStdin().internal_eventEmitter`): a parent's `useInput` handler should ignore its events.
 */
export function isPasteInProgress(emitter: EventEmitter): boolean {
	for (const collector of collectors.get(emitter) ?? []) {
		if (collector.pasting) {
			return true;
		}
	}
	return false;
}

// Several mounted users share one terminal mode: turn it off only when the last one leaves.
const pasteModeUsers = new WeakMap<NodeJS.WriteStream, number>();

function useBracketedPasteMode(enabled: boolean): void {
	const {stdout} = useStdout();
	useEffect(() => {
		if (!enabled) {
			return;
		}
		const users = pasteModeUsers.get(stdout) ?? 0;
		pasteModeUsers.set(stdout, users + 1);
		if (users === 0) {
			stdout.write(bracketedPasteOn);
		}
		// A process that exits without unmounting (process.exit, uncaught error) must not leave
		// the terminal wrapping every paste in markers for the shell.
		const restore = (): void => {
			stdout.write(bracketedPasteOff);
		};
		process.on('exit', restore);
		return () => {
			process.off('exit', restore);
			const remaining = (pasteModeUsers.get(stdout) ?? 1) - 1;
			pasteModeUsers.set(stdout, remaining);
			if (remaining === 0) {
				restore();
			}
		};
	}, [enabled, stdout]);
}

export function useRawInput(handlers: RawInputHandlers, options: RawInputOptions = {}): void {
	const {internal_eventEmitter: emitter, setRawMode, isRawModeSupported} = useStdin() as ReturnType<typeof useStdin> & {internal_eventEmitter: EventEmitter}; // interim: replaced by the input provider
	const {stdout} = useStdout();
	const isActive = options.isActive ?? true;
	const pasteTimeoutMs = options.pasteTimeoutMs ?? 1000;

	// The listener reads the latest handlers through a ref, so it subscribes once and keeps its
	// place among the emitter's listeners.
	const latest = useRef({handlers, isActive});
	useLayoutEffect(() => {
		latest.current = {handlers, isActive};
	});

	useBracketedPasteMode(options.bracketedPaste ?? stdout.isTTY === true);

	useEffect(() => {
		if (!isRawModeSupported) {
			return;
		}
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [isRawModeSupported, setRawMode]);

	// A layout effect, not a passive one: it runs in the same task as the commit that drew this component's first frame.
	// Passive effects run later (much later on a loaded machine), and input read meanwhile reached no listener: keys
	// typed as soon as the chat appeared after the picker were lost.
	useLayoutEffect(() => {
		const collector = new PasteCollector();
		const registered = collectors.get(emitter) ?? new Set<PasteCollector>();
		collectors.set(emitter, registered);
		registered.add(collector);
		let timer: NodeJS.Timeout | undefined;

		const deliverPaste = (text: string): void => {
			if (latest.current.isActive && text !== '') {
				latest.current.handlers.onPaste?.(text);
			}
		};
		const handleEvent = (event: RawEvent): void => {
			switch (event.kind) {
				case 'key': {
					latest.current.handlers.onKey?.(event.input, event.key);
					break;
				}
				case 'text': {
					latest.current.handlers.onKey?.(event.text, blankKey());
					break;
				}
				case 'f1': {
					latest.current.handlers.onF1?.();
					break;
				}
				case 'ignored': {
					break;
				}
				default: {
					const unknown: never = event;
					throw new Error(`Unhandled raw event ${JSON.stringify(unknown)}`);
				}
			}
		};
		const onInput = (raw: string): void => {
			clearTimeout(timer);
			const step = collector.push(raw);
			switch (step.kind) {
				case 'pass': {
					for (const event of parseRawEvents(raw)) {
						// Checked per event: a handler earlier in the burst may have switched input off.
						if (latest.current.isActive) {
							handleEvent(event);
						}
					}
					break;
				}
				case 'collecting': {
					timer = setTimeout(() => {
						deliverPaste(collector.flush() ?? '');
					}, pasteTimeoutMs);
					timer.unref();
					break;
				}
				case 'pasted': {
					deliverPaste(step.text);
					if (step.rest !== '') {
						onInput(step.rest);
					}
					break;
				}
				default: {
					const unknown: never = step;
					throw new Error(`Unhandled paste step ${JSON.stringify(unknown)}`);
				}
			}
		};

		emitter.on('input', onInput);
		return () => {
			clearTimeout(timer);
			emitter.off('input', onInput);
			registered.delete(collector);
		};
	}, [emitter, pasteTimeoutMs]);
}
