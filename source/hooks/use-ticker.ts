import {useEffect, useState} from 'react';

/** A counter that ticks every `ms` while `active`, for spinners and elapsed times. */
export function useTicker(active: boolean, ms: number): number {
	const [tick, setTick] = useState(0);
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => {
			setTick(value => value + 1);
		}, ms);
		return () => {
			clearInterval(timer);
		};
	}, [active, ms]);
	return tick;
}
