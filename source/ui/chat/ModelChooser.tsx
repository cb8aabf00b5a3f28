/**
 * /model: the session's model, chosen from a list (ink-select-input) of the current model, the models used before and
 * those the server lists (GET /v1/models), or typed into a field (ink-text-input) for servers that list none.
 *
 * Both packages read keys with Ink's own `useInput`, beside the app's input provider rather than through it. So the
 * chooser also takes the provider's overlay layer and consumes every key there (Ctrl+C excepted): nothing under it (the
 * input line, the chat's keys) reacts while it is open, and the two packages see the keys as they were written to.
 * Only one of them listens at a time (`isFocused` / `focus`). The field's changes are checked against the key that made
 * them, as the provider saw it first: ink-text-input would insert the letter of a Ctrl or Alt chord, or the text of a
 * mouse report, and those changes are refused; what it takes is cleaned like any typed text. A paste comes only to the
 * provider (bracketed paste), which adds it to the field.
 */

import {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import type {ModelList} from '../../llm/types.js';
import {useInputLayer} from '../../hooks/input-provider.js';
import type {KeyEvent} from '../../hooks/key-event.js';
import {isText} from '../../hooks/key-event.js';
import {keysLabel, matches} from '../keys.js';
import {leading, oneLine} from '../format.js';
import {palette, sanitize, truncateEnd} from '../text/index.js';
import {cleanTyped, maxFieldLength} from '../picker/line-edit.js';

export interface ModelChooserProps {
	width: number;
	height: number;
	/** The model the session's next request asks for. */
	current: string;
	/** Models of the user's sessions, the most recently active first. */
	recent: readonly string[];
	listModels: (signal: AbortSignal) => Promise<ModelList>;
	onChoose: (model: string) => void;
	onCancel: () => void;
}

/** The list's last item: typing a name instead. No model is named '' (the store refuses an empty name). */
const typeItem = '';

type Listing = {state: 'loading'} | {state: 'done'; list: ModelList};

interface Item {
	label: string;
	value: string;
}

/** Current first, then the ones used before, then the server's; each once, with what it is. */
export function chooserItems(current: string, recent: readonly string[], listed: readonly string[]): Item[] {
	const items: Item[] = [];
	const seen = new Set<string>();
	const add = (model: string, note: string) => {
		if (model === '' || seen.has(model)) return;
		seen.add(model);
		items.push({label: `${oneLine(sanitize(leading(model, 200)))}${note}`, value: model});
	};
	add(current, '  (current)');
	for (const model of recent) add(model, '  (used before)');
	for (const model of listed) add(model, '');
	items.push({label: 'Type a model name…', value: typeItem});
	return items;
}

function listingLine(listing: Listing): string {
	if (listing.state === 'loading') return 'Asking the server for its models…';
	switch (listing.list.type) {
		case 'listed': {
			const count = listing.list.models.length;
			return `The server lists ${count} ${count === 1 ? 'model' : 'models'}.`;
		}
		case 'stopped': {
			return '';
		}
		case 'failed': {
			return listing.list.error.message;
		}
	}
}

/** ink-select-input's row parts in the app's palette (the package's own are blue, also under NO_COLOR). */
function Indicator({isSelected = false}: {isSelected?: boolean}) {
	return <Text color={palette.accent}>{isSelected ? '› ' : '  '}</Text>;
}

function Row({isSelected = false, label}: {isSelected?: boolean; label: string}) {
	return <Text bold={isSelected} color={isSelected ? palette.accent : undefined} wrap="truncate-end">{label}</Text>;
}

/** Whether a change the field made from `event` may stand: typed text, or deleting. */
function fieldMayChange(event: KeyEvent | undefined): boolean {
	if (!event || event.mouse) return false;
	return isText(event) || event.name === 'backspace' || event.name === 'delete';
}

export function ModelChooser({width, height, current, recent, listModels, onChoose, onCancel}: ModelChooserProps) {
	const [listing, setListing] = useState<Listing>({state: 'loading'});
	const [typing, setTyping] = useState(false);
	const [name, setName] = useState('');
	// A paste or a refused change puts the cursor at the end: the field starts again (its cursor is its own).
	const [fieldKey, setFieldKey] = useState(0);
	const lastKey = useRef<KeyEvent | undefined>(undefined);

	useEffect(() => {
		const controller = new AbortController();
		void listModels(controller.signal).then(list => {
			if (!controller.signal.aborted) setListing({state: 'done', list});
		});
		return () => {
			controller.abort();
		};
	}, [listModels]);

	const items = useMemo(() => chooserItems(current, recent, listing.state === 'done' && listing.list.type === 'listed' ? listing.list.models : []), [current, recent, listing]);

	useInputLayer('overlay', {
		onKey(event) {
			if (matches('quit', event)) return false;
			lastKey.current = event;
			if (matches('chooser.cancel', event)) {
				if (typing) setTyping(false);
				else onCancel();
			} else if (matches('chooser.type', event)) {
				setTyping(!typing);
			}
			// Everything else is read by the list or the field themselves (see the comment at the top).
			return true;
		},
		onPaste(text) {
			if (typing) {
				setName(value => leading(value + cleanTyped(text), maxFieldLength));
				setFieldKey(key => key + 1);
			}
			return true;
		},
	});

	const choose = (model: string) => {
		const trimmed = model.trim();
		if (trimmed !== '') onChoose(trimmed);
	};

	const inner = Math.max(1, width - 4);
	// Border (2), title, current, listing line, blank, footer.
	const rows = Math.max(1, height - 7);
	const status = listingLine(listing);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={palette.accent} paddingX={1}>
			<Text bold color={palette.accent}>Model for this session</Text>
			<Text wrap="truncate-end">{`Now: ${truncateEnd(oneLine(sanitize(current)), inner - 5)}`}</Text>
			<Text dimColor wrap="truncate-end">{oneLine(sanitize(status)) || ' '}</Text>
			<Text> </Text>
			{typing
				? (
					<Box width={inner} height={rows} flexDirection="column">
						<Box>
							<Text color={palette.accent}>{'Name: '}</Text>
							<TextInput
								key={fieldKey}
								value={name}
								focus={typing}
								onChange={value => {
									if (fieldMayChange(lastKey.current)) {
										setName(leading(cleanTyped(value), maxFieldLength));
									} else {
										// Refused: the field has already moved its cursor past the text it did not keep.
										setFieldKey(key => key + 1);
									}
								}}
								onSubmit={choose}
							/>
						</Box>
					</Box>
				)
				: (
					<Box width={inner} height={rows} flexDirection="column" overflowY="hidden">
						<SelectInput
							items={items}
							isFocused={!typing}
							limit={rows}
							indicatorComponent={Indicator}
							itemComponent={Row}
							onSelect={item => {
								if (item.value === typeItem) setTyping(true);
								else choose(item.value);
							}}
						/>
					</Box>
				)}
			<Box flexGrow={1} />
			<Text dimColor wrap="truncate-end">
				{typing
					? `${keysLabel('chooser.pick')} use this name · ${keysLabel('chooser.type')} the list · ${keysLabel('chooser.cancel')} back`
					: `${keysLabel('chooser.pick')} use · ${keysLabel('chooser.type')} type a name · ${keysLabel('chooser.cancel')} keep "${truncateEnd(oneLine(sanitize(current)), 20)}"`}
			</Text>
		</Box>
	);
}
