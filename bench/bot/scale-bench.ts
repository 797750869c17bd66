/**
 * Scale-out (issue 14): the bot on a Redis-backed queue with `npm run worker` processes, measured
 * through the fake Discord with a throwaway redis-server:
 *  1. /sweep of 8 runs: one sweep, and two people's sweeps at once, with 1 vs 2 worker processes
 *  2. /diagnose throughput and p50/p99 with triage in the bot vs on the workers (TRIAGE_REMOTE=1)
 *  3. a worker SIGKILLed mid-job: time until the job runs again on another worker (tuned timings; with
 *     the defaults it is at most QUEUE_LOCK_MS + QUEUE_STALLED_INTERVAL_MS)
 *  4. /diagnose p99 while a /train runs on a worker vs idle (target < 2x)
 * Run alone: `npx tsx bench/bot/scale-bench.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { startRedis, type ThrowawayRedis } from '../../test/services/redis.js';
import {
  startHarness,
  until,
  type Harness,
  componentIds as ids,
  isTrainingFinal as isFinal,
} from '../../test/e2e/harness.js';
import type { Recorded } from '../../test/e2e/fake-discord.js';
import { isMain } from '../main.js';
import { scratchDataHome } from '../../test/services/data-home.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const EDIT = '/webhooks/:app/:token/messages/:msg';

interface Proc {
  child: ChildProcess;
  out: () => string;
}

async function worker(url: string, env: Record<string, string> = {}): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      XDG_DATA_HOME: scratchDataHome(),
      REDIS_URL: url,
      WORKER_PORT: '0',
      WORKER_CONCURRENCY: '1',
      WORKER_TRIAGE_THREADS: '1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buf = '';
  child.stdout!.on('data', (d) => (buf += d));
  child.stderr!.on('data', (d) => (buf += d));
  await until(() => /"msg":"worker ready"/.test(buf), 120_000);
  return { child, out: () => buf };
}

async function stopAll(ps: Proc[]): Promise<void> {
  for (const p of ps) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) continue;
    const exited = once(p.child, 'exit');
    p.child.kill('SIGTERM');
    // a worker finishing a job may take a while; never hang the bench on it
    const t = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(t);
  }
}

const bot = (url: string, env: Record<string, string> = {}) =>
  startHarness({
    REDIS_URL: url,
    LOG_LEVEL: 'warn',
    WORKERS: '1',
    RATE_USER: '100000',
    RATE_GUILD: '100000',
    MAX_QUEUE: '10000',
    ...env,
  });

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

// big enough that training, not the queue's round trips, fills the wall time (~0.3 s per run on one core)
const SWEEP = { param: 'units', values: '4,6,8,10,12,14,16,18', repeats: 1, epochs: 100, preset: 'ideal' };

/** wall ms for `people` sweeps of 8 runs at once */
async function sweeps(h: Harness, people: number): Promise<number> {
  const t0 = performance.now();
  const tokens = Array.from(
    { length: people },
    (_, k) => h.fake.command('sweep', SWEEP, { user: { id: String(940000000000000000n + BigInt(k)) } }).token,
  );
  await Promise.all(tokens.map((t) => h.fake.waitFor(isFinal(t), 600_000)));
  return performance.now() - t0;
}

const LOG = readFileSync(new URL('../../fixtures/demo/lstm-overfitting.csv', import.meta.url));

/** n /diagnose at `concurrency`: latencies (ms) and the wall time */
async function diagnoses(h: Harness, n: number, concurrency: number): Promise<{ lat: number[]; wallMs: number }> {
  const lat: number[] = [];
  let left = n;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const s = performance.now();
        const { token } = h.fake.command('diagnose', { file: { name: `run-${left}.csv`, data: LOG } });
        await h.fake.waitFor((r) => r.token === token && r.method === 'PATCH' && r.files.length > 0, 60_000);
        lat.push(performance.now() - s);
      }
    }),
  );
  h.fake.requests.length = 0;
  return { lat: lat.sort((a, b) => a - b), wallMs: performance.now() - t0 };
}

/** ms from a worker's SIGKILL (mid-job) to the job running again on the other worker */
async function rerun(url: string, queueEnv: Record<string, string>): Promise<number> {
  const ws = [await worker(url, queueEnv), await worker(url, queueEnv)];
  const h = await bot(url, queueEnv);
  try {
    const { token } = h.fake.command('train', { preset: 'underfit', epochs: 300 }, { user: { id: '941' } });
    const prog = await h.fake.waitFor(
      (r) => r.token === token && /epoch \d+\/300/.test(r.json?.content ?? ''),
      120_000,
    );
    const jobId = ids(prog.json.components)
      .find((id) => id.endsWith('|cancel'))!
      .split('|')[1];
    const startedOn = (w: Proc) => new RegExp(`"job":"${jobId}"[^\\n]*"msg":"job started"`).test(w.out());
    const victim = ws.find(startedOn)!;
    const other = ws.find((w) => w !== victim)!;
    const t0 = performance.now();
    victim.child.kill('SIGKILL');
    await until(() => startedOn(other), 300_000);
    const ms = performance.now() - t0;
    const cancel = ids(prog.json.components).find((id) => id.endsWith('|cancel'))!;
    h.fake.component(cancel, 2, [], { user: { id: '941' } });
    await h.fake.waitFor(isFinal(token), 60_000);
    return ms;
  } finally {
    await h.close();
    await stopAll(ws);
  }
}

