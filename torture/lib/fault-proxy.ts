// A model server that sometimes answers with an HTML page (a captive portal, a proxy's error page): a small proxy in
// front of the mock server, which answers everything else. Cuts and stalls pass through as they happen.
import {createServer, request as httpRequest} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

export interface FaultProxy {
	url: string;
	close(): Promise<void>;
}

const page = '<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><h1>Please sign in</h1></body></html>\n';

/** `html(body)` decides, from the request's JSON body, whether to answer with the HTML page (status 200). */
export async function startFaultProxy(upstream: string, html: (body: string) => boolean): Promise<FaultProxy> {
	const target = new URL(upstream);
	const server = createServer((request, response) => {
		const parts: Buffer[] = [];
		request.on('data', (part: Buffer) => parts.push(part));
		request.on('end', () => {
			const body = Buffer.concat(parts);
			if (html(body.toString('utf8'))) {
				response.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page)});
				response.end(page);
				return;
			}
			const forward = httpRequest({host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers}, answer => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
				answer.on('aborted', () => response.destroy());
				answer.on('error', () => response.destroy());
			});
			forward.on('error', () => response.destroy());
			response.on('close', () => forward.destroy());
			forward.end(body);
		});
	});
	const sockets = new Set<Socket>();
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${target.pathname}`,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise(resolve => server.close(resolve));
		},
	};
}
