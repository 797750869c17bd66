/**
 * Load on the bot through the fake Discord (in its own process, load-child.ts), two measurements:
 *  1. memory: 10 users at once send the largest allowed CSV (MAX_FILE_BYTES, ~1.2M rows) to /diagnose;
 *     the bot process's RSS before (after a warm-up), at its peak, and after 30 s idle
 *     (targets: peak < 900 MB, idle within 25% of the baseline), with how many were served / told "busy".
 *  2. /diagnose latency p99 with the machine idle vs while a /train runs (target: < 2x).
 * Run alone: `npx tsx bench/bot/load-bench.ts [--idle-s 30] [--big 10] [--requests 200]`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/bot/config.js';
import { createLogger } from '../../src/bot/logger.js';
import { createBot } from '../../src/bot/bot.js';
import { APP_ID, FAKE_TOKEN } from '../../test/e2e/fake-discord.js';
import { DEFAULT_TRAIN_NICE } from '../../src/train/index.js';
import { flag, isMain } from '../main.js';
import { ask } from './bot-bench.js';

export interface LoadBenchResult {
  memory: {
    files: number;
    bytes: number;
    rows: number;
    ok: number;
    busy: number;
    other: number;
    p50Ms: number;
    maxMs: number;
    baselineMb: number;
    peakMb: number;
    idleMb: number;
    idleS: number;
    idleDetail: string;
  };
  latency: {
    requests: number;
    concurrency: number;
    idleP50: number;
    idleP99: number;
    trainP50: number;
    trainP99: number;
    trainRunning: boolean;
    failed: number;
  };
  env: Record<string, string>;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const mb = () => process.memoryUsage.rss() / 1024 / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoadBenchOptions {
  /** concurrent maximum-size files (default 10) */
  big?: number;
  /** seconds of idle after the burst before the last RSS reading (default 30) */
  idleS?: number;
  /** /diagnose requests per latency measurement (default 200) */
  requests?: number;
  concurrency?: number;
  /** extra bot environment (e.g. to compare settings) */
  env?: Record<string, string>;
  /** skip a part (default: both) */
  only?: 'memory' | 'latency';
}

export async function runLoadBench(options: LoadBenchOptions = {}): Promise<LoadBenchResult> {
  const child = fork(new URL('./load-child.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { apiUrl } = await ask<{ apiUrl: string }>(child, {}, 'port');
  const env = {
    LOG_LEVEL: 'warn',
    WORKERS: String(availableParallelism()),
    RATE_USER: '100000',
    RATE_GUILD: '100000',
    MAX_QUEUE: '10000',
    // a maximum-size parse takes 3-5 s on a quiet 2-core machine and 15-20 s on a busy one: let it
    // finish, so the peak is that of a whole parse and not of one cut off by the time limit
    JOB_TIMEOUT_MS: '120000',
    ...options.env,
  };
  const config = loadConfig({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: apiUrl,
    ATTACHMENT_HOSTS: '127.0.0.1',
    ...env,
  });
  const bot = await createBot(
    config,
    createLogger('warn', [FAKE_TOKEN], new Writable({ write: (_c, _e, cb) => cb() })),
  );
  const ready = ask(child, { type: 'ready?' }, 'ready');
  await bot.start();
  await ready;
  const requests = options.requests ?? 200;
  const concurrency = options.concurrency ?? 4;
  const idleS = options.idleS ?? 30;
  try {
    // ---------------------------------------------------------------- memory
    const skipMemory = options.only === 'latency';
    const skipLatency = options.only === 'memory';
    await ask(child, { type: 'diagnose', n: 40, concurrency: 4 }, 'done'); // warm-up: workers, JIT, fonts
    await sleep(3000);
    const baselineMb = mb();
    let peakMb = baselineMb;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, mb())), 50);
    const big = skipMemory
      ? { rows: 0, bytes: 0, results: [] as { outcome: string; ms: number; text?: string }[] }
      : await ask<{ rows: number; bytes: number; results: { outcome: string; ms: number; text?: string }[] }>(
          child,
          { type: 'big', n: options.big ?? 10, bytes: config.MAX_FILE_BYTES },
          'done',
        );
    if (!skipMemory) await sleep(idleS * 1000);
    clearInterval(sampler);
    const idleMb = mb();
    const u = process.memoryUsage();
    const idleDetail = `main thread at idle: heap ${Math.round(u.heapUsed / 1048576)} of ${Math.round(u.heapTotal / 1048576)} MB, array buffers ${Math.round(u.arrayBuffers / 1048576)} MB`;
    const okMs = big.results
      .filter((r) => r.outcome === 'ok')
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const others = big.results.filter((r) => r.outcome === 'other');
    if (others.length)
      console.log(
        `(memory: ${others.length} answers neither a chart nor "busy": ${[...new Set(others.map((o) => o.text))].join(' | ')})`,
      );
    // ---------------------------------------------------------------- latency, idle vs during /train
    const none = { lat: [] as number[], failed: 0 };
    let idle = none;
    let during = none;
    let trainRunning = false;
    if (!skipLatency) {
      await ask(child, { type: 'diagnose', n: 40, concurrency }, 'done');
      // alternate idle and during-/train rounds so a change in the machine's other load hits both alike
      const rounds = 2;
      const per = Math.ceil(requests / rounds);
      idle = { lat: [], failed: 0 };
      during = { lat: [], failed: 0 };
      trainRunning = true;
      for (let k = 0; k < rounds; k++) {
        const a = await ask<{ lat: number[]; failed: number }>(
          child,
          { type: 'diagnose', n: per, concurrency },
          'done',
        );
        idle.lat.push(...a.lat);
        idle.failed += a.failed;
        let trainDone = false;
        const started = ask(child, { type: 'train', preset: 'overfit', epochs: 300 }, 'train-started');
        const doneP = ask(child, {}, 'train-done').then(() => (trainDone = true));
        await started;
        const b = await ask<{ lat: number[]; failed: number }>(
          child,
          { type: 'diagnose', n: per, concurrency },
          'done',
        );
        during.lat.push(...b.lat);
        during.failed += b.failed;
        trainRunning &&= !trainDone;
        await doneP;
      }
    }
    const a = idle.lat.sort((x, y) => x - y);
    const b = during.lat.sort((x, y) => x - y);
    return {
      memory: {
        files: big.results.length,
        bytes: big.bytes,
        rows: big.rows,
        ok: okMs.length,
        busy: big.results.filter((r) => r.outcome === 'busy').length,
        other: others.length,
        p50Ms: pct(okMs, 50),
        maxMs: okMs[okMs.length - 1] ?? NaN,
        baselineMb,
        peakMb,
        idleMb,
        idleS,
        idleDetail,
      },
      latency: {
        requests,
        concurrency,
        idleP50: pct(a, 50),
        idleP99: pct(a, 99),
        trainP50: pct(b, 50),
        trainP99: pct(b, 99),
        trainRunning,
        failed: idle.failed + during.failed,
      },
      env,
    };
  } finally {
    await bot.stop('bench end');
    child.send({ type: 'stop' });
    await once(child, 'exit');
  }
}

