/**
 * The job queue on Redis (issue 14, the queue half) end to end: a real redis-server, real worker
 * processes (`src/worker/index.ts`, what `npm run worker` runs), real discord.js bots against the
 * fake Discord, real (tiny) training. /train runs on the workers; a worker SIGKILLed mid-job is
 * replaced by another one and exactly one result is posted; a bot process killed mid-job is
 * replaced by a new one, which still delivers the result; one job per person and Cancel hold across
 * two bot processes. Everything waits on events (log lines, recorded requests), never on sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRedis, type ThrowawayRedis } from '../services/redis.js';
import { APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeDiscord, type Recorded } from './fake-discord.js';
import {
  callbackFor,
  decodePng,
  finalFor,
  startHarness,
  textsFor,
  until,
  type Harness,
  componentIds as ids,
  isTrainingFinal as isFinal,
} from './harness.js';
import { scratchDataHome } from '../services/data-home.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const EPHEMERAL = 64;
const EDIT = '/webhooks/:app/:token/messages/:msg';

const isProgress = (token: string, re: RegExp) => (r: Recorded) =>
  r.token === token && r.method === 'PATCH' && r.route === EDIT && re.test(r.json?.content ?? '');

/** the queue's timings, small so a killed process is noticed in about a second */
const QUEUE = {
  QUEUE_LOCK_MS: '1500',
  QUEUE_STALLED_INTERVAL_MS: '500',
  QUEUE_MAX_STALLED: '2',
  QUEUE_CANCEL_POLL_MS: '100',
  QUEUE_LEASE_MS: '1000',
  QUEUE_ADOPT_MS: '200',
  // every bot and worker here seals what jobs carry (src/jobs/seal.ts): the whole suite runs through it
  QUEUE_KEY: 'queue-redis-e2e-key-of-32-characters-or-more',
};

interface Proc {
  child: ChildProcess;
  out: () => string;
}

function spawnTs(entry: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', XDG_DATA_HOME: scratchDataHome(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buf = '';
  child.stdout!.on('data', (d) => (buf += d));
  child.stderr!.on('data', (d) => (buf += d));
  return { child, out: () => buf };
}

let redis: ThrowawayRedis;
const procs: Proc[] = [];

async function startWorker(): Promise<Proc> {
  const w = spawnTs('src/worker/index.ts', {
    REDIS_URL: redis.url,
    WORKER_PORT: '0',
    WORKER_CONCURRENCY: '1',
    CURVE_TRIAGE_TRAIN_THREADS: '1',
    WORKER_TRIAGE_THREADS: '1',
    LOG_LEVEL: 'debug',
    ...QUEUE,
  });
  procs.push(w);
  await until(() => /"msg":"worker ready"/.test(w.out()), 60_000);
  return w;
}

/** a bot process's environment (the harness adds the Discord settings itself) */
function botEnv(fake?: FakeDiscord): Record<string, string> {
  return {
    ...(fake ? { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl } : {}),
    ATTACHMENT_HOSTS: '127.0.0.1',
    WORKERS: '1',
    REDIS_URL: redis.url,
    RATE_USER: '1000',
    RATE_GUILD: '1000',
    PROGRESS_EDIT_MS: '100',
    SHUTDOWN_GRACE_MS: '2000',
    ...QUEUE,
  };
}

const started = (w: Proc, jobId: string) => new RegExp(`"job":"${jobId}"[^\\n]*"msg":"job started"`).test(w.out());
const jobOf = (r: Recorded) =>
  ids(r.json?.components)
    .find((id) => id.endsWith('|cancel'))!
    .split('|')[1];

let workers: Proc[] = [];
beforeAll(async () => {
  redis = await startRedis();
  workers = await Promise.all([startWorker(), startWorker()]);
}, 120_000);
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await redis?.stop();
});

test('a worker answers /healthz and /readyz (Redis reachable, queue depth) on its port', async () => {
  const port = Number(/"port":(\d+)[^\n]*"msg":"worker ready"/.exec(workers[0].out())?.[1]);
  expect(port).toBeGreaterThan(0);
  const live = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(live.status).toBe(200);
  expect(await live.json()).toMatchObject({ ok: true, role: 'worker' });
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  expect(ready.status).toBe(200);
  const body = (await ready.json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
  expect(body.checks.redis.ok).toBe(true);
  expect(body.checks.queue.detail).toMatch(/^queue depth \d+$/);
  expect(JSON.stringify(body)).not.toContain(redis.url);
});

describe('training on worker processes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(botEnv());
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  test('/train by two people runs on the two workers; each gets its chart, with live progress', async () => {
    const a = h.fake.command('train', { preset: 'underfit', epochs: 12 }, { user: { id: '930000000000000001' } });
    const b = h.fake.command('train', { preset: 'ideal', epochs: 12 }, { user: { id: '930000000000000002' } });
    const [fa, fb] = await Promise.all([
      h.fake.waitFor(isFinal(a.token), 90_000),
      h.fake.waitFor(isFinal(b.token), 90_000),
    ]);
    expect(fa.files).toHaveLength(1);
    expect(fa.json.embeds[0].title).toMatch(/^Underfitting/);
    expect(fb.files).toHaveLength(1);
    // progress came from the workers through QueueEvents (a bar with Cancel before the result)
    const prog = h.fake.forToken(a.token).filter((r) => isProgress(a.token, /[█░]{20}/)(r));
    expect(prog.length).toBeGreaterThanOrEqual(1);
    // both workers ran one of the two jobs
    for (const w of workers) expect(w.out()).toMatch(/"msg":"job done"/);
    // the interaction tokens travel in the jobs' data, never into a log line
    for (const w of workers) {
      expect(w.out()).not.toContain(a.token);
      expect(w.out()).not.toContain(b.token);
    }
    expect(h.logs.join('')).not.toContain(a.token);
  }, 120_000);

  test('a worker SIGKILLed mid-job: the job runs again on the other worker and one result is posted', async () => {
    const { token } = h.fake.command(
      'train',
      { preset: 'underfit', epochs: 150 },
      { user: { id: '930000000000000003' } },
    );
    const prog = await h.fake.waitFor(isProgress(token, /epoch \d+\/150/), 60_000);
    const jobId = jobOf(prog);
    const victim = workers.find((w) => started(w, jobId))!;
    const other = workers.find((w) => w !== victim)!;
    expect(victim).toBeDefined();
    victim.child.kill('SIGKILL');
    await once(victim.child, 'exit');
    await until(() => started(other, jobId), 30_000);
    const fin = await h.fake.waitFor(isFinal(token), 120_000);
    expect(fin.files).toHaveLength(1);
    expect(fin.json.content).toMatch(/trained underfit/);
    expect(other.out()).toMatch(new RegExp(`"job":"${jobId}"[^\\n]*"msg":"job done"`));
    // one result: no second final edit arrives
    const finals = () => h.fake.forToken(token).filter((r) => isFinal(token)(r) && r.files.length > 0);
    expect(finals()).toHaveLength(1);
    // a replacement worker for what follows
    workers = [other, await startWorker()];
  }, 180_000);
});

