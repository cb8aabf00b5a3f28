/**
 * One input pipeline for the whole app. Ink parses the terminal's input once (keys and bracketed
 * pastes); the provider is its only `useInput`/`usePaste` user and offers each event to the mounted
 * subscribers in priority order — an open overlay first, then the focused pane, then the screen,
 * then global keys — until one consumes it.
 */

import {createContext, useContext, useLayoutEffect, useMemo, useRef} from 'react';
import type {ReactNode} from 'react';
import {useInput, usePaste} from 'ink';
import {toKeyEvents} from './key-event.js';
import type {KeyEvent} from './key-event.js';

/** Who sees a key first: overlay, then focus, then screen, then global. */
export type InputLayer = 'overlay' | 'focus' | 'screen' | 'global';

const rank: Record<InputLayer, number> = {overlay: 3, focus: 2, screen: 1, global: 0};

export interface InputHandlers {
	/** Return true when the key was used; false passes it on to the next subscriber. */
	onKey?: (event: KeyEvent) => boolean;
	/** The whole pasted text (not sanitised). Return true when it was used. */
	onPaste?: (text: string) => boolean;
}

interface Subscriber {
	layer: InputLayer;
	/** Mount order: within a layer the most recently mounted subscriber goes first. */
	order: number;
	current: {handlers: InputHandlers; active: boolean};
}

/** The subscribers of one app, and the delivery of events to them. */
export class InputHub {
	readonly #subscribers: Subscriber[] = [];
	#mounted = 0;

	subscribe(layer: InputLayer, current: Subscriber['current']): () => void {
		const subscriber: Subscriber = {layer, order: ++this.#mounted, current};
		this.#subscribers.push(subscriber);
		this.#subscribers.sort((a, b) => rank[b.layer] - rank[a.layer] || b.order - a.order);
		return () => {
			this.#subscribers.splice(this.#subscribers.indexOf(subscriber), 1);
		};
	}

	key(event: KeyEvent): void {
		for (const {current} of [...this.#subscribers]) {
			if (current.active && current.handlers.onKey?.(event) === true) return;
		}
	}

	paste(text: string): void {
		for (const {current} of [...this.#subscribers]) {
			if (current.active && current.handlers.onPaste?.(text) === true) return;
		}
	}
}

const InputContext = createContext<InputHub | undefined>(undefined);

export function InputProvider({children}: {children: ReactNode}) {
	const hub = useMemo(() => new InputHub(), []);
	useInput((input, key) => {
		for (const event of toKeyEvents(input, key)) hub.key(event);
	});
	usePaste(text => {
		hub.paste(text);
	});
	return <InputContext.Provider value={hub}>{children}</InputContext.Provider>;
}

/**
 * Subscribes to keys and pastes at `layer` while mounted. The handlers may be new on every render:
 * the latest ones (and `active`) are used, updated right after each commit so a key that arrives
 * before the next effects run already sees them.
 */
export function useInputLayer(layer: InputLayer, handlers: InputHandlers, active = true): void {
	const hub = useContext(InputContext);
	if (!hub) throw new Error('useInputLayer needs an <InputProvider> above it.');
	const current = useRef({handlers, active});
	useLayoutEffect(() => {
		current.current.handlers = handlers;
		current.current.active = active;
	});
	useLayoutEffect(() => hub.subscribe(layer, current.current), [hub, layer]);
}
