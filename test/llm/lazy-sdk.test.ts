import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

// A resolve hook that reports every module loaded from the openai package, registered in a fresh process.
const hook = `export async function resolve(specifier, context, next) {
	const result = await next(specifier, context);
	if (result.url.includes('/node_modules/openai/')) process.stdout.write('openai-loaded\\n');
	return result;
}`;
const register = `import {register} from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
const createModelUrl = new URL('../../source/llm/create-model.ts', import.meta.url).href;

test('the openai SDK is loaded on the first OpenAI request, not when the app creates its model', () => {
	const script = `
		const {createModel} = await import(${JSON.stringify(createModelUrl)});
		const config = {model: 'm', baseURL: 'http://127.0.0.1:9/v1', apiKey: undefined, stallTimeoutMs: 5000};
		const offline = createModel({...config, offline: true});
		const online = createModel({...config, offline: false});
		for await (const event of offline.stream([{role: 'user', content: 'hi'}], new AbortController().signal)) void event;
		console.log('before-first-request');
		// Stop it soon: the SDK is imported either way, and nothing listens on port 9 (no need to wait out retries).
		for await (const event of online.stream([{role: 'user', content: 'hi'}], AbortSignal.timeout(300))) void event;
	`;
	const result = spawnSync(process.execPath, [
		'--import', `data:text/javascript,${encodeURIComponent(register)}`,
		'--import', 'tsx',
		'--input-type=module', '-e', script,
	], {cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 20_000});
	assert.equal(result.status, 0, result.stderr);
	const lines = result.stdout.split('\n');
	const marker = lines.indexOf('before-first-request');
	assert.ok(marker >= 0, result.stdout);
	assert.ok(!lines.slice(0, marker).includes('openai-loaded'), 'openai was loaded before the first OpenAI request');
	assert.ok(lines.slice(marker).includes('openai-loaded'), 'openai was never loaded, so the hook did not work');
});