export function formatLoad(r: LoadBenchResult): string {
  const m = r.memory;
  const l = r.latency;
  const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '-');
  const idleRatio = m.idleMb / m.baselineMb;
  const p99Ratio = l.trainP99 / l.idleP99;
  return [
    `bot settings: ${
      Object.entries(r.env)
        .filter(([k]) => k.startsWith('CURVE_TRIAGE_'))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || 'defaults'
    }; load average at the end ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
    '',
    `| maximum-size files at once | size | rows | charts | "busy" | other | p50 s | slowest s | RSS before MB | peak MB | after ${m.idleS} s idle MB | idle / before |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${m.files} | ${(m.bytes / 1024 / 1024).toFixed(1)} MiB | ${m.rows.toLocaleString('en-US')} | ${m.ok} | ${m.busy} | ${m.other} | ${(m.p50Ms / 1000).toFixed(1)} | ${(m.maxMs / 1000).toFixed(1)} | ${f0(m.baselineMb)} | ${f0(m.peakMb)} | ${f0(m.idleMb)} | ${idleRatio.toFixed(2)} |`,
    '',
    `(${m.idleDetail})`,
    `memory target (peak < 900 MB, idle within 25% of before): ${m.peakMb < 900 && Math.abs(idleRatio - 1) <= 0.25 ? 'met' : 'not met'}`,
    '',
    '| /diagnose, 200-epoch logs | requests | concurrency | p50 ms | p99 ms | p99 / idle p99 |',
    '|---|---:|---:|---:|---:|---:|',
    `| idle | ${l.requests} | ${l.concurrency} | ${f0(l.idleP50)} | ${f0(l.idleP99)} | 1.00 |`,
    `| during /train (overfit, 300 epochs; training threads at nice ${r.env.CURVE_TRIAGE_TRAIN_NICE ?? DEFAULT_TRAIN_NICE}${l.trainRunning ? '' : '; it ended before the last request'}) | ${l.requests} | ${l.concurrency} | ${f0(l.trainP50)} | ${f0(l.trainP99)} | ${p99Ratio.toFixed(2)} |`,
    '',
    `latency target (p99 during /train < 2x idle): ${!Number.isFinite(p99Ratio) ? 'not measured (--only memory)' : p99Ratio < 2 ? 'met' : 'not met'}${l.failed ? ` (${l.failed} requests failed)` : ''}`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (k: string) => flag(args, k);
  const env: Record<string, string> = {};
  for (const kv of args.filter((a) => /^[A-Z_]+=/.test(a))) env[kv.split('=')[0]] = kv.slice(kv.indexOf('=') + 1);
  // the training threads read theirs from the process environment
  Object.assign(process.env, env);
  const r = await runLoadBench({
    big: get('--big') ? Number(get('--big')) : undefined,
    idleS: get('--idle-s') ? Number(get('--idle-s')) : undefined,
    requests: get('--requests') ? Number(get('--requests')) : undefined,
    only: get('--only') as LoadBenchOptions['only'],
    env,
  });
  console.log(formatLoad(r));
  process.exit(0);
}
