/**
 * lowlight with its `common` set of 37 languages, plus a few aliases. code-highlight.ts imports this
 * module lazily; importing lowlight's names statically here lets the bundler leave out its `all`
 * set (190 languages, 1.6 MB), which a dynamic import of lowlight itself would have kept.
 */
import {common, createLowlight, type Lowlight} from '#lowlight';

const extraAliases: Readonly<Record<string, string[]>> = {
	typescript: ['tsx'],
	javascript: ['jsx', 'node'],
	bash: ['zsh'],
	shell: ['shell-session', 'terminal'],
	json: ['jsonc', 'json5'],
};

export function createHighlighter(): Lowlight {
	const lowlight = createLowlight(common);
	for (const [language, aliases] of Object.entries(extraAliases)) {
		lowlight.registerAlias(language, aliases.filter(alias => !lowlight.registered(alias)));
	}

	return lowlight;
}
