import {useEffect, useState} from 'react';

export interface Tick {
	/** Increments every interval: drives spinner frames. */
	count: number;
	/** The time of the last tick (ms since the epoch). */
	now: number;
}

/**
 * Ticks every `ms` while `active`, for spinners and elapsed times; renders stay pure. A new
 * `restartKey` restarts the interval, so while something else re-renders often (streamed text)
 * the ticker adds no frames of its own.
 */
export function useTicker(active: boolean, ms: number, restartKey?: unknown): Tick {
	const [tick, setTick] = useState<Tick>(() => ({count: 0, now: Date.now()}));
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => {
			setTick(value => ({count: value.count + 1, now: Date.now()}));
		}, ms);
		return () => {
			clearInterval(timer);
		};
	}, [active, ms, restartKey]);
	return tick;
}
