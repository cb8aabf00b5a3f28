/**
 * The find bar as one styled line: the field (with its cursor while typing), the count ("3/17"), and what the keys do
 * now. Shown in the transcript's notice row, or at the foot of the zoomed view.
 */
import type {FindState} from '../../state/chat-state.js';
import {keyBindings, keyLabel} from '../keys.js';
import type {KeyAction} from '../keys.js';
import {lineWindow} from '../picker/line-edit.js';
import {sanitize, textWidth, theme, truncateEnd, truncateStart} from '../text/index.js';

const label = 'Find: ';

/** The `position`th key of `action`, for people ("Enter", "n"). */
function keyOf(action: KeyAction, position: number): string {
	const key = keyBindings.find(binding => binding.action === action)?.keys[position];
	return key === undefined ? '' : keyLabel(key);
}

function hints(editing: boolean): string {
	const key = editing ? 0 : 1;
	return [
		`${keyOf('find.next', key)} next`,
		`${keyOf('find.previous', key)} previous`,
		...(editing ? [] : [`${keyOf('find.edit', 0)} edit`]),
		`${keyOf('find.close', 0)} close`,
	].join(' · ');
}

/** "3/17", "no matches", or nothing before anything is typed. */
export function findCount(query: string, count: number, current: number | undefined): string {
	if (query === '') return '';
	if (count === 0) return 'no matches';
	return `${(current ?? 0) + 1}/${count}`;
}

export function findBarLine(find: FindState, count: number, current: number | undefined, width: number): string {
	const fieldWidth = Math.max(4, Math.min(40, Math.floor(width / 3)));
	let field: string;
	let fieldColumns: number;
	if (find.editing) {
		const view = lineWindow({value: find.query, cursor: find.cursor}, fieldWidth);
		field = view.before + theme.findCurrent(view.atCursor) + view.after;
		fieldColumns = textWidth(view.before + view.atCursor + view.after);
	} else {
		const shown = truncateStart(sanitize(find.query), fieldWidth);
		field = theme.title(shown);
		fieldColumns = textWidth(shown);
	}

	const status = findCount(find.query, count, current);
	const shownStatus = status === '' ? '' : `  ${count === 0 ? theme.warning(status) : theme.title(status)}`;
	const room = width - textWidth(label) - fieldColumns - (status === '' ? 0 : 2 + textWidth(status)) - 3;
	const help = room > 3 ? `   ${theme.quiet(truncateEnd(hints(find.editing), room))}` : '';
	return theme.quiet(label) + field + shownStatus + help;
}
