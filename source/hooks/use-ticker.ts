import {useEffect, useState} from 'react';

export interface Tick {
	/** Increments every interval: drives spinner frames. */
	count: number;
	/** The time of the last tick (ms since the epoch). */
	now: number;
}

/** Ticks every `ms` while `active`, for spinners and elapsed times; renders stay pure. */
export function useTicker(active: boolean, ms: number): Tick {
	const [tick, setTick] = useState<Tick>(() => ({count: 0, now: Date.now()}));
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => {
			setTick(value => ({count: value.count + 1, now: Date.now()}));
		}, ms);
		return () => {
			clearInterval(timer);
		};
	}, [active, ms]);
	return tick;
}
