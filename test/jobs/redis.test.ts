/**
 * The Redis-backed job queue (src/jobs/redis.ts + redis-worker.ts) against a real redis-server:
 * the embedded queue's limits hold across two queue instances (two bot processes), a waiting job is
 * cancelled at once, a result is claimed once, and a job whose worker stops more often than the
 * retry budget fails with a message for the user. Processors are tiny in-process functions here;
 * the e2e test runs the real training on worker processes.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type ThrowawayRedis } from '../services/redis.js';
import { RedisJobQueue } from '../../src/jobs/redis.js';
import { startRedisWorker, type RedisWorkerOptions, type RunningWorker } from '../../src/jobs/redis-worker.js';
import { JobCancelledError, JobLimitError, type Processor } from '../../src/jobs/queue.js';
import { sealerFor } from '../../src/jobs/seal.js';
import { Redis } from 'ioredis';

let redis: ThrowawayRedis;
let n = 0;
const quiet = { info() {}, warn() {}, error() {} };
/** waits for its signal (cancel) or `release` */
const gates = new Map<string, () => void>();
const hold: Processor<{ tag: string }, string> = (p, ctx) =>
  new Promise((resolve, reject) => {
    ctx.progress({ label: 'holding', fraction: 0.5 });
    gates.set(p.tag, () => resolve(p.tag));
    ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
  });

/** fails at once with a reason that quotes what it was sent, as an ingest error quotes a column */
const fail: Processor<{ tag: string }, string> = (p) => Promise.reject(new Error(`could not read ${p.tag}`));