export interface ScaleBenchResult {
  sweep: { workers: number; people: number; wallMs: number }[];
  diagnose: { where: string; n: number; concurrency: number; perS: number; p50: number; p99: number }[];
  rerun: { timings: string; ms: number }[];
  during: { idleP99: number; trainP99: number; idleP50: number; trainP50: number; n: number };
}

export async function runScaleBench(): Promise<ScaleBenchResult> {
  const redis: ThrowawayRedis = await startRedis();
  const out: ScaleBenchResult = { sweep: [], diagnose: [], rerun: [], during: {} as ScaleBenchResult['during'] };
  try {
    // 1. sweeps with 1, then 2 workers
    const ws = [await worker(redis.url)];
    for (const n of [1, 2]) {
      if (n === 2) ws.push(await worker(redis.url));
      const h = await bot(redis.url);
      try {
        await sweeps(h, n); // warm-up: TF.js loaded in every worker
        for (const people of [1, 2]) {
          out.sweep.push({ workers: n, people, wallMs: await sweeps(h, people) });
          console.error('(scale)', JSON.stringify(out.sweep.at(-1)));
        }
      } finally {
        await h.close();
      }
    }
    // 2. + 4. /diagnose, local vs remote triage; and local triage while a /train runs on a worker
    const N = 200;
    const C = 4;
    for (const remote of [false, true]) {
      const h = await bot(redis.url, remote ? { TRIAGE_REMOTE: '1' } : {});
      try {
        await diagnoses(h, 20, C);
        const r = await diagnoses(h, N, C);
        out.diagnose.push({
          where: remote ? 'on 2 workers (TRIAGE_REMOTE=1)' : 'in the bot (1 thread)',
          n: N,
          concurrency: C,
          perS: N / (r.wallMs / 1000),
          p50: pct(r.lat, 50),
          p99: pct(r.lat, 99),
        });
        console.error('(scale)', JSON.stringify(out.diagnose.at(-1)));
        if (!remote) {
          const { token } = h.fake.command('train', { preset: 'overfit', epochs: 150 }, { user: { id: '942' } });
          await h.fake.waitFor((x) => x.token === token && /epoch \d+/.test(x.json?.content ?? ''), 120_000);
          const d = await diagnoses(h, N, C);
          out.during = {
            idleP50: pct(r.lat, 50),
            idleP99: pct(r.lat, 99),
            trainP50: pct(d.lat, 50),
            trainP99: pct(d.lat, 99),
            n: N,
          };
          console.error('(scale)', JSON.stringify(out.during));
          await h.fake.waitFor(isFinal(token), 600_000);
        }
      } finally {
        await h.close();
      }
    }
    await stopAll(ws);
    // 3. SIGKILL -> running again
    out.rerun.push({
      timings: 'QUEUE_LOCK_MS=5000 QUEUE_STALLED_INTERVAL_MS=1000',
      ms: await rerun(redis.url, { QUEUE_LOCK_MS: '5000', QUEUE_STALLED_INTERVAL_MS: '1000' }),
    });
  } finally {
    await redis.stop();
  }
  return out;
}

export function formatScaleBench(r: ScaleBenchResult): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '-');
  const base = (people: number) => r.sweep.find((x) => x.workers === 1 && x.people === people)!.wallMs;
  const localD = r.diagnose[0];
  return [
    `${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at the end; workers: WORKER_CONCURRENCY=1, 1 training thread each`,
    '',
    `| /sweep of 8 runs (units, ${SWEEP.epochs} epochs) | worker processes | wall s | / 1 worker |`,
    '|---|---:|---:|---:|',
    ...r.sweep.map(
      (x) =>
        `| ${x.people === 1 ? 'one sweep' : `${x.people} people's sweeps at once`} | ${x.workers} | ${s(x.wallMs)} | ${(x.wallMs / base(x.people)).toFixed(2)} |`,
    ),
    '',
    '| /diagnose, triage + render | requests | concurrency | per s | p50 ms | p99 ms | p99 / in the bot |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.diagnose.map(
      (x) =>
        `| ${x.where} | ${x.n} | ${x.concurrency} | ${x.perS.toFixed(1)} | ${f0(x.p50)} | ${f0(x.p99)} | ${(x.p99 / localD.p99).toFixed(2)} |`,
    ),
    '',
    '| worker SIGKILLed mid-job | job running again after s |',
    '|---|---:|',
    ...r.rerun.map((x) => `| ${x.timings} | ${s(x.ms)} |`),
    '',
    '| /diagnose in the bot | p50 ms | p99 ms | p99 / idle p99 |',
    '|---|---:|---:|---:|',
    `| idle | ${f0(r.during.idleP50)} | ${f0(r.during.idleP99)} | 1.00 |`,
    `| while a /train (overfit, 150 epochs) runs on a worker | ${f0(r.during.trainP50)} | ${f0(r.during.trainP99)} | ${(r.during.trainP99 / r.during.idleP99).toFixed(2)} |`,
    '',
    `latency target (p99 during /train < 2x idle): ${r.during.trainP99 / r.during.idleP99 < 2 ? 'met' : 'not met'}`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  runScaleBench()
    .then((r) => console.log(formatScaleBench(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