test('TRIAGE_REMOTE=1: /diagnose is triaged and rendered on a worker, with the same reply', async () => {
  const h = await startHarness({ ...botEnv(), TRIAGE_REMOTE: '1' });
  try {
    const { token } = h.fake.command('diagnose', { file: { name: 'fixtures/demo/lstm-overfitting.csv' } });
    const fin = await finalFor(h.fake, token, 60_000);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect(fin.files).toHaveLength(1);
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    // a worker did it
    await until(() => workers.some((w) => /"kind":"diagnose"[^\n]*"msg":"triage task done"/.test(w.out())), 10_000);
    // garbage gets a clear refusal from the worker's triage, as from a local one
    const bad = h.fake.command('diagnose', { file: { name: 'notes.csv', data: 'hello\nworld\n' } });
    await callbackFor(h.fake, bad.token);
    await until(() => textsFor(h.fake, bad.token).length > 0, 30_000);
    const said = textsFor(h.fake, bad.token).join('\n');
    expect(said).toMatch(/No training metrics found/);
    expect(said).not.toMatch(/stack|at \w+ \(/);
  } finally {
    await h.close();
  }
}, 90_000);

describe('bot processes', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.stop();
  });

  test('the bot killed mid-job: a new bot process adopts the job and delivers progress and the result', async () => {
    const first = spawnTs('src/bot/index.ts', botEnv(fake));
    procs.push(first);
    await until(() => /"msg":"ready"/.test(first.out()), 60_000);
    const { token } = fake.command(
      'train',
      { preset: 'underfit', epochs: 150 },
      { user: { id: '930000000000000004' } },
    );
    await fake.waitFor(isProgress(token, /epoch \d+\/150/), 60_000);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const before = fake.forToken(token).length;
    const second = spawnTs('src/bot/index.ts', botEnv(fake));
    procs.push(second);
    const fin = await fake.waitFor(isFinal(token), 120_000);
    expect(fin.files).toHaveLength(1);
    expect(fin.json.content).toMatch(/trained underfit/);
    expect(second.out()).toMatch(/"msg":"following a job from another bot process"/);
    // the new process answered (with the token the job carried), exactly once, and never logged it
    expect(fake.forToken(token).length).toBeGreaterThan(before);
    expect(fake.forToken(token).filter((r) => isFinal(token)(r) && r.files.length > 0)).toHaveLength(1);
    expect(second.out()).not.toContain(token);
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  }, 180_000);

  test('one job per person and Cancel hold across two bot processes', async () => {
    const h1 = await startHarness(botEnv());
    const h2 = await startHarness(botEnv());
    try {
      const user = { id: '930000000000000005' };
      const a = h1.fake.command('train', { preset: 'underfit', epochs: 150 }, { user });
      const prog = await h1.fake.waitFor(isProgress(a.token, /epoch \d+\/150/), 60_000);
      const b = h2.fake.command('train', { preset: 'ideal' }, { user });
      const cb = await callbackFor(h2.fake, b.token);
      expect(cb.json.type).toBe(4);
      expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(cb.json.data.content).toMatch(/already have a training job running/);
      // the Cancel button clicked on the other process ends the job on its worker
      const cancel = ids(prog.json.components).find((id) => id.endsWith('|cancel'))!;
      const click = h2.fake.component(cancel, 2, [], { user });
      expect((await callbackFor(h2.fake, click.token)).json.type).toBe(6);
      const fin = await h1.fake.waitFor(isFinal(a.token), 30_000);
      expect(fin.json.content).toMatch(/Cancelled/);
      // and the person may train again, from either process
      const again = h2.fake.command('train', { preset: 'ideal', epochs: 5 }, { user });
      expect((await h2.fake.waitFor(isFinal(again.token), 60_000)).files).toHaveLength(1);
    } finally {
      await h1.close();
      await h2.close();
    }
  }, 120_000);
});
