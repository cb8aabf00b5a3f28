/** Ends an exhaustive switch: a new union member that is not handled becomes a compile error. */
export function assertNever(value: never): never {
	throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
