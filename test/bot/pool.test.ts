/** The worker pool: results equal in-process ones, a runaway job is cut off and the pool recovers. */
import { afterAll, expect, test } from 'vitest';
import { createPool, JobMemoryError, JobTimeoutError } from '../../src/bot/work/pool.js';
import { runTask, type Task } from '../../src/bot/work/task.js';
import { bigCsv, makeLog } from '../../bench/bot/bot-bench.js';

const pool = createPool({ workers: 1, maxQueue: 10, timeoutMs: 30_000 });
afterAll(async () => {
  await pool.close();
});

const task = (data: string): Task => ({
  kind: 'diagnose',
  input: { data },
  options: { chart: { width: 400, theme: 'dark' }, imageName: 'curve.png' },
});

test('a worker gives the same diagnosis as in-process', async () => {
  const [a, b] = await Promise.all([pool.run(task(makeLog(7))), runTask(task(makeLog(7)))]);
  expect(a.ok && b.ok).toBe(true);
  if (a.ok && b.ok && a.kind === 'diagnose' && b.kind === 'diagnose') {
    expect(a.result.diagnosis).toEqual(b.result.diagnosis);
    expect(a.png.byteLength).toBeGreaterThan(1000);
  }
});

test('bad input comes back as a refusal, not a throw', async () => {
  const r = await pool.run(task('hello, this is not a log'));
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
});

test('a job over its timeout is cut off (worker terminated), and the pool keeps working', async () => {
  await expect(pool.run(task(makeLog(5, 150_000)), { timeoutMs: 150 })).rejects.toBeInstanceOf(JobTimeoutError);
  const r = await pool.run(task(makeLog(8)));
  expect(r.ok).toBe(true);
}, 60_000);

test('in-process mode (WORKERS=0) works too', async () => {
  const inline = createPool({ workers: 0, maxQueue: 10, timeoutMs: 30_000 });
  const r = await inline.run(task(makeLog(9)));
  expect(r.ok).toBe(true);
});

test('a large input over its worker heap limit is refused as JobMemoryError; the pool keeps working', async () => {
  const small = createPool({
    workers: 1,
    maxQueue: 10,
    // a 16 MB heap thrashes its collector while the worker loads: ~13 s with four of these on two
    // cores, far longer in a busy full suite; these limits only bound a hang
    timeoutMs: 240_000,
    memory: {
      budgetBytes: 1 << 30,
      waitMs: 1000,
      bytesPerInputByte: 40,
      recycleInputBytes: 64 * 1024,
      recycleHeapMb: 16,
    },
  });
  try {
    const big: Task = {
      kind: 'diagnose',
      input: { data: bigCsv(2 * 1024 * 1024) },
      options: { chart: { width: 400, theme: 'dark' }, imageName: 'curve.png' },
    };
    await expect(small.run(big)).rejects.toBeInstanceOf(JobMemoryError);
    expect(small.budget!.inUse).toBe(0);
    const r = await small.run(task(makeLog(3)));
    expect(r.ok).toBe(true);
  } finally {
    await small.close();
  }
}, 300_000);

test('a thread that dies of its heap limit while it starts fails its task as JobMemoryError, at once and without an uncaught error', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  // a heap far too small to load the worker's modules: the thread dies before piscina hands it the task
  const tiny = createPool({
    workers: 1,
    maxQueue: 10,
    timeoutMs: 120_000,
    memory: { budgetBytes: 1 << 30, waitMs: 1000, bytesPerInputByte: 40, recycleInputBytes: 1024, recycleHeapMb: 1 },
  });
  try {
    const t0 = performance.now();
    await expect(tiny.run(task(makeLog(400)))).rejects.toBeInstanceOf(JobMemoryError);
    // failed when the thread died, not at the time limit
    expect(performance.now() - t0).toBeLessThan(60_000);
    expect(tiny.budget!.inUse).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
    await tiny.close();
  }
}, 150_000);

test('a large input runs in a thread of its own that is gone when the task resolves; its bytes are moved, not copied', async () => {
  const lanes = createPool({
    workers: 1,
    maxQueue: 10,
    timeoutMs: 60_000,
    memory: { budgetBytes: 1 << 30, waitMs: 1000, bytesPerInputByte: 40, recycleInputBytes: 64 * 1024 },
  });
  try {
    const mk = (): Task & { kind: 'diagnose' } => ({
      kind: 'diagnose',
      input: { data: new Uint8Array(bigCsv(200 * 1024)) },
      options: { chart: { width: 400, theme: 'dark' }, imageName: 'curve.png' },
    });
    const [a, b] = [mk(), mk()];
    const running = lanes.run(a);
    await expect.poll(() => lanes.recycledThreads, { timeout: 20_000 }).toBe(1);
    const [ra, rb] = await Promise.all([running, lanes.run(b)]);
    expect(ra.ok && rb.ok).toBe(true);
    expect(lanes.recycledThreads).toBe(0); // ended with its task, not after an idle timeout
    expect(lanes.recycledJobs).toBe(2);
    expect((a.input.data as Uint8Array).byteLength).toBe(0); // transferred: detached here
    // a small input stays in the ordinary workers and keeps its bytes
    const small: Task & { kind: 'diagnose' } = {
      kind: 'diagnose',
      input: { data: new TextEncoder().encode(makeLog(4)) },
      options: a.options,
    };
    expect((await lanes.run(small)).ok).toBe(true);
    expect((small.input.data as Uint8Array).byteLength).toBeGreaterThan(0);
    expect(lanes.recycledJobs).toBe(2);
    // a compare of one large buffer with itself moves it once (listing it twice would not clone)
    const same = new Uint8Array(bigCsv(200 * 1024));
    const twice = await lanes.run({ kind: 'compare', inputs: [{ data: same }, { data: same }], options: a.options });
    expect(twice.ok).toBe(true);
  } finally {
    await lanes.close();
  }
}, 90_000);
