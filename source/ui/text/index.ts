/** The one text module: untrusted text in, sanitized, measured, wrapped or cut, styled lines out. */
export {sanitize, stripControls, Sanitizer, jsonString} from './sanitize.js';
export {graphemes, graphemeOffsets, previousBoundary, nextBoundary} from './graphemes.js';
export {textWidth} from './text-width.js';
export {wrapText, wrapStyled, expandTabs, tabWidth} from './wrap.js';
export type {Style, StyledRun} from './wrap.js';
export {breakLine} from './line-break.js';
export type {WrapMode, BreakOptions} from './line-break.js';
export {takeStart, takeEnd, truncateEnd, truncateStart, fitEnd, fitStart} from './truncate.js';
export {renderMarkdown, codeBlocks} from './markdown.js';
export type {CodeBlock} from './markdown.js';
export {highlighterGeneration, onHighlighterLoaded} from './code-highlight.js';
export {StreamingMarkdown} from './streaming-markdown.js';
export {theme, palette} from './theme.js';
export {
	messageJsonLines,
	JsonLinesCache,
	jsonOpenLine,
	jsonCloseLine,
	jsonEmptyLine,
	jsonGutterWidth,
} from './json-lines.js';
export type {JsonMessage, JsonLineOptions} from './json-lines.js';
