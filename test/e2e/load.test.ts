/**
 * The hardening issue's load items through the fake Discord:
 *  4. memory admission: when the shared parse budget is full a /diagnose waits, then is told "busy,
 *     try again" (with its size, no user text); a large input runs in a worker that is ended afterwards.
 * (5 and 7: compute caps and the training threads' priority are in train-limits.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, finalFor, textsFor, until, type Harness } from './harness.js';
import { bigCsv, makeLog } from '../../bench/bot/bot-bench.js';
import { ByteBudget, MemoryBusyError } from '../../src/bot/work/budget.js';

let n = 0;
const fresh = () => ({ user: { id: String(810000000000000000n + BigInt(++n)) } });

describe('memory admission (item 4)', () => {
  let h: Harness;
  beforeAll(async () => {
    // 64 MB of parse memory, a short wait, and inputs from 256 KiB up in the recycled lane
    h = await startHarness({
      RATE_USER: '1000',
      RATE_GUILD: '1000',
      CURVE_TRIAGE_PARSE_BUDGET_MB: '64',
      CURVE_TRIAGE_PARSE_WAIT_MS: '300',
      CURVE_TRIAGE_RECYCLE_INPUT_KB: '256',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('a full budget answers "busy, try again" with the file size; once it frees, the same file gets its chart', async () => {
    const budget = h.bot.ctx.pool.budget!;
    expect(budget.capacity).toBe(64 * 1024 * 1024);
    // someone else's large parse holds the whole budget
    const release = await budget.acquire(64 * 1024 * 1024, 0);
    const data = Buffer.from(makeLog(7));
    const a = h.fake.command('diagnose', { file: { name: 'held.csv', data, contentType: 'text/csv' } }, fresh());
    await h.fake.waitFor((r) => r.token === a.token && /busy/i.test(JSON.stringify(r.json ?? {})), 15_000);
    const said = textsFor(h.fake, a.token).join('\n');
    expect(said).toMatch(/busy reading other large logs/);
    expect(said).toMatch(new RegExp(`yours is ${(data.length / 1024).toFixed(1)} KiB`));
    expect(said).toMatch(/Try again/);
    expect(said).not.toMatch(/held\.csv/);
    release();
    expect(budget.inUse).toBe(0);
    const b = h.fake.command('diagnose', { file: { name: 'held.csv', data, contentType: 'text/csv' } }, fresh());
    const fin = await finalFor(h.fake, b.token);
    expect(fin.files).toHaveLength(1);
    expect(budget.inUse).toBe(0);
  });

  test('a request waits for room instead of failing when the budget frees within the wait', async () => {
    const budget = h.bot.ctx.pool.budget!;
    const release = await budget.acquire(64 * 1024 * 1024, 0);
    const a = h.fake.command(
      'diagnose',
      { file: { name: 'wait.csv', data: Buffer.from(makeLog(8)), contentType: 'text/csv' } },
      fresh(),
    );
    await until(() => budget.waiting === 1, 10_000);
    release();
    const fin = await finalFor(h.fake, a.token);
    expect(fin.files).toHaveLength(1);
  });

  test('a large input gets its chart from a worker that is ended afterwards (its heap goes back)', async () => {
    const data = bigCsv(300 * 1024); // over the 256 KiB recycle threshold, ~12 MB estimate
    const jobs = h.bot.ctx.pool.recycledJobs;
    const small = h.fake.command(
      'diagnose',
      { file: { name: 'small.csv', data: Buffer.from(makeLog(9)), contentType: 'text/csv' } },
      fresh(),
    );
    expect((await finalFor(h.fake, small.token)).files).toHaveLength(1);
    expect(h.bot.ctx.pool.recycledJobs).toBe(jobs); // an ordinary log stays in the ordinary workers
    const a = h.fake.command('diagnose', { file: { name: 'large.csv', data, contentType: 'text/csv' } }, fresh());
    const fin = await finalFor(h.fake, a.token, 60_000);
    expect(fin.files).toHaveLength(1);
    expect(h.bot.ctx.pool.recycledJobs).toBe(jobs + 1);
    // the large input's thread ends with its task; the ordinary workers stay
    await until(() => h.bot.ctx.pool.recycledThreads === 0, 15_000);
    expect(h.bot.ctx.pool.budget!.inUse).toBe(0);
  }, 60_000);
});

describe('ByteBudget', () => {
  test('admits what fits, queues the rest first come first served, refuses after the wait', async () => {
    const b = new ByteBudget(100);
    const r1 = await b.acquire(60, 0);
    const order: string[] = [];
    const p2 = b.acquire(50, 10_000).then((r) => (order.push('50'), r));
    const p3 = b.acquire(10, 10_000).then((r) => (order.push('10'), r)); // fits, but waits behind 50
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    expect(b.waiting).toBe(2);
    r1();
    const [r2, r3] = await Promise.all([p2, p3]);
    expect(order).toEqual(['50', '10']);
    expect(b.inUse).toBe(60);
    await expect(b.acquire(50, 5)).rejects.toBeInstanceOf(MemoryBusyError);
    r2();
    r3();
    r3(); // releasing twice is harmless
    expect(b.inUse).toBe(0);
  });

  test('a task larger than the whole budget runs alone', async () => {
    const b = new ByteBudget(100);
    const big = await b.acquire(500, 0);
    await expect(b.acquire(1, 5)).rejects.toBeInstanceOf(MemoryBusyError);
    big();
    const small = await b.acquire(1, 0);
    await expect(b.acquire(500, 5)).rejects.toBeInstanceOf(MemoryBusyError);
    small();
  });

  test('a timed-out head lets smaller waiters behind it in', async () => {
    const b = new ByteBudget(100);
    const r1 = await b.acquire(90, 0);
    const head = b.acquire(50, 20).catch((e) => e);
    const small = b.acquire(10, 10_000);
    expect(await head).toBeInstanceOf(MemoryBusyError);
    (await small)();
    r1();
  });
});
