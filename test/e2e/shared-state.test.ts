/**
 * Two bot processes sharing one Redis (REDIS_URL), as a scaled-out deployment runs them: process A
 * on the gateway, process B an HTTP interactions front (INTERACTIONS=http). A reply answered by A
 * has buttons that work when the click reaches B, and the rate limits count both processes' requests
 * against one budget. A real redis-server (test/services/redis.ts), real processes, the fake Discord.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { discordSigner } from './discord-signature.js';
import { callbackFor, finalFor, textsFor, until } from './harness.js';
import { freePort, startRedis, type ThrowawayRedis } from '../services/redis.js';
import { scratchDataHome } from '../services/data-home.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const DEMO = { name: 'fixtures/demo/lstm-overfitting.csv' };
const EPHEMERAL = 64;
const signer = discordSigner();

interface Proc {
  child: ChildProcess;
  out: () => string;
}

function startBot(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', XDG_DATA_HOME: scratchDataHome(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buf = '';
  child.stdout!.on('data', (d) => (buf += d));
  child.stderr!.on('data', (d) => (buf += d));
  return { child, out: () => buf };
}

async function stopBot(p: Proc | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  const exited = once(p.child, 'exit');
  p.child.kill('SIGTERM');
  await exited;
}

let redis: ThrowawayRedis;
let fake: FakeDiscord;
let a: Proc;
let b: Proc;
let frontUrl: string;

beforeAll(async () => {
  redis = await startRedis();
  fake = await startFakeDiscord();
  const common = {
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    ATTACHMENT_HOSTS: '127.0.0.1',
    WORKERS: '1',
    LOG_LEVEL: 'info',
    REDIS_URL: redis.url,
    RATE_USER: '2',
    RATE_GUILD: '1000',
  };
  const port = await freePort();
  const session = fake.nextSession();
  a = startBot(common);
  b = startBot({
    ...common,
    INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: signer.publicKey,
    HTTP_PORT: String(port),
  });
  await session;
  await until(() => /"msg":"ready"/.test(a.out()) && /"msg":"ready"/.test(b.out()), 60_000);
  expect(a.out()).toMatch(/"interactions":"gateway"[^\n]*"shared":"redis"/);
  expect(b.out()).toMatch(/"interactions":"http"[^\n]*"shared":"redis"/);
  frontUrl = `http://127.0.0.1:${port}/interactions`;
}, 90_000);

afterAll(async () => {
  await Promise.all([stopBot(a), stopBot(b)]);
  await fake?.stop();
  await redis?.stop();
  for (const p of [a, b]) expect(p?.out() ?? '').not.toContain(FAKE_TOKEN);
});

/** route the next interactions over the gateway (process A) or to the HTTP front (process B) */
function via(where: 'A' | 'B'): void {
  fake.httpEndpoint = where === 'B' ? { url: frontUrl, signer } : undefined;
}

test('a reply from process A: its buttons work when the click reaches process B', async () => {
  via('A');
  const { token } = fake.command('diagnose', { file: DEMO }, { user: { id: '700000000000000001' } });
  const fin = await finalFor(fake, token, 60_000);
  expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
  via('B');
  // "show code" (a select) and "full advice" (a button) under A's reply, both clicked on B
  const select = fin.json.components[0].components[0];
  const click = fake.component(select.custom_id, 3, [select.options[0].value]);
  const cb = await callbackFor(fake, click.token);
  expect(cb.headers['x-via']).toBe('http-response');
  expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(cb.json.data.content).toMatch(/```python\n/);
  const buttons = fin.json.components.flatMap((r: any) => r.components).filter((c: any) => c.type === 2);
  expect(buttons.length).toBeGreaterThan(0);
  const press = fake.component(buttons[0].custom_id, 2);
  const cb2 = await callbackFor(fake, press.token);
  expect(textsFor(fake, press.token).join(' ')).not.toMatch(/expired/);
  expect(cb2.json.type).toBe(4);
}, 90_000);

test('rate limits hold across the two processes', async () => {
  const user = { id: '700000000000000002' };
  via('A');
  const first = fake.command('diagnose', { file: DEMO }, { user });
  expect((await callbackFor(fake, first.token, 30_000)).json.type).toBe(5);
  via('B');
  const second = fake.command('diagnose', { file: DEMO }, { user });
  expect((await callbackFor(fake, second.token, 30_000)).json.type).toBe(5);
  // the third, on either process, is over RATE_USER=2
  for (const where of ['A', 'B'] as const) {
    via(where);
    const third = fake.command('diagnose', { file: DEMO }, { user });
    const cb = await callbackFor(fake, third.token, 30_000);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(textsFor(fake, third.token).join(' ')).toMatch(
      /You have asked for a lot of diagnoses in a short time\. Try again in \d+ s\./,
    );
  }
  // someone else is not affected
  const other = fake.command('diagnose', { file: DEMO }, { user: { id: '700000000000000003' } });
  expect((await callbackFor(fake, other.token, 30_000)).json.type).toBe(5);
  await Promise.all([first, second, other].map((x) => finalFor(fake, x.token, 60_000)));
}, 120_000);

test('the front reports Redis on /readyz, and stops reporting ready when Redis goes away', async () => {
  const readyz = frontUrl.replace(/\/interactions$/, '/readyz');
  const up = await fetch(readyz);
  expect(up.status).toBe(200);
  expect(await up.json()).toMatchObject({ ok: true, checks: { redis: { ok: true }, accepting: { ok: true } } });
  const gone = once(redis.proc, 'exit');
  redis.proc.kill('SIGKILL');
  await gone;
  const down = await fetch(readyz);
  expect(down.status).toBe(503);
  const body = (await down.json()) as { checks: { redis: { ok: boolean } } };
  expect(body.checks.redis.ok).toBe(false);
  expect(JSON.stringify(body)).not.toContain(redis.url);
}, 30_000);
