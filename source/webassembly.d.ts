// Node has the WebAssembly global, but @types/node leaves it to lib "DOM" (which a terminal app does not load), and
// @types/emscripten (behind sql.js's types) declares only the namespace's Module. These are the calls source/store makes.
declare namespace WebAssembly {
	interface Instance {
		readonly exports: Record<string, unknown>;
	}
	type Imports = Record<string, Record<string, unknown>>;
	function compile(bytes: Uint8Array): Promise<Module>;
	function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
