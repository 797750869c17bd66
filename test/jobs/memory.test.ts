import { afterAll, describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '../../src/jobs/memory.js';
import { JobCancelledError, JobLimitError, type JobEvent, type Processor } from '../../src/jobs/queue.js';
import { createTrainQueue, progressLine } from '../../src/jobs/index.js';
import { closePool } from '../../src/train/pool.js';

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
    const order = events.filter((e) => e.type === 'started' || e.type === 'done').map((e) => `${e.type}:${e.job.userId}`);
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
    const h = q.submit('slow', 'u', { steps: 20, ms: 10 }, { onEvent: (e) => e.type === 'progress' && seen.push(e.progress.label) });
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
    expect(progressLine({ label: 'epoch 12/60', fraction: 0.2, loss: 0.12345, val_loss: 0.2, eta_ms: 14_200 })).toBe('epoch 12/60 · loss 0.123 · val_loss 0.2 · ~14 s left');
    expect(progressLine({ label: 'run 3/12', fraction: 0.25 })).toBe('run 3/12');
  });

  it('runs a real training job with epoch progress', async () => {
    const q = createTrainQueue({ concurrency: 1, progressMs: 0 });
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
