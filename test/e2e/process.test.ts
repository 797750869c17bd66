/**
 * The bot as a real process (what `npm start` and the container run): it logs in against the fake
 * Discord, answers, and on SIGTERM finishes the request in flight before exiting 0. Bad config exits
 * 2 with a message that names the variable and never echoes the token. `npm start` (the compiled bot,
 * exec'd) passes a process manager's SIGTERM on to the bot: no orphan stays connected.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { until, callbackFor, finalFor } from './harness.js';
import { scratchDataHome } from '../services/data-home.js';

const ROOT = new URL('../..', import.meta.url).pathname;
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.stop();
});

function startBot(env: Record<string, string>): { child: ChildProcess; out: () => string } {
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

test('logs in, answers, and on SIGTERM completes the request in flight, then exits 0', async () => {
  const session = fake.nextSession();
  const { child, out } = startBot({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    ATTACHMENT_HOSTS: '127.0.0.1',
    WORKERS: '1',
    LOG_LEVEL: 'info',
  });
  try {
    await session;
    await until(() => /"msg":"ready"/.test(out()), 20_000);
    const help = fake.command('help', {});
    expect((await callbackFor(fake, help.token)).json.data.embeds[0].title).toMatch(/curve-triage/);

    const slow = fake.command('diagnose', { file: { name: 'fixtures/demo/lstm-overfitting.csv', delayMs: 800 } });
    await callbackFor(fake, slow.token);
    child.kill('SIGTERM');
    const fin = await finalFor(fake, slow.token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    const logs = out();
    expect(logs).toMatch(/"msg":"shutting down"/);
    expect(logs).toMatch(/"msg":"stopped"/);
    expect(logs).not.toContain(FAKE_TOKEN);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 60_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('npm start: SIGTERM sent to npm reaches the bot, which logs out and exits; npm exits with it, no orphan', async () => {
  const session = fake.nextSession();
  // what a process manager does: start `npm start`, later signal the pid it started (npm's)
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      XDG_DATA_HOME: scratchDataHome(),
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      ATTACHMENT_HOSTS: '127.0.0.1',
      WORKERS: '1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout!.on('data', (d) => (out += d));
  npm.stderr!.on('data', (d) => (out += d));
  let botPid = 0;
  try {
    // prestart compiles the bot first (incremental after the first time)
    await session;
    await until(() => /"msg":"ready"/.test(out), 30_000);
    botPid = Number(/"pid":(\d+)[^\n]*"msg":"ready"/.exec(out)?.[1]);
    expect(botPid, out).toBeGreaterThan(0);
    expect(botPid).not.toBe(npm.pid);
    expect(fake.gatewayClients).toBe(1);
    // the compiled entry, not tsx
    expect(out).toMatch(/node build\/src\/bot\/index\.js/);
    const help = fake.command('help', {});
    expect((await callbackFor(fake, help.token)).json.data.embeds[0].title).toMatch(/curve-triage/);

    const t0 = Date.now();
    npm.kill('SIGTERM');
    const [code] = (await once(npm, 'exit')) as [number | null];
    // npm waited for the bot (it used to exit in ~11 ms and leave the bot running)
    expect(code, out).toBe(0);
    expect(out).toMatch(/"msg":"shutting down"/);
    expect(out).toMatch(/"msg":"stopped"/);
    expect(Date.now() - t0).toBeLessThan(20_000);
    await until(() => !alive(botPid), 5_000);
    await until(() => fake.gatewayClients === 0, 5_000);
    expect(out).not.toContain(FAKE_TOKEN);
  } finally {
    if (npm.exitCode === null) npm.kill('SIGKILL');
    if (botPid && alive(botPid)) process.kill(botPid, 'SIGKILL');
  }
}, 240_000);

test('bad configuration: exit 2, names the variable, never echoes the token', async () => {
  const secret = 'not-a-real-token-but-secret';
  const { child, out } = startBot({ DISCORD_TOKEN: secret, DISCORD_APPLICATION_ID: 'abc' });
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(2);
  expect(out()).toMatch(/DISCORD_APPLICATION_ID/);
  expect(out()).not.toContain(secret);
}, 30_000);

test('reads .env from the working directory; the environment wins', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'envtest-'));
  writeFileSync(join(dir, '.env'), 'DISCORD_TOKEN=bad\nDISCORD_APPLICATION_ID=not-numeric-from-file\n');
  const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/bot/index.ts')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      XDG_DATA_HOME: scratchDataHome(),
      DISCORD_TOKEN: FAKE_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  // the file was read (its bad id is rejected by name) and the environment's token beat the file's
  expect(code, out).toBe(2);
  expect(out).toMatch(/DISCORD_APPLICATION_ID/);
  expect(out).not.toMatch(/DISCORD_TOKEN/);
  expect(out).not.toContain(FAKE_TOKEN);
}, 30_000);
