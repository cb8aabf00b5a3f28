/** `value` limited to `min`…`max`; a `max` below `min` (an empty range, e.g. nothing to scroll) counts as `min`. */
export function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(value, min), Math.max(min, max));
}
