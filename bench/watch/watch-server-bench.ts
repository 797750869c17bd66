/**
 * /watch's endpoint under load and its alert delay.
 *
 * 1. Throughput: the real fastify endpoint (src/watch/server.ts) on 127.0.0.1 with a sink that runs
 *    the real per-run sessions (live diagnosis + alerts on every report, no Discord); 100 runs, each
 *    with its own token, POST one epoch per second for ~20 s from a separate client process (so the
 *    server's CPU is measured alone). Reported: requests/s served vs offered, p50/p99 latency, the
 *    server process' CPU (share of one core) and CPU per request.
 * 2. Alert delay: seeded synthetic runs (test/watch/synthetic.ts) replayed epoch by epoch through a
 *    session: the epoch each alert fires at vs the epoch an expert would flag (overfitting: val's
 *    minimum + 5 epochs of clear rise; NaN: the first NaN epoch).
 */
import { spawn } from 'node:child_process';
import { createWatchServer, type WatchSink } from '../../src/watch/server.js';
import { TokenStore } from '../../src/watch/tokens.js';
import { WatchSession } from '../../src/watch/session.js';
import { nanRun, overfittingRun, type SyntheticRun } from '../../test/watch/synthetic.js';

const RUNS = Number(process.env.WATCH_BENCH_RUNS ?? 100);
const SECONDS = Number(process.env.WATCH_BENCH_SECONDS ?? 20);

/** the load: RUNS loops, each POSTing one epoch per second (staggered), latencies in ms as JSON on stdout */
const CLIENT = `
const [url, seconds, ...tokens] = process.argv.slice(1);
const lat = []; const codes = {};
const t0 = Date.now();
async function run(token, k) {
  await new Promise((r) => setTimeout(r, (k * 1000) / tokens.length));
  for (let e = 0; e < Number(seconds); e++) {
    const due = t0 + (k * 1000) / tokens.length + e * 1000;
    const loss = 0.1 + Math.exp(-e / 8), val = 0.25 + 0.9 * Math.exp(-Math.min(e, 10) / 8) + (e > 10 ? 0.012 * (e - 10) : 0);
    const s = performance.now();
    const r = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
      body: JSON.stringify({ run: 'bench-' + k, epoch: e, epochs: 60, metrics: { loss, val_loss: val, accuracy: 1 - loss / 2, val_accuracy: 1 - val / 2 } }) });
    await r.arrayBuffer();
    lat.push(performance.now() - s); codes[r.status] = (codes[r.status] ?? 0) + 1;
    const wait = due + 1000 - Date.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
  }
}
Promise.all(tokens.map(run)).then(() => process.stdout.write(JSON.stringify({ lat, codes, ms: Date.now() - t0 })));
`;

export interface WatchBench {
  load: {
    runs: number;
    seconds: number;
    requests: number;
    offered: number;
    served: number;
    p50: number;
    p99: number;
    max: number;
    cpu: number;
    cpuPerReqMs: number;
    codes: Record<string, number>;
    alerts: number;
  };
  delays: { run: string; kind: string; expert: number; alert?: number; delay?: number; best?: number }[];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function load(): Promise<WatchBench['load']> {
  const tokens = new TokenStore();
  const sessions = new Map<string, WatchSession>();
  let alerts = 0;
  const sink: WatchSink = {
    async onReports(record, batch) {
      const key = `${record.id}:${batch.run}`;
      const s = sessions.get(key) ?? new WatchSession(batch.run);
      sessions.set(key, s);
      alerts += s.add(batch).length;
      s.diagnosis();
      return { stop: s.stopRequested };
    },
  };
  const app = createWatchServer({ tokens, sink });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const toks = Array.from({ length: RUNS }, (_, i) => tokens.create({ userId: `u${i}`, channelId: 'c' }).token);
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', CLIENT, `http://127.0.0.1:${port}/v1/watch/epochs`, String(SECONDS), ...toks],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buf = '';
    child.stdout.on('data', (d) => (buf += d));
    child.on('exit', (code) => (code === 0 ? resolve(buf) : reject(new Error(`client exited ${code}`))));
  });
  const wall = performance.now() - w0;
  const cpu = process.cpuUsage(cpu0);
  await app.close();
  const r = JSON.parse(out) as { lat: number[]; codes: Record<string, number>; ms: number };
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    runs: RUNS,
    seconds: SECONDS,
    requests: r.lat.length,
    offered: RUNS,
    served: (r.codes['200'] ?? 0) / (r.ms / 1000),
    p50: pct(r.lat, 50),
    p99: pct(r.lat, 99),
    max: Math.max(...r.lat),
    cpu: cpuMs / wall,
    cpuPerReqMs: cpuMs / r.lat.length,
    codes: r.codes,
    alerts,
  };
}

