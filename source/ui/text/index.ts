/** The text pipeline the chat UI renders from: untrusted text in, width-bounded styled lines out. */
export {sanitize, Sanitizer, jsonString} from './sanitize.js';
export {wrapText, wrapStyled, expandTabs, tabWidth} from './wrap.js';
export type {Style, StyledRun} from './wrap.js';
export {breakLine} from './line-break.js';
export type {WrapMode, BreakOptions} from './line-break.js';
export {textWidth} from './text-width.js';
export {renderMarkdown} from './markdown.js';
export {StreamingMarkdown} from './streaming-markdown.js';
export {theme} from './theme.js';
export {
	messageJsonLines,
	JsonLinesCache,
	jsonOpenLine,
	jsonCloseLine,
	jsonEmptyLine,
	jsonGutterWidth,
} from './json-lines.js';
export type {JsonMessage, JsonLineOptions} from './json-lines.js';
