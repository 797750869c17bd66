/**
 * Concurrent /diagnose interactions through the fake Discord (127.0.0.1): from INTERACTION_CREATE to
 * the final webhook edit carrying the chart. Real discord.js, real worker pool, 200-epoch logs.
 * Run alone: `npx tsx bench/bot/bot-bench.ts [--requests N] [--concurrency 4,8,16]`.
 */
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { startHarness } from '../../test/e2e/harness.js';
import { loadConfig } from '../../src/bot/config.js';
import { createLogger } from '../../src/bot/logger.js';
import { createBot } from '../../src/bot/bot.js';
import { APP_ID, FAKE_TOKEN } from '../../test/e2e/fake-discord.js';
import { flag, isMain } from '../main.js';

export interface BotBenchRow {
  concurrency: number;
  requests: number;
  workers: number;
  chartWidth: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failed: number;
  /** CPU time (all threads: bot, workers and the fake) per diagnosis */
  cpuMsPer: number;
  /** what the measured CPU cost allows on this machine's cores when nothing else runs */
  cpuBoundPerSecond: number;
  /** event-loop delay p99 (ms) during the run: what a gateway heartbeat or another user's defer waits */
  loopDelayP99: number;
  /** 'separate': the fake Discord runs in its own process and the CPU column is the bot's alone */
  fake: 'in-process' | 'separate';
  /** separate mode: the fake Discord's own CPU per diagnosis (it shares this machine's cores) */
  fakeCpuMsPer?: number;
}

/** A 200-epoch Keras CSVLogger log; `seed` varies the curve so nothing can be cached. */
export function makeLog(seed: number, epochs = 200): string {
  let s = 'epoch,accuracy,loss,val_accuracy,val_loss\n';
  let r = seed * 9301 + 49297;
  const rnd = () => (r = (r * 9301 + 49297) % 233280) / 233280 - 0.5;
  const turn = 40 + (seed % 80);
  for (let e = 0; e < epochs; e++) {
    const loss = 1 / (1 + e * 0.05) + 0.02 * rnd();
    const val = 0.6 / (1 + e * 0.08) + 0.3 + (e > turn ? (e - turn) * 0.003 : 0) + 0.015 * rnd();
    s += `${e},${(1 - loss / 2).toFixed(4)},${loss.toFixed(5)},${(1 - val / 2).toFixed(4)},${val.toFixed(5)}\n`;
  }
  return s;
}

/** A CSV of exactly-or-just-under `target` bytes with as many rows as fit (two short columns). */
export function bigCsv(target: number): Buffer {
  const parts: string[] = ['loss,val_loss\n'];
  let n = parts[0].length;
  for (let i = 0; ; i++) {
    const a = (1 / (1 + i * 1e-5)).toFixed(2).slice(1);
    const b = (1.1 / (1 + i * 2e-5)).toFixed(1).slice(1);
    const line = `${a},${b}\n`;
    if (n + line.length > target) break;
    parts.push(line);
    n += line.length;
  }
  return Buffer.from(parts.join(''));
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface BotBenchOptions {
  requests?: number;
  concurrency?: number[];
  workers?: number;
  chartWidth?: number;
  warmups?: number;
  /** 'separate' (default): the fake Discord in a child process; 'in-process': same process as the bot */
  fake?: 'separate' | 'in-process';
}

/** The bot's settings for a throughput bench: quiet logs, no rate limits, a deep queue. */
function benchEnv(workers: number, options: { chartWidth?: number }): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    WORKERS: String(workers),
    RATE_USER: '100000',
    RATE_GUILD: '100000',
    MAX_QUEUE: '10000',
    ...(options.chartWidth ? { CHART_WIDTH: String(options.chartWidth) } : {}),
  };
}

/** The bench the top-level runner calls: separate-process fake unless asked otherwise. */
export async function runBotBench(options: BotBenchOptions = {}): Promise<BotBenchRow[]> {
  return options.fake === 'in-process' ? runBotBenchInProcess(options) : runBotBenchSeparate(options);
}

/** Fake Discord and bot in one process (the CPU column then includes the fake's work). */
export async function runBotBenchInProcess(options: BotBenchOptions = {}): Promise<BotBenchRow[]> {
  const requests = options.requests ?? 200;
  const levels = options.concurrency ?? [1, 4, 8, 16];
  const workers = options.workers ?? availableParallelism();
  const warmups = options.warmups ?? 40;
  const h = await startHarness(benchEnv(workers, options));
  const rows: BotBenchRow[] = [];
  try {
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
    // warm-up: JIT, worker start, fonts
    await Promise.all(Array.from({ length: warmups }, one));
    for (const c of levels) {
      const lat: number[] = [];
      let failed = 0;
      let left = requests;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      await Promise.all(
        Array.from({ length: c }, async () => {
          while (left-- > 0) {
            try {
              lat.push(await one());
            } catch {
              failed++;
            }
          }
        }),
      );
      const wall = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      loop.disable();
      const cpuMsPer = (cpu.user + cpu.system) / 1000 / Math.max(1, lat.length);
      lat.sort((a, b) => a - b);
      rows.push({
        concurrency: c,
        requests,
        workers,
        chartWidth: h.config.CHART_WIDTH,
        perSecond: lat.length / wall,
        p50: pct(lat, 50),
        p90: pct(lat, 90),
        p99: pct(lat, 99),
        max: lat[lat.length - 1] ?? NaN,
        failed,
        cpuMsPer,
        cpuBoundPerSecond: (availableParallelism() * 1000) / cpuMsPer,
        loopDelayP99: loop.percentile(99) / 1e6,
        fake: 'in-process',
      });
      h.fake.requests.length = 0; // keep memory flat between levels
    }
  } finally {
    await h.close();
  }
  return rows;
}

