/**
 * The front half of issue 14, side by side:
 *
 * 1. /diagnose through the gateway vs through the HTTP interactions front (INTERACTIONS=http), each
 *    with the state in memory and in Redis (REDIS_URL): throughput and latency from the moment the
 *    fake Discord sends the interaction to the final webhook edit carrying the chart. Real
 *    discord.js, real worker pool, real redis-server, the fake Discord in the same process.
 * 2. What one rate-limit check costs: the in-memory sliding window vs rate-limiter-flexible on Redis
 *    (one at a time: the latency a request waits; 64 at once: the throughput of one process).
 *
 * Run alone: `npx tsx bench/bot/front-bench.ts [--requests N] [--concurrency C]`.
 */
import { availableParallelism } from 'node:os';
import { Redis } from 'ioredis';
import { startHarness, type Harness } from '../../test/e2e/harness.js';
import { discordSigner } from '../../test/e2e/discord-signature.js';
import { startRedis } from '../../test/services/redis.js';
import { RateLimiter, SharedRateLimiter, type RateLimits } from '../../src/bot/ratelimit.js';
import { makeLog } from './bot-bench.js';
import { flag, isMain } from '../main.js';

export interface FrontRow {
  section: 'diagnose' | 'rate-limit';
  variant: string;
  n: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** throughput relative to the first row of its section */
  ratio: number;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function diagnoseRun(h: Harness, requests: number, concurrency: number, warmups: number) {
  const logs = Array.from({ length: 64 }, (_, i) => Buffer.from(makeLog(i + 1)));
  let seq = 0;
  const one = async (): Promise<number> => {
    const i = seq++;
    const t0 = performance.now();
    const { token } = h.fake.command(
      'diagnose',
      { file: { name: `run-${i}.csv`, data: logs[i % logs.length], contentType: 'text/csv' } },
      { user: { id: String(900000000000000000n + BigInt(i)) } },
    );
    const fin = await h.fake.waitFor((r) => r.token === token && r.method === 'PATCH' && r.status < 300, 60_000);
    if (fin.files.length !== 1) throw new Error('no chart in the answer');
    return fin.at - t0;
  };
  const batch = async (n: number) => {
    const lat: number[] = [];
    let left = n;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) lat.push(await one());
      }),
    );
    return { lat: lat.sort((a, b) => a - b), wall: performance.now() - t0 };
  };
  await batch(warmups);
  h.fake.requests.length = 0;
  return batch(requests);
}

async function rateRun(limits: RateLimits, n: number, concurrency: number) {
  const lat: number[] = [];
  let i = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < n) {
        const k = i++;
        const s = performance.now();
        await limits.take(`u${k % 5000}`, `g${k % 50}`);
        lat.push(performance.now() - s);
      }
    }),
  );
  return { lat: lat.sort((a, b) => a - b), wall: performance.now() - t0 };
}

export async function runFrontBench(
  options: { requests?: number; concurrency?: number; warmups?: number; checks?: number } = {},
): Promise<FrontRow[]> {
  const requests = options.requests ?? 160;
  const concurrency = options.concurrency ?? 8;
  const warmups = options.warmups ?? 24;
  const checks = options.checks ?? 20_000;
  const redis = await startRedis();
  const rows: FrontRow[] = [];
  try {
    const env = {
      LOG_LEVEL: 'warn',
      WORKERS: String(availableParallelism()),
      RATE_USER: '100000',
      RATE_GUILD: '100000',
      MAX_QUEUE: '10000',
    };
    for (const v of [
      { variant: 'gateway, state in memory', http: false, redis: false },
      { variant: 'gateway, state in Redis', http: false, redis: true },
      { variant: 'HTTP front, state in memory', http: true, redis: false },
      { variant: 'HTTP front, state in Redis', http: true, redis: true },
    ]) {
      const signer = discordSigner();
      const h = await startHarness({
        ...env,
        ...(v.redis ? { REDIS_URL: redis.url } : {}),
        ...(v.http ? { INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: signer.publicKey, HTTP_PORT: '0' } : {}),
      });
      if (v.http) h.fake.httpEndpoint = { url: `http://127.0.0.1:${h.bot.httpPort}/interactions`, signer };
      try {
        const r = await diagnoseRun(h, requests, concurrency, warmups);
        rows.push({
          section: 'diagnose',
          variant: v.variant,
          n: requests,
          perSecond: requests / (r.wall / 1000),
          p50: pct(r.lat, 50),
          p99: pct(r.lat, 99),
          ratio: 1,
        });
      } finally {
        await h.close();
      }
    }
    const client = new Redis(redis.url);
    const user = { max: 1_000_000, windowMs: 60_000 };
    for (const [variant, limits] of [
      ['memory (sliding window)', new RateLimiter(user, user)],
      ['Redis (rate-limiter-flexible)', new SharedRateLimiter(client, user, user, 'bench')],
    ] as const) {
      for (const c of [1, 64]) {
        await rateRun(limits, 2000, c); // warm
        const r = await rateRun(limits, checks, c);
        rows.push({
          section: 'rate-limit',
          variant: `${variant}, ${c} at once`,
          n: checks,
          perSecond: checks / (r.wall / 1000),
          p50: pct(r.lat, 50),
          p99: pct(r.lat, 99),
          ratio: 1,
        });
      }
    }
    await client.quit();
  } finally {
    await redis.stop();
  }
  for (const section of ['diagnose', 'rate-limit'] as const) {
    const rs = rows.filter((r) => r.section === section);
    for (const r of rs) r.ratio = r.perSecond / rs[0].perSecond;
  }
  return rows;
}

export function formatFrontBench(rows: FrontRow[]): string {
  const out: string[] = [];
  const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  out.push('| what | n | per second | vs first | p50 ms | p99 ms |', '|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const ms = r.section === 'rate-limit' ? 3 : 0;
    out.push(
      `| ${r.section === 'diagnose' ? '/diagnose' : 'rate check'}: ${r.variant} | ${r.n} | ${fmt(r.perSecond)} | ${fmt(r.ratio, 2)}x | ${fmt(r.p50, ms)} | ${fmt(r.p99, ms)} |`,
    );
  }
  return out.join('\n');
}

if (isMain(import.meta.url)) {
  const rows = await runFrontBench({
    requests: Number(flag(process.argv, '--requests') ?? 160),
    concurrency: Number(flag(process.argv, '--concurrency') ?? 8),
  });
  console.log(formatFrontBench(rows));
  process.exit(0);
}
