import {after, before, beforeEach} from 'node:test';
import {startMockServer} from './mock-server.js';
import type {MockServer} from './mock-server.js';

/** One loopback server for a test file: started before its tests, closed after them, its request log emptied before each. */
export interface MockServerFixture {
	readonly server: MockServer;
	/** `127.0.0.1:PORT`, as the app's messages name the server. */
	readonly host: string;
}

/** Registers the file's hooks; `reset` puts back whatever a test may have changed (scripts, keys, models). */
export function mockServerFixture(reset: (server: MockServer) => void = () => {}): MockServerFixture {
	let started: MockServer | undefined;
	const running = (): MockServer => {
		if (started === undefined) throw new Error('The mock server is used before its `before` hook ran.');
		return started;
	};
	before(async () => {
		started = await startMockServer();
	});
	after(async () => {
		await started?.close();
	});
	beforeEach(() => {
		const server = running();
		server.requests.length = 0;
		reset(server);
	});
	return {
		get server() {
			return running();
		},
		get host() {
			return `127.0.0.1:${running().port}`;
		},
	};
}
