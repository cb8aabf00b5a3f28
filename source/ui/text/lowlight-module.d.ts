/**
 * The part of lowlight's API that code-highlight.ts uses, for `import('#lowlight')` (package.json
 * "imports" maps `#lowlight` to the lowlight package at run time and to this file for the compiler).
 * lowlight's own types import highlight.js's, which carry `/// <reference lib="dom" />`: through
 * them the DOM's globals would enter the whole program (`performance` would become the browser's).
 */
export interface HastNode {
	type: string;
	value?: string;
	children?: HastNode[];
	properties?: {className?: unknown};
}

/** A grammar (highlight.js LanguageFn); only passed from `common` back to `createLowlight`. */
export type Grammar = (hljs: unknown) => unknown;

export interface Lowlight {
	highlight(language: string, value: string): HastNode;
	registered(aliasOrName: string): boolean;
	registerAlias(language: string, alias: readonly string[] | string): undefined;
}

export function createLowlight(grammars?: Readonly<Record<string, Grammar>>): Lowlight;

export const common: Readonly<Record<string, Grammar>>;