function replay(run: SyntheticRun): { alert?: number; best?: number } {
  const s = new WatchSession('r');
  for (let i = 0; i < run.epochs; i++) {
    const a = s.add({
      run: 'r',
      epochs: run.epochs,
      // epochs sent 1-based, so the alerts' epochs count like the expert's (synthetic.ts)
      reports: [{ epoch: i + 1, metrics: { loss: run.history.loss[i], val_loss: run.history.val_loss[i] } }],
    });
    const hit = a.find((x) => x.kind === (run.kind === 'nan' ? 'nan_inf' : 'overfitting'));
    if (hit) return { alert: hit.epoch, best: hit.bestEpoch };
  }
  return {};
}

function delays(): WatchBench['delays'] {
  const runs: [string, SyntheticRun][] = [
    ...[
      [1, 60, 20],
      [2, 60, 15],
      [3, 80, 30],
      [4, 100, 40],
      [5, 60, 25],
      [6, 50, 12],
      [7, 120, 50],
    ].map(
      ([seed, n, turn]) =>
        [`overfit seed ${seed}, min at ${turn}/${n}`, overfittingRun(seed, n, turn)] as [string, SyntheticRun],
    ),
    ...[
      [11, 40, 17],
      [12, 60, 5],
      [13, 30, 29],
    ].map(([seed, n, at]) => [`NaN seed ${seed}, at ${at}/${n}`, nanRun(seed, n, at)] as [string, SyntheticRun]),
  ];
  return runs.map(([name, run]) => {
    const r = replay(run);
    return {
      run: name,
      kind: run.kind,
      expert: run.expertEpoch!,
      ...r,
      delay: r.alert !== undefined ? r.alert - run.expertEpoch! : undefined,
    };
  });
}

export async function runWatchServerBench(): Promise<WatchBench> {
  return { load: await load(), delays: delays() };
}

const f = (v: number | undefined, d = 1) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(d));

export function formatWatchServerBench(b: WatchBench): string {
  const l = b.load;
  const lines = [
    `| ${l.runs} runs x 1 epoch/s for ${l.seconds} s | value |`,
    '|---|---|',
    `| requests | ${l.requests} (${Object.entries(l.codes)
      .map(([k, v]) => `${v}x ${k}`)
      .join(', ')}) |`,
    `| served / offered req/s | ${f(l.served)} / ${l.offered} (${f(l.served / l.offered, 2)}x) |`,
    `| latency p50 / p99 / max | ${f(l.p50, 2)} / ${f(l.p99, 2)} / ${f(l.max, 2)} ms |`,
    `| server CPU (share of one core) | ${f(l.cpu * 100)}% |`,
    `| server CPU per request (parse, validate, session, diagnosis) | ${f(l.cpuPerReqMs, 2)} ms |`,
    `| alerts raised | ${l.alerts} |`,
    '',
    '| seeded run | expert epoch | alert epoch | delay (epochs) | best epoch named |',
    '|---|---|---|---|---|',
    ...b.delays.map((d) => `| ${d.run} | ${d.expert} | ${d.alert ?? 'none'} | ${d.delay ?? '-'} | ${d.best ?? '-'} |`),
  ];
  const od = b.delays.filter((d) => d.kind === 'overfitting' && d.delay !== undefined).map((d) => d.delay!);
  if (od.length)
    lines.push(
      '',
      `overfitting: median delay ${pct(od, 50)} epochs after the expert, worst ${Math.max(...od)}; missed ${b.delays.filter((d) => d.kind === 'overfitting' && d.alert === undefined).length}`,
    );
  return lines.join('\n');
}
