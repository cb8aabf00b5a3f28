// Several instances on one database file at once, each chatting in its own session: every message of every instance
// must be in the file, in order, once.
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {App} from '../lib/app.js';
import type {RowResult, TortureContext} from '../lib/context.js';
import {readDb} from '../lib/db.js';

export async function manyInstances(context: TortureContext, plan: {instances: number; exchanges: number}): Promise<RowResult> {
	const folder = join(context.dir, 'instances');
	await mkdir(folder);
	const db = join(folder, 'agents.db');
	const result: RowResult = {id: 'instances', row: `${plan.instances} instances × ${plan.exchanges} exchanges on one file`, cases: 0, lost: 0, allowed: 0, failures: [], details: {}};
	const apps: App[] = [];
	try {
		for (let index = 0; index < plan.instances; index++) apps.push(await App.launch(context, {db, args: ['--new']}));
		await Promise.all(apps.map(async app => app.ready()));
		await Promise.all(apps.map(async (app, instance) => {
			for (let exchange = 0; exchange < plan.exchanges; exchange++) {
				const text = `instance ${instance} exchange ${exchange}`;
				await app.send(text);
				await app.terminal.waitForText(`You said: ${text}`, 30_000);
				await app.terminal.waitForText('● idle', 30_000);
			}
			app.terminal.keys('C-c');
			if (await app.exit(30_000) === undefined) result.failures.push(`instance ${instance} did not quit`);
		}));
		const state = await readDb(db, apps.map(app => app.sessionId));
		if (state.problem !== undefined) result.failures.push(`the database is ${state.problem}`);
		for (const [instance, app] of apps.entries()) {
			const contents = (state.sessions.get(app.sessionId) ?? []).map(message => message.content);
			const expected = Array.from({length: plan.exchanges}, (_, exchange) => [`instance ${instance} exchange ${exchange}`, `You said: instance ${instance} exchange ${exchange}`]).flat();
			result.cases += plan.exchanges;
			const lost = expected.filter(content => !contents.includes(content)).length;
			result.lost += lost;
			if (lost > 0) result.failures.push(`instance ${instance}: ${lost} message(s) lost`);
			else if (contents.join('\n') !== expected.join('\n')) result.failures.push(`instance ${instance}: its messages are out of order or doubled`);
		}
	} finally {
		await Promise.all(apps.map(async app => app.close()));
	}
	return result;
}
