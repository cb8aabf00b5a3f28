/** The thinking and the answer text one piece of `content` carried (either may be empty). */
export interface SplitText {
	thinking: string;
	answer: string;
}

const openTag = '<think>';
const closeTag = '</think>';

/**
 * lead: nothing but whitespace so far (a `<think>` may still open); think: inside the block;
 * afterOpen / afterClose: dropping the line breaks that follow a tag; answer: everything else, passed through.
 */
type Mode = 'lead' | 'afterOpen' | 'think' | 'afterClose' | 'answer';

const emptySplit: SplitText = Object.freeze({thinking: '', answer: ''});

/**
 * Separates a leading `<think>…</think>` block (DeepSeek-R1-style models on servers without a reasoning parser) from
 * the answer in streamed `content`, whatever the pieces' boundaries: a tag cut anywhere is held back until the next piece
 * decides it. Only a block at the very start counts (leading whitespace allowed); a `<think>` later on is answer text.
 * An unclosed block at the end is all thinking.
 */
export class ThinkSplitter {
	#mode: Mode = 'lead';
	/** Text held back: leading whitespace and a possible `<think>` (lead), or a possible start of `</think>` (think). */
	#held = '';

	push(piece: string): SplitText {
		// The common case once the answer runs: no copying, no scanning.
		if (this.#mode === 'answer') return piece === '' ? emptySplit : {thinking: '', answer: piece};
		let rest = this.#held + piece;
		this.#held = '';
		let thinking = '';
		let answer = '';
		while (rest !== '') {
			switch (this.#mode) {
				case 'lead': {
					const start = rest.search(/\S/);
					if (start === -1) {
						this.#held = rest;
						return result(thinking, answer);
					}
					const candidate = rest.slice(start);
					if (candidate.startsWith(openTag)) {
						this.#mode = 'afterOpen';
						rest = candidate.slice(openTag.length);
					} else if (openTag.startsWith(candidate)) {
						this.#held = rest;
						return result(thinking, answer);
					} else {
						this.#mode = 'answer';
					}
					break;
				}
				case 'afterOpen':
				case 'afterClose': {
					rest = rest.replace(/^[\r\n]+/, '');
					if (rest !== '') this.#mode = this.#mode === 'afterOpen' ? 'think' : 'answer';
					break;
				}
				case 'think': {
					const end = rest.indexOf(closeTag);
					if (end !== -1) {
						thinking += rest.slice(0, end);
						rest = rest.slice(end + closeTag.length);
						this.#mode = 'afterClose';
						break;
					}
					const keep = partialTagLength(rest, closeTag);
					thinking += rest.slice(0, rest.length - keep);
					this.#held = rest.slice(rest.length - keep);
					return result(thinking, answer);
				}
				case 'answer': {
					answer += rest;
					rest = '';
					break;
				}
			}
		}
		return result(thinking, answer);
	}

	/** The stream ended: what was held back is answer text (an unfinished `<think>`) or thinking (an unclosed block). */
	end(): SplitText {
		const held = this.#held;
		this.#held = '';
		if (held === '') return emptySplit;
		return this.#mode === 'think' ? {thinking: held, answer: ''} : {thinking: '', answer: held};
	}
}

function result(thinking: string, answer: string): SplitText {
	return thinking === '' && answer === '' ? emptySplit : {thinking, answer};
}

/** Length of the longest end of `text` that is a proper start of `tag` (a tag cut at the piece boundary). */
function partialTagLength(text: string, tag: string): number {
	for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
		if (text.endsWith(tag.slice(0, length))) return length;
	}
	return 0;
}
