import { afterAll, describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '../../src/jobs/memory.js';
import { JobCancelledError, JobLimitError, type JobEvent, type Processor } from '../../src/jobs/queue.js';
import { createQueue, progressLine } from '../../src/jobs/index.js';
import { TRAIN_WORK } from '../../src/requests/training.js';
import { closePool } from '../../src/train/index.js';

afterAll(() => closePool());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** a processor that reports `steps` progress events and honours cancel */
const slow: Processor<{ steps: number; ms: number }, string> = async (p, ctx) => {
  for (let i = 1; i <= p.steps; i++) {
    if (ctx.signal.aborted) throw new Error('aborted');
    await sleep(p.ms);
    ctx.progress({ label: `step ${i}/${p.steps}`, fraction: i / p.steps });
  }
  return `done ${p.steps}`;
};

describe('in-process job queue', () => {
  it('runs jobs, one active job per user, a global concurrency limit', async () => {
    const q = new MemoryJobQueue({ processors: { slow }, concurrency: 1, progressMs: 0 });
    const events: JobEvent[] = [];
    q.on((e) => events.push(e));
    const a = q.submit('slow', 'alice', { steps: 2, ms: 20 });
    expect(() => q.submit('slow', 'alice', { steps: 1, ms: 1 })).toThrow(JobLimitError);
    expect(() => q.submit('slow', 'alice', { steps: 1, ms: 1 })).toThrow(/one at a time per user/);
    const b = q.submit('slow', 'bob', { steps: 1, ms: 1 });
    expect(q.get(b.id)?.state).toBe('queued');
    expect(q.get(b.id)?.position).toBe(0);
    await sleep(5);
    expect(q.stats()).toMatchObject({ running: 1, queued: 1 });
    expect(await a.done).toBe('done 2');
    expect(await b.done).toBe('done 1');
    expect(q.get(a.id)?.state).toBe('done');
    const types = events.filter((e) => e.job.id === a.id).map((e) => e.type);
    expect(types).toEqual(['queued', 'started', 'progress', 'progress', 'done']);
    // bob only started after alice finished
    const order = events
      .filter((e) => e.type === 'started' || e.type === 'done')
      .map((e) => `${e.type}:${e.job.userId}`);
    expect(order).toEqual(['started:alice', 'done:alice', 'started:bob', 'done:bob']);
    // alice may submit again now
    expect(() => q.submit('slow', 'alice', { steps: 1, ms: 1 })).not.toThrow();
    await q.close();
  });

  it('cancels queued and running jobs (owner only)', async () => {
    const q = new MemoryJobQueue({ processors: { slow }, concurrency: 1 });
    const a = q.submit('slow', 'alice', { steps: 100, ms: 10 });
    const b = q.submit('slow', 'bob', { steps: 1, ms: 1 });
    expect(q.cancel(b.id, 'mallory')).toBe(false);
    expect(q.cancel(b.id, 'bob')).toBe(true);
    await expect(b.done).rejects.toBeInstanceOf(JobCancelledError);
    await sleep(30);
    expect(q.cancel(a.id)).toBe(true);
    await expect(a.done).rejects.toBeInstanceOf(JobCancelledError);
    expect(q.get(a.id)?.state).toBe('cancelled');
    expect(q.cancel(a.id)).toBe(false);
    await q.close();
  });

  it('throttles progress to one event per interval (latest wins)', async () => {
    const q = new MemoryJobQueue({ processors: { slow }, concurrency: 1, progressMs: 100 });
    const seen: string[] = [];
    const t0 = Date.now();
    const h = q.submit(
      'slow',
      'u',
      { steps: 20, ms: 10 },
      { onEvent: (e) => e.type === 'progress' && seen.push(e.progress.label) },
    );
    await h.done;
    const elapsed = Date.now() - t0;
    expect(seen.length).toBeGreaterThanOrEqual(2);
    // one event at once, then at most one per 100 ms (20 raw progress calls)
    expect(seen.length).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 2);
    expect(seen.length).toBeLessThan(20);
    expect(seen[0]).toBe('step 1/20');
    await q.close();
  });

  it('reports failures and a full queue', async () => {
    const boom: Processor<unknown, never> = async () => {
      throw new Error('bad config: units');
    };
    const q = new MemoryJobQueue({ processors: { boom, slow }, concurrency: 1, maxQueued: 1 });
    const f = q.submit('boom', 'a', {});
    await expect(f.done).rejects.toThrow(/bad config/);
    expect(q.get(f.id)).toMatchObject({ state: 'failed', error: 'bad config: units' });
    q.submit('slow', 'a', { steps: 3, ms: 20 });
    q.submit('slow', 'b', { steps: 1, ms: 1 });
    expect(() => q.submit('slow', 'c', { steps: 1, ms: 1 })).toThrow(/queue is full/);
    expect(() => q.submit('nope', 'd', {})).toThrow(/unknown job kind/);
    await q.close();
  });

  it('formats a progress line', () => {
    expect(progressLine({ label: 'epoch 12/60', fraction: 0.2, loss: 0.12345, val_loss: 0.2, eta_ms: 14_200 })).toBe(
      'epoch 12/60 · loss 0.123 · val_loss 0.2 · ~14 s left',
    );
    expect(progressLine({ label: 'run 3/12', fraction: 0.25 })).toBe('run 3/12');
  });

  it('runs a real training job with epoch progress', async () => {
    const q = createQueue(TRAIN_WORK, { concurrency: 1, progressMs: 0 });
    const progress: number[] = [];
    const h = q.submit<unknown, { diagnosis: { pattern: string }; result: { backend: string; epochs_run: number } }>(
      'train',
      'u1',
      { preset: 'ideal', config: { fit: { epochs: 6 } } },
      { onEvent: (e) => e.type === 'progress' && e.progress.epoch !== undefined && progress.push(e.progress.epoch) },
    );
    const r = await h.done;
    expect(r.result.epochs_run).toBe(6);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBe(6);
    expect(typeof r.diagnosis.pattern).toBe('string');
    await q.close();
  }, 60_000);
});

