/**
 * The production path, as the Dockerfile builds it: tsc compiles src + commands to build/ (same
 * layout), and `node build/src/bot/index.js` runs with compiled worker threads and .js commands.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { until, callbackFor, decodePng, finalFor } from './harness.js';
import { scratchDataHome } from '../services/data-home.js';

const ROOT = new URL('../..', import.meta.url).pathname;
let dir: string;
let fake: FakeDiscord;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ct-build-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  // the Dockerfile's compile step (type errors elsewhere in a work tree still emit JS)
  spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(ROOT, 'tsconfig.json'),
      '--noEmit',
      'false',
      '--outDir',
      join(dir, 'build'),
      '--rootDir',
      ROOT,
      '--declaration',
      'false',
      '--sourceMap',
      'false',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  fake = await startFakeDiscord();
}, 240_000);

afterAll(async () => {
  await fake?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('compiled bot: loads .js commands, renders in compiled workers, answers, stops on SIGTERM', async () => {
  expect(existsSync(join(dir, 'build/src/bot/index.js'))).toBe(true);
  expect(existsSync(join(dir, 'build/src/bot/work/worker.js'))).toBe(true);
  expect(existsSync(join(dir, 'build/commands/diagnose.js'))).toBe(true);
  const session = fake.nextSession();
  const child = spawn(process.execPath, [join(dir, 'build/src/bot/index.js')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
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
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  try {
    await session;
    await until(() => /"msg":"ready"/.test(out), 20_000);
    const { token } = fake.command('diagnose', { file: { name: join(ROOT, 'fixtures/demo/lstm-overfitting.csv') } });
    expect((await callbackFor(fake, token)).json.type).toBe(5);
    const fin = await finalFor(fake, token, 30_000);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, out).toBe(0);
    expect(out).not.toMatch(/Segmentation|SIGSEGV/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 60_000);
