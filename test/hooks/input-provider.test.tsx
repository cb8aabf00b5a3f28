import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {useState} from 'react';
import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {InputProvider, useInputLayer} from '../../source/hooks/input-provider.js';
import type {InputLayer} from '../../source/hooks/input-provider.js';
import {waitFor} from '../support/wait-for.js';

afterEach(() => {
	cleanup();
});

interface ProbeProps {
	name: string;
	layer: InputLayer;
	log: string[];
	/** Keys (by text or name) this subscriber consumes; others pass on. */
	takes: readonly string[];
	active?: boolean;
	pastes?: boolean;
}

function Probe({name, layer, log, takes, active = true, pastes = false}: ProbeProps) {
	useInputLayer(layer, {
		onKey(event) {
			const id = event.name ?? event.text;
			log.push(`${name}:${id}`);
			return takes.includes(id);
		},
		onPaste(text) {
			log.push(`${name}:paste:${text}`);
			return pastes;
		},
	}, active);
	return <Text>{name}</Text>;
}

async function mount(node: React.ReactNode) {
	const app = render(<InputProvider>{node}</InputProvider>);
	await waitFor(() => app.stdin.listenerCount('readable') > 0);
	return app;
}

test('keys go to the overlay, then the focused pane, then the screen, then global, until one consumes them', async () => {
	const log: string[] = [];
	const app = await mount(
		<>
			<Probe name="global" layer="global" log={log} takes={['q']} />
			<Probe name="screen" layer="screen" log={log} takes={['s']} />
			<Probe name="focus" layer="focus" log={log} takes={['f']} />
			<Probe name="overlay" layer="overlay" log={log} takes={['o']} />
		</>,
	);
	for (const key of ['o', 'f', 's', 'q', 'x']) app.stdin.write(key);
	await waitFor(() => log.filter(entry => entry.startsWith('global')).length === 2);
	assert.deepEqual(log, [
		'overlay:o',
		'overlay:f', 'focus:f',
		'overlay:s', 'focus:s', 'screen:s',
		'overlay:q', 'focus:q', 'screen:q', 'global:q',
		'overlay:x', 'focus:x', 'screen:x', 'global:x',
	]);
});

test('an inactive subscriber is skipped, and becomes active again without re-subscribing', async () => {
	const log: string[] = [];
	function Switch() {
		const [on, setOn] = useState(false);
		useInputLayer('screen', {
			onKey(event) {
				if (event.name !== 'tab') return false;
				setOn(value => !value);
				return true;
			},
		});
		return <Probe name="pane" layer="focus" log={log} takes={['a']} active={on} />;
	}
	const app = await mount(<Switch />);
	app.stdin.write('a');
	app.stdin.write('\t');
	await waitFor(() => app.lastFrame() !== undefined);
	await new Promise<void>(resolve => {
		setImmediate(resolve);
	});
	app.stdin.write('a');
	await waitFor(() => log.length === 1);
	assert.deepEqual(log, ['pane:a']);
});

test('a paste goes to the first subscriber that takes it, never as keys', async () => {
	const log: string[] = [];
	const app = await mount(
		<>
			<Probe name="screen" layer="screen" log={log} takes={[]} pastes />
			<Probe name="focus" layer="focus" log={log} takes={[]} />
		</>,
	);
	app.stdin.write('\u001B[200~a\tb\rc\u001B[201~');
	await waitFor(() => log.length === 2);
	assert.deepEqual(log, ['focus:paste:a\tb\rc', 'screen:paste:a\tb\rc']);
});

test('the most recently mounted subscriber of a layer goes first', async () => {
	const log: string[] = [];
	function Later() {
		const [shown, setShown] = useState(false);
		useInputLayer('global', {
			onKey(event) {
				if (event.text !== '+') return false;
				setShown(true);
				return true;
			},
		});
		return shown ? <Probe name="second" layer="screen" log={log} takes={['x']} /> : null;
	}
	const app = await mount(
		<>
			<Probe name="first" layer="screen" log={log} takes={['x']} />
			<Later />
		</>,
	);
	app.stdin.write('+');
	await waitFor(() => app.lastFrame()?.includes('second') === true);
	app.stdin.write('x');
	await waitFor(() => log.length === 2);
	assert.deepEqual(log, ['first:+', 'second:x']);
});