describe('compute fairness (hardening item 5)', () => {
  /** units of work with a turn between them; records the order the units ran in */
  const ran: string[] = [];
  const units: Processor<{ tag: string; n: number }, string> = async (p, ctx) => {
    for (let i = 1; i <= p.n; i++) {
      await ctx.turn();
      if (ctx.signal.aborted) throw new Error('aborted');
      ran.push(`${p.tag}${i}`);
      await sleep(5);
    }
    return p.tag;
  };
  const cost = (_kind: string, p: unknown) => ({ seconds: (p as { n: number }).n * 60, runs: (p as { n: number }).n });

  it('refuses a job over the per-job limit with its estimate, before it is queued', () => {
    const q = new MemoryJobQueue({ processors: { units }, cost, limits: { jobS: 300 } });
    let err: unknown;
    try {
      q.submit('units', 'alice', { tag: 'a', n: 14 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JobLimitError);
    expect((err as JobLimitError).code).toBe('too_costly');
    expect((err as JobLimitError).cost).toEqual({ estimateS: 840, limitS: 300, runs: 14 });
    expect(q.stats()).toMatchObject({ queued: 0, running: 0 });
  });

  it('keeps a per-user hourly ledger: estimates at submit, what ran once done, aging out after an hour', async () => {
    let now = 1_000_000;
    const t0 = now;
    /** a job that "runs" realS seconds on the queue's clock */
    const timed: Processor<{ n: number; realS: number }, string> = async (p) => {
      now += p.realS * 1000;
      return 'ok';
    };
    const q = new MemoryJobQueue({
      processors: { timed },
      cost,
      limits: { jobS: 600, userPerHourS: 600 },
      now: () => now,
    });
    const a = q.submit('timed', 'alice', { n: 4, realS: 10 });
    expect(q.get(a.id)?.estimateS).toBe(240);
    expect(q.usedBy('alice')).toBe(240); // the estimate, while it runs
    await a.done;
    expect(q.usedBy('alice')).toBe(10); // what it really ran for (early stopping, say)
    await q.submit('timed', 'alice', { n: 9, realS: 300 }).done; // 10 + 540 fits in 600
    expect(q.usedBy('alice')).toBe(310);
    let err: JobLimitError | undefined;
    try {
      q.submit('timed', 'alice', { n: 5, realS: 1 });
    } catch (e) {
      err = e as JobLimitError;
    }
    expect(err?.code).toBe('over_quota');
    expect(err?.cost).toMatchObject({ estimateS: 300, limitS: 600, runs: 5, usedS: 310 });
    // it fits once the first job's 10 s age out, an hour after that job was submitted
    expect(err?.cost?.retryAfterS).toBe((t0 + 3600_000 - now) / 1000);
    // a job bigger than the whole hour gets no retry time
    try {
      q.submit('timed', 'bob', { n: 11, realS: 1 });
    } catch (e) {
      err = e as JobLimitError;
    }
    expect(err?.code).toBe('too_costly');
    // another user is not affected
    await q.submit('timed', 'bob', { n: 2, realS: 1 }).done;
    now = t0 + 3600_000 + 1;
    expect(q.usedBy('alice')).toBe(300);
    await q.submit('timed', 'alice', { n: 5, realS: 1 }).done;
  });

  it("a job made of runs takes turns with another user's job between its runs", async () => {
    ran.length = 0;
    const q = new MemoryJobQueue({ processors: { units }, concurrency: 1 });
    const sweep = q.submit('units', 'alice', { tag: 's', n: 4 });
    await sleep(1); // the sweep starts and runs its first unit
    const train = q.submit('units', 'bob', { tag: 't', n: 1 });
    expect(q.get(train.id)?.state).toBe('queued');
    await Promise.all([sweep.done, train.done]);
    // bob's one-run job did not wait for the whole sweep: it ran after the sweep's current run
    expect(ran.indexOf('t1')).toBeLessThanOrEqual(2);
    expect(ran.filter((r) => r.startsWith('s'))).toEqual(['s1', 's2', 's3', 's4']);
    expect(q.stats()).toMatchObject({ queued: 0, running: 0 });
  });

  it('a job waiting for its turn can be cancelled', async () => {
    ran.length = 0;
    const q = new MemoryJobQueue({ processors: { units, slow }, concurrency: 1, progressMs: 0 });
    const sweep = q.submit('units', 'alice', { tag: 's', n: 3 });
    await sleep(1);
    const other = q.submit('slow', 'bob', { steps: 5, ms: 20 });
    await sleep(20); // the sweep has given its slot to bob's job and waits
    expect(q.get(sweep.id)?.state).toBe('running');
    expect(q.cancel(sweep.id, 'alice')).toBe(true);
    await expect(sweep.done).rejects.toBeInstanceOf(JobCancelledError);
    expect(await other.done).toBe('done 5');
    expect(q.stats()).toMatchObject({ queued: 0, running: 0 });
  });
});
