import type {EventEmitter} from 'node:events';
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {useEffect} from 'react';
import {Text, useStdin} from 'ink';
import type {Key} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {isPasteInProgress, useRawInput} from '../../source/hooks/use-raw-input.js';
import type {RawInputOptions} from '../../source/hooks/use-raw-input.js';
import {waitFor} from '../support/wait-for.js';

const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

afterEach(() => {
	cleanup();
});

interface Log {
	keys: Array<[string, Partial<Key>]>;
	pastes: string[];
	f1: string[];
	pastingSeen: boolean[];
	emitters: EventEmitter[];
}

function Probe({log, options}: {log: Log; options?: RawInputOptions}) {
	const {internal_eventEmitter: emitter} = useStdin() as unknown as {internal_eventEmitter: import('node:events').EventEmitter};
	useEffect(() => {
		log.emitters.push(emitter);
	}, [log, emitter]);
	useRawInput({
		onKey(input, key) {
			log.pastingSeen.push(isPasteInProgress(emitter));
			log.keys.push([input, Object.fromEntries(Object.entries(key).filter(([, value]) => value === true))]);
		},
		onPaste(text) {
			log.pastes.push(text);
		},
		onF1() {
			log.f1.push('f1');
		},
	}, {bracketedPaste: false, ...options});
	return <Text>probe</Text>;
}

async function mount(options?: RawInputOptions) {
	const log: Log = {keys: [], pastes: [], f1: [], pastingSeen: [], emitters: []};
	const result = render(<Probe log={log} options={options}/>);
	await waitFor(() => result.stdin.listenerCount('readable') > 0);
	return {log, ...result};
}

test('a paste in many events arrives once, and none of its events arrive as keys', async () => {
	const {log, stdin} = await mount();
	for (const chunk of ['a', pasteStart, 'one', '\r', 'two\r\n', '\u001B[A', '\t', pasteEnd, '\r']) {
		stdin.write(chunk);
	}
	assert.deepEqual(log.pastes, ['one\ntwo\n\u001B[A\t']);
	assert.deepEqual(log.keys, [['a', {}], ['\r', {return: true}]]);
	assert.deepEqual(log.pastingSeen, [false, false]);
});

test('F1 is reported in its xterm and rxvt forms', async () => {
	const {log, stdin} = await mount();
	stdin.write('\u001BOP');
	stdin.write('\u001B[11~');
	assert.equal(log.f1.length, 2);
	assert.deepEqual(log.keys, []);
});

test('a paste whose end marker never comes is delivered after the timeout', async () => {
	const {log, stdin} = await mount({pasteTimeoutMs: 20});
	stdin.write(pasteStart);
	stdin.write('lost end\r');
	await waitFor(() => log.pastes.length === 1);
	assert.deepEqual(log.pastes, ['lost end\n']);
	stdin.write('k');
	assert.deepEqual(log.keys, [['k', {}]]);
});

test('while inactive nothing is delivered, but a paste in progress is still tracked', async () => {
	const {log, stdin} = await mount({isActive: false});
	stdin.write('x');
	stdin.write('\u001BOP');
	stdin.write(pasteStart);
	stdin.write('half');
	assert.equal(isPasteInProgress(log.emitters[0]!), true);
	stdin.write(pasteEnd);
	assert.equal(isPasteInProgress(log.emitters[0]!), false);
	assert.deepEqual([log.keys, log.pastes, log.f1], [[], [], []]);
});

function TwoUsers({second}: {second: boolean}) {
	const log: Log = {keys: [], pastes: [], f1: [], pastingSeen: [], emitters: []};
	return (
		<>
			<Probe log={log} options={{bracketedPaste: true}}/>
			{second ? <Probe log={log} options={{bracketedPaste: true}}/> : null}
		</>
	);
}

test('bracketed paste mode is turned on once and off when the last user unmounts, and on process exit', async () => {
	const exitListeners = process.listenerCount('exit');
	const {stdout, stdin, rerender, unmount} = render(<TwoUsers second/>);
	await waitFor(() => stdin.listenerCount('readable') > 0);
	const count = (sequence: string) => stdout.frames.filter(frame => frame === sequence).length;
	assert.equal(count('\u001B[?2004h'), 1);
	assert.equal(process.listenerCount('exit'), exitListeners + 2, 'each user restores the terminal if the process exits');
	rerender(<TwoUsers second={false}/>);
	await waitFor(() => process.listenerCount('exit') === exitListeners + 1);
	assert.equal(count('\u001B[?2004l'), 0);
	unmount();
	await waitFor(() => count('\u001B[?2004l') === 1);
	assert.equal(process.listenerCount('exit'), exitListeners);
});