function queue(name: string, extra: Partial<ConstructorParameters<typeof RedisJobQueue>[0]> = {}) {
  return new RedisJobQueue({ url: redis.url, name, kinds: ['hold', 'fail'], progressMs: 0, leaseMs: 1000, ...extra });
}
function worker(name: string, extra: Partial<RedisWorkerOptions> = {}): RunningWorker {
  return startRedisWorker(
    { processors: { hold, fail } },
    {
      url: redis.url,
      name,
      concurrency: 1,
      lockDurationMs: 5000,
      stalledIntervalMs: 300,
      maxStalledCount: 1,
      cancelPollMs: 50,
      logger: quiet,
      ...extra,
    },
  );
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

test('one job per user, the queue cap and the hourly allowance hold across two queue instances', async () => {
  const name = `q${++n}`;
  const cost = () => ({ seconds: 100, runs: 1 });
  const opts = { maxQueued: 1, cost, limits: { jobS: 150, userPerHourS: 250 } };
  const a = queue(name, opts);
  const b = queue(name, opts);
  try {
    const first = await a.submit('hold', 'alice', { tag: 'x' });
    await expect(b.submit('hold', 'alice', { tag: 'y' })).rejects.toMatchObject({ code: 'user_busy' });
    expect((await b.activeFor('alice'))?.id).toBe(first.id);
    // nobody runs the queue: alice's job waits, so bob's is one too many
    await expect(b.submit('hold', 'bob', { tag: 'z' })).rejects.toMatchObject({ code: 'queue_full' });
    expect(await b.cancel(first.id, 'mallory')).toBe(false);
    expect(await b.cancel(first.id, 'alice')).toBe(true);
    await expect(first.done).rejects.toBeInstanceOf(JobCancelledError);
    // a cancelled waiting job is not charged, and a finished one is charged what it ran for (ms)
    const w = worker(name);
    try {
      for (const tag of ['p', 'q']) {
        const h = await b.submit<{ tag: string }, string>('hold', 'alice', { tag });
        await new Promise<void>((r) => {
          const t = setInterval(() => gates.has(tag) && (clearInterval(t), r()), 20);
        });
        gates.get(tag)!();
        expect(await h.done).toBe(tag);
      }
      // so two 100 s estimates that ran for milliseconds leave room in the 250 s hour for a third
      const h = await a.submit<{ tag: string }, string>('hold', 'alice', { tag: 'r' });
      await expect(b.submit('hold', 'alice', { tag: 's' })).rejects.toBeInstanceOf(JobLimitError);
      expect(await a.cancel(h.id)).toBe(true);
      await expect(h.done).rejects.toBeInstanceOf(JobCancelledError);
    } finally {
      await w.close();
    }
    // over the per-job limit
    const big = queue(name, { ...opts, cost: () => ({ seconds: 200, runs: 2 }) });
    await expect(big.submit('hold', 'carol', { tag: 't' })).rejects.toMatchObject({ code: 'too_costly' });
    await big.close();
  } finally {
    await a.close();
    await b.close();
  }
}, 60_000);

test('a result is claimed once, whichever instance asks', async () => {
  const name = `q${++n}`;
  const a = queue(name);
  const b = queue(name);
  try {
    const claims = await Promise.all([a.claimResult('job-1'), b.claimResult('job-1'), a.claimResult('job-1')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  } finally {
    await a.close();
    await b.close();
  }
});

test('a job whose worker stops more often than the retry budget fails with a message for the user', async () => {
  const name = `q${++n}`;
  const q = queue(name);
  // the first worker takes the job, then stops renewing its lock (as a killed process would)
  const dying = worker(name, { maxStalledCount: 0, lockDurationMs: 600 });
  try {
    const tag = `stall${n}`;
    const h = await q.submit('hold', 'dave', { tag });
    await new Promise<void>((r) => {
      const t = setInterval(() => gates.has(tag) && (clearInterval(t), r()), 20);
    });
    await dying.worker.close(true);
    // another worker's stalled check finds it; with a budget of 0 the job fails
    const checker = worker(name, { maxStalledCount: 0 });
    try {
      await expect(h.done).rejects.toThrow(/worker running it stopped/);
    } finally {
      await checker.close();
    }
  } finally {
    await dying.close();
    await q.close();
  }
}, 60_000);

test('QUEUE_KEY: what a job carries sits in Redis only as ciphertext; a worker without the key says why', async () => {
  const name = `q${++n}`;
  const sealer = sealerFor('a-queue-key-of-at-least-32-characters!!');
  const secret = 'my-private-training-log-7f3a';
  const meta = { token: 'interaction-token-c0ffee', channelId: '1' };
  const a = queue(name, { sealer });
  const plain = new Redis(redis.url);
  const sealedWorker = worker(name, { sealer });
  try {
    const h = await a.submit<{ tag: string }, string>('hold', 'alice', { tag: secret }, { meta });
    await new Promise<void>((r) => {
      const t = setInterval(() => gates.has(secret) && (clearInterval(t), r()), 20);
    });
    const stored = JSON.stringify(await plain.hgetall(`bull:${name}:${h.id}`));
    expect(stored).toContain('$sealed');
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(meta.token);
    expect(stored).not.toContain('holding'); // its progress too (a sweep's carries the candidate config)
    expect((await a.get(h.id))?.progress).toMatchObject({ label: 'holding' }); // this process opens it
    expect((await a.get(h.id))?.meta).toEqual(meta); // this process opens it
    gates.get(secret)!();
    expect(await h.done).toBe(secret);
    const done = JSON.stringify(await plain.hgetall(`bull:${name}:${h.id}`));
    expect(done).not.toContain(secret); // the result too
    // a failure's reason quotes what was sent: sealed in the job, its stack trace and the events
    // stream, and opened again for the user
    const failed = await a.submit<{ tag: string }, string>('fail', 'alice', { tag: secret });
    await expect(failed.done).rejects.toThrow(`could not read ${secret}`);
    expect((await a.get(failed.id))?.error).toBe(`could not read ${secret}`);
    const failedJob = JSON.stringify(await plain.hgetall(`bull:${name}:${failed.id}`));
    expect(failedJob).toContain('failedReason');
    expect(failedJob).not.toContain(secret);
    expect(JSON.stringify(await plain.xrange(`bull:${name}:events`, '-', '+'))).not.toContain(secret);
    // a process with another key says why instead of showing ciphertext
    const other = queue(name, { sealer: sealerFor('another-queue-key-of-at-least-32-characters') });
    try {
      expect((await other.get(failed.id))?.error).toMatch(/sealed with a QUEUE_KEY this process does not have/);
    } finally {
      await other.close();
    }
  } finally {
    await sealedWorker.close();
  }
  const keyless = worker(name);
  try {
    const h = await a.submit<{ tag: string }, string>('hold', 'bob', { tag: 'never-opened' });
    await expect(h.done).rejects.toThrow(/sealed with QUEUE_KEY, and this process has none/);
  } finally {
    await keyless.close();
    await a.close();
    plain.disconnect();
  }
}, 30_000);

test('a bot process renews only its own leases: one another process adopted meanwhile stays theirs', async () => {
  const name = `q${++n}`;
  const a = queue(name); // leaseMs 1000: renewed every ~333 ms
  const plain = new Redis(redis.url);
  try {
    const h = await a.submit<{ tag: string }, string>('hold', 'dave', { tag: 'leased' });
    const key = `ct:${name}:lease:${h.id}`;
    const mine = await plain.get(key);
    expect(mine).toBeTruthy();
    await new Promise((r) => setTimeout(r, 500));
    expect(await plain.get(key)).toBe(mine); // renewed, still its own
    await plain.set(key, 'another-process', 'PX', 5000); // as if its lease had lapsed and been adopted
    await new Promise((r) => setTimeout(r, 800));
    expect(await plain.get(key)).toBe('another-process');
    expect(await a.cancel(h.id, 'dave')).toBe(true);
    await expect(h.done).rejects.toBeInstanceOf(JobCancelledError);
  } finally {
    await a.close();
    plain.disconnect();
  }
});

test('a worker whose Redis died stops within seconds instead of waiting for its running job', async () => {
  const own = await startRedis();
  const name = `q${++n}`;
  const q = new RedisJobQueue({ url: own.url, name, kinds: ['hold'], progressMs: 0, leaseMs: 1000 });
  const w = worker(name, { url: own.url });
  try {
    const h = await q.submit<{ tag: string }, string>('hold', 'erin', { tag: 'stuck-forever' });
    h.done.catch(() => undefined);
    await new Promise<void>((r) => {
      const t = setInterval(() => gates.has('stuck-forever') && (clearInterval(t), r()), 20);
    });
    own.proc.kill('SIGKILL');
    const t0 = Date.now();
    await w.close(); // the job never ends: a graceful close would wait forever
    expect(Date.now() - t0).toBeLessThan(8000);
  } finally {
    q['redis'].disconnect();
    await Promise.race([q.close(), new Promise((r) => setTimeout(r, 5000))]);
    await own.stop().catch(() => undefined);
  }
}, 30_000);
