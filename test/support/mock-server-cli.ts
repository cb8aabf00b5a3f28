// `npm run mock-server [-- options]`: an OpenAI-compatible server on loopback for trying the app by hand
// (and for the CPU measurement, which runs it in a separate process).
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {lastUserText, startMockServer, wireFamilies} from './mock-server.js';
import type {MockHandler, ScriptedReply, WireFamily} from './mock-server.js';

const usage = `
  Usage: npm run mock-server -- [options]

  Options
    --port N          listen on this port (default: any free port)
    --cps N           chunks per second of the streamed reply (default: 40; 0 = as fast as possible)
    --chunks N        reply with N chunks of filler text instead of the markdown echo
    --reply FILE      reply with the markdown in FILE instead (to see how a long answer renders)
    --fail STATUS     answer every request with this HTTP error (401, 403, 404, 429, 500, …)
    --retry-after S   with --fail: send a retry-after header of S seconds
    --drop-after K    cut the connection after K chunks
    --stall-after K   go silent after K chunks (the app's --timeout should fire)
    --key KEY         require "Authorization: Bearer KEY"
    --family NAME     stream in the chunk shapes of ${wireFamilies.join(', ')}
    --think           with --family (not openai): think aloud first, in the family's reasoning field
    --think-tags      think aloud first inside <think>…</think> in the content (any family)
    --models A,B      the model ids GET /v1/models lists (default: mock)
    --no-models       answer 404 to GET /v1/models, as servers that do not list models do
    --reject-stream-options  answer 400 to requests with stream_options, as some older servers do
    --quiet           do not log requests
`;

const {values} = parseArgs({
	options: {
		port: {type: 'string', default: '0'},
		cps: {type: 'string', default: '40'},
		chunks: {type: 'string'},
		reply: {type: 'string'},
		fail: {type: 'string'},
		'retry-after': {type: 'string'},
		'drop-after': {type: 'string'},
		'stall-after': {type: 'string'},
		key: {type: 'string'},
		family: {type: 'string'},
		think: {type: 'boolean', default: false},
		'think-tags': {type: 'boolean', default: false},
		models: {type: 'string'},
		'no-models': {type: 'boolean', default: false},
		'reject-stream-options': {type: 'boolean', default: false},
		quiet: {type: 'boolean', default: false},
		help: {type: 'boolean', default: false},
	},
});

if (values.help) {
	console.log(usage);
	process.exit(0);
}

function count(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) {
		console.error(`--${flag} must be a whole number, not "${value}".`);
		process.exit(2);
	}
	return Number(value);
}

const cps = count('cps', values.cps) ?? 40;
const chunks = count('chunks', values.chunks);
const fail = count('fail', values.fail);
let replyText: string | undefined;
if (values.reply !== undefined) {
	try {
		replyText = readFileSync(values.reply, 'utf8');
	} catch (error) {
		console.error(`--reply: cannot read ${values.reply} (${(error as Error).message}).`);
		process.exit(2);
	}
}
const retryAfter = count('retry-after', values['retry-after']);
const dropAfter = count('drop-after', values['drop-after']);
const stallAfter = count('stall-after', values['stall-after']);
const family = values.family as WireFamily | undefined;
if (family !== undefined && !wireFamilies.includes(family)) {
	console.error(`--family must be one of ${wireFamilies.join(', ')}, not "${family}".`);
	process.exit(2);
}
if (values.think && (family === undefined || family === 'openai')) {
	console.error('--think needs --family with a reasoning field (not openai); --think-tags works with any.');
	process.exit(2);
}

/** What the mock model "thinks" before it answers, when asked to (--think, --think-tags). */
function thoughts(question: string): string[] {
	return words(`The user asked ${JSON.stringify(question.slice(0, 60))}. A mock server has no opinions, so I will quote the question back and describe what to look at while the reply streams.`);
}

/** Splits text into word-sized chunks (trailing whitespace kept) so it streams like a model. */
function words(text: string): string[] {
	return text.match(/\s+|\S+\s*/g) ?? [];
}

function plural(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function markdownEcho(question: string): string {
	const quoted = question.trim() === '' ? '> (empty)' : question.split('\n').map(line => `> ${line}`).join('\n');
	return [
		'## Mock server reply',
		'',
		'You asked:',
		'',
		quoted,
		'',
		`That is **${question.length} characters** and ${plural(words(question.trim()).length, 'word')}. Some things to look at while this streams:`,
		'',
		'1. The transcript renders *markdown* as it arrives.',
		'2. The history pane shows this reply growing as the last JSON element.',
		'3. `Esc` stops the reply; the partial text is kept.',
		'',
		'```ts',
		`const answer = ${JSON.stringify(question.slice(0, 40))};`,
		'```',
		'',
	].join('\n');
}

const handler: MockHandler = request => {
	if (!values.quiet) {
		console.log(`${new Date().toISOString().slice(11, 19)} ${request.method} ${request.path} ${JSON.stringify(lastUserText(request.body)).slice(0, 60)}`);
	}
	const pace: ScriptedReply = cps === 0 ? {} : {chunksPerSecond: cps};
	if (fail !== undefined) return {status: fail, ...(retryAfter === undefined ? {} : {retryAfter})};
	const question = lastUserText(request.body);
	const answer = chunks ?? words(replyText ?? markdownEcho(question));
	const tagged = values['think-tags'] && typeof answer !== 'number' ? ['<think>', ...thoughts(question), '</think>\n\n', ...answer] : answer;
	return {
		...pace,
		chunks: tagged,
		...(family === undefined ? {} : {family}),
		...(values.think ? {reasoning: thoughts(question)} : {}),
		...(dropAfter === undefined ? {} : {dropAfter}),
		...(stallAfter === undefined ? {} : {stallAfter}),
	};
};

const server = await startMockServer({
	port: count('port', values.port) ?? 0,
	handler,
	...(values.key === undefined ? {} : {apiKey: values.key}),
	models: values['no-models'] ? null : values.models?.split(',').map(id => id.trim()).filter(Boolean) ?? ['mock'],
	rejectStreamOptions: values['reject-stream-options'],
});
console.log(`Mock OpenAI server listening on ${server.url}`);
console.log(`Run the app against it:  npm start -- --base-url ${server.url} --model mock`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void server.close().then(() => process.exit(0));
	});
}