/** Sends `msg` to a forked child (unless empty) and resolves with its first reply of `type`. */
export function ask<T>(child: ChildProcess, msg: object, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === type) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    if (Object.keys(msg).length) child.send(msg);
  });
}

/**
 * Same measurement with the fake Discord in a child process: latency is timed by the fake (dispatch
 * to final edit), CPU per diagnosis is the bot process's own (main thread + workers).
 */
export async function runBotBenchSeparate(options: BotBenchOptions = {}): Promise<BotBenchRow[]> {
  const requests = options.requests ?? 200;
  const levels = options.concurrency ?? [1, 4, 8, 16];
  const workers = options.workers ?? availableParallelism();
  const child = fork(new URL('./fake-child.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const rows: BotBenchRow[] = [];
  const { apiUrl } = await ask<{ apiUrl: string }>(child, {}, 'port');
  const config = loadConfig({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: apiUrl,
    ATTACHMENT_HOSTS: '127.0.0.1',
    ...benchEnv(workers, options),
  });
  const bot = await createBot(
    config,
    createLogger('warn', [FAKE_TOKEN], new Writable({ write: (_c, _e, cb) => cb() })),
  );
  const ready = ask(child, { type: 'ready?' }, 'ready');
  await bot.start();
  await ready;
  try {
    await ask(child, { type: 'run', n: options.warmups ?? 40, concurrency: 8 }, 'done');
    for (const c of levels) {
      const cpu0 = process.cpuUsage();
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const r = await ask<{ lat: number[]; failed: number; wall: number; fakeCpuMs: number }>(
        child,
        { type: 'run', n: requests, concurrency: c },
        'done',
      );
      const cpu = process.cpuUsage(cpu0);
      loop.disable();
      const lat = r.lat.sort((a, b) => a - b);
      const cpuMsPer = (cpu.user + cpu.system) / 1000 / Math.max(1, lat.length);
      rows.push({
        concurrency: c,
        requests,
        workers,
        chartWidth: config.CHART_WIDTH,
        perSecond: lat.length / (r.wall / 1000),
        p50: pct(lat, 50),
        p90: pct(lat, 90),
        p99: pct(lat, 99),
        max: lat[lat.length - 1] ?? NaN,
        failed: r.failed,
        cpuMsPer,
        cpuBoundPerSecond: (availableParallelism() * 1000) / cpuMsPer,
        loopDelayP99: loop.percentile(99) / 1e6,
        fake: 'separate',
        fakeCpuMsPer: r.fakeCpuMs / Math.max(1, lat.length),
      });
    }
  } finally {
    await bot.stop('bench end');
    child.send({ type: 'stop' });
    await once(child, 'exit');
  }
  return rows;
}

export function formatTable(rows: BotBenchRow[]): string {
  const head =
    '| fake Discord | concurrency | requests | workers | chart px | diagnoses/s | p50 ms | p90 ms | p99 ms | max ms | failed | bot CPU ms/diagnosis | fake CPU ms/diagnosis | CPU-bound diagnoses/s | event-loop delay p99 ms |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '-');
  const body = rows.map(
    (r) =>
      `| ${r.fake} | ${r.concurrency} | ${r.requests} | ${r.workers} | ${r.chartWidth} | ${r.perSecond.toFixed(1)} | ${f(r.p50)} | ${f(r.p90)} | ${f(r.p99)} | ${f(r.max)} | ${r.failed} | ${r.cpuMsPer.toFixed(1)} | ${r.fakeCpuMsPer === undefined ? '(in bot)' : r.fakeCpuMsPer.toFixed(1)} | ${r.cpuBoundPerSecond.toFixed(0)} | ${r.loopDelayP99.toFixed(0)} |`,
  );
  const ok = rows.filter((r) => r.failed === 0 && r.perSecond >= 50 && r.p99 < 300);
  const verdict = ok.length
    ? `target (>= 50 diagnoses/s with p99 < 300 ms, 200-epoch logs): met at concurrency ${ok.map((r) => r.concurrency).join(', ')}`
    : `target (>= 50 diagnoses/s with p99 < 300 ms, 200-epoch logs): not met in this run (best ${Math.max(...rows.map((r) => r.perSecond)).toFixed(1)}/s; the CPU-bound column is what the code allows on an idle machine)`;
  return [head, sep, ...body, '', verdict].join('\n');
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (k: string) => flag(args, k);
  const o = {
    requests: get('--requests') ? Number(get('--requests')) : undefined,
    concurrency: get('--concurrency')?.split(',').map(Number),
    workers: get('--workers') ? Number(get('--workers')) : undefined,
    chartWidth: get('--width') ? Number(get('--width')) : undefined,
  };
  const mode = get('--fake') ?? 'separate';
  const rows =
    mode === 'in-process'
      ? await runBotBenchInProcess(o)
      : mode === 'both'
        ? [...(await runBotBenchSeparate(o)), ...(await runBotBenchInProcess(o))]
        : await runBotBenchSeparate(o);
  console.log(formatTable(rows));
  process.exit(0);
}
