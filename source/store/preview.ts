/** Longest preview kept for a session without a given name, in characters. */
export const previewLength = 80;

/** The first non-empty line of a message, trimmed and cut to `previewLength` characters (code points, not UTF-16 units). */
export function previewOf(text: string): string {
	const line = text.split(/\r?\n/).map(part => part.trim()).find(part => part !== '') ?? '';
	const characters = Array.from(line.replaceAll(/\s+/g, ' '));
	return characters.length <= previewLength ? characters.join('') : `${characters.slice(0, previewLength - 1).join('').trimEnd()}…`;
}
