// How long a key typed into the picker's filter takes with 100,000 messages (1,000 sessions × 100), the real picker
// mounted in ink-testing-library: from the write to the frame that shows the key, and from the last key to the frame
// with the search's matches. `npx tsx test/support/measure-picker-keys.tsx [sessions] [messagesPerSession]`.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {InputProvider} from '../../source/hooks/input-provider.js';
import {openSessionStore} from '../../source/store/index.js';
import {SessionPicker} from '../../source/ui/picker/SessionPicker.js';
import {generateDatabase} from './generate-db.js';
import {waitForFrame} from './wait-for.js';

const sessions = Number(process.argv[2] ?? 1000);
const perSession = Number(process.argv[3] ?? 100);
const dir = await mkdtemp(join(tmpdir(), 'measure-picker-'));
try {
	const path = join(dir, 'agents.db');
	await generateDatabase(path, {sessions, messagesPerSession: perSession});
	const store = await openSessionStore(path);
	const app = render(
		<InputProvider>
			<SessionPicker store={store} user="user" width={100} height={30} modelLabel="gpt-4o" onOpen={() => undefined} onNew={() => undefined} onQuit={() => undefined} />
		</InputProvider>,
	);
	// A terminal's size, as a real one reports it (without it Ink asks `tput` in a child process at every layout).
	Object.defineProperty(app.stdout, 'columns', {value: 100, configurable: true});
	Object.defineProperty(app.stdout, 'rows', {value: 31, configurable: true});
	const frame = () => app.lastFrame() ?? '';
	await waitForFrame(app.lastFrame, text => text.includes('Named session'), {timeout: 30_000});
	const ms = (value: number) => `${value.toFixed(1)} ms`;
	for (const word of ['terminal', 'quickly render', 'zebra']) {
		const keys: number[] = [];
		let typed = '';
		for (const character of word) {
			typed += character;
			const started = performance.now();
			app.stdin.write(character);
			await waitForFrame(app.lastFrame, text => text.includes(`/ ${typed}`), {timeout: 10_000, interval: 1});
			keys.push(performance.now() - started);
		}
		const last = performance.now();
		await waitForFrame(app.lastFrame, text => / match(es)? · /.test(text) && !text.includes('searching…'), {timeout: 10_000, interval: 1});
		const searched = performance.now() - last;
		const sorted = [...keys].sort((a, b) => a - b);
		console.log(`"${word}": key to frame median ${ms(sorted[Math.floor(sorted.length / 2)]!)}, worst ${ms(sorted.at(-1)!)} (${keys.length} keys); last key to matches on screen ${ms(searched)} (of which ${120} ms waiting for a pause); ${/(\d[\d,]*) match/.exec(frame())?.[1] ?? '?'} matches`);
		app.stdin.write('\u001B');
		await waitForFrame(app.lastFrame, text => !text.includes('/ '), {timeout: 10_000});
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	for (const [query, order] of [['terminal', 'recent'], ['terminal', 'relevance'], ['quickly render', 'recent'], ['zebra', 'recent']] as const) {
		const started = performance.now();
		store.searchSessions('user', query, {order, limit: 13, offset: 0});
		console.log(`store.searchSessions("${query}", ${order}, a page of 13): ${ms(performance.now() - started)}`);
	}
	app.unmount();
	await store.close();
} finally {
	await rm(dir, {recursive: true, force: true});
}
