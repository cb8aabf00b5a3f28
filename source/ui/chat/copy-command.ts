/**
 * What `/copy` puts on the clipboard and what the notice says about it. Pure, but for `copyToTerminal`, which writes.
 *
 * What is copied is what the screen shows: sanitized, so no control sequence and no invisible character (a bidi
 * override in copied code, say) is pasted somewhere else.
 */
import {exportText} from '../../commands/export.js';
import type {SessionWithMessages, StoredMessage} from '../../store/types.js';
import {maxClipboardBytes, osc52} from '../clipboard.js';
import {clipboardSupport} from '../clipboard.js';
import type {ClipboardSupport} from '../clipboard.js';
import {formatCount} from '../format.js';
import {keysLabel} from '../keys.js';
import {codeBlocks} from '../text/index.js';
import {graphemes, sanitize} from '../text/index.js';
import type {CopyCommand} from './commands.js';

export type CopyChoice =
	/** `what` names it in a notice: "the last reply". */
	| {kind: 'text'; text: string; what: string}
	| {kind: 'nothing'; message: string};

/** The reply `/copy` means: the newest current reply with text (a failed one may have none). */
function lastReply(messages: readonly StoredMessage[]): StoredMessage | undefined {
	return messages.findLast(message => message.role === 'assistant' && !message.superseded && message.content !== '');
}

const plural = (count: number, word: string): string => `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

export function copyChoice(command: CopyCommand, opened: SessionWithMessages): CopyChoice {
	if (command.what === 'all') {
		if (opened.messages.length === 0) return {kind: 'nothing', message: 'This session has no messages to copy yet.'};
		return {kind: 'text', text: sanitize(exportText(opened, 'md')), what: 'the whole session as markdown'};
	}

	const reply = lastReply(opened.messages);
	if (!reply) return {kind: 'nothing', message: 'There is no reply to copy yet.'};
	if (command.what === 'reply') return {kind: 'text', text: sanitize(reply.content), what: 'the last reply'};
	const blocks = codeBlocks(reply.content);
	const block = blocks[command.index - 1];
	if (!block) {
		return {
			kind: 'nothing',
			message: blocks.length === 0
				? 'The last reply has no code blocks: /copy copies the whole reply.'
				: `The last reply has ${plural(blocks.length, 'code block')}: use /copy 1${blocks.length > 1 ? ` to /copy ${blocks.length}` : ''}.`,
		};
	}

	return {kind: 'text', text: block.code, what: `code block ${block.index}${block.language === '' ? '' : ` (${block.language})`} of the last reply`};
}

export interface CopyOutcome {
	/** What to write to the terminal, when anything. */
	sequence: string | undefined;
	notice: string;
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The sequence to write for `choice` (none when nothing is to be copied, it is too big, or the terminal cannot) and the notice. */
export function copyOutcome(choice: CopyChoice, support: ClipboardSupport): CopyOutcome {
	if (choice.kind === 'nothing') return {sequence: undefined, notice: choice.message};
	const bytes = Buffer.byteLength(choice.text, 'utf8');
	if (bytes > maxClipboardBytes) {
		return {
			sequence: undefined,
			notice: `${capitalized(choice.what)} is too big to copy through the terminal (${plural(bytes, 'byte')}; at most ${plural(maxClipboardBytes, 'byte')}): /export FILE writes the session to a file.`,
		};
	}

	if (support.kind === 'no') {
		return {
			sequence: undefined,
			notice: `${support.terminal} does not let an app set the clipboard (no OSC 52): ${keysLabel('chat.zoom')} shows the conversation alone to select with the mouse, or /export FILE writes it to a file.`,
		};
	}

	const copied = `Copied ${choice.what} (${plural(graphemes(choice.text).length, 'character')}) to the clipboard`;
	return {
		sequence: osc52(choice.text),
		notice: support.kind === 'tmux' ? `${copied} through tmux (it needs set -g set-clipboard on).` : `${copied}.`,
	};
}

/** Copies what `command` names through the terminal (when it is one); returns the notice. */
export function copyToTerminal(command: CopyCommand, opened: SessionWithMessages, stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): string {
	const {sequence, notice} = copyOutcome(copyChoice(command, opened), clipboardSupport(env));
	if (sequence !== undefined && stdout.isTTY) stdout.write(sequence);
	return notice;
}
