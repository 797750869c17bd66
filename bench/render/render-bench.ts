/**
 * Render benchmark. Run alone: `npx tsx bench/render/render-bench.ts` (or call runRenderBench()).
 *
 * 1. A 200-epoch Keras CSVLogger log: our whole reply pipeline (ingest + diagnose + render PNG)
 *    against matplotlib (Debian /usr/bin/python3, Agg) drawing the same chart alone — same pixel
 *    size, same two panels (loss, accuracy), same points (raw faded + EMA bold), best line, shaded
 *    region, titles, legends. Both warm, median of RUNS runs. Target: ours <= 0.5x matplotlib.
 * 2. A 1M-row log: render only (after parsing), median of a few warm runs. Target: < 500 ms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import type { Diagnosis } from '../../src/diagnose/schema.js';
import type { TrainingLog } from '../../src/ingest/schema.js';
import { DEFAULT_SMOOTHING, render, renderWithLayout } from '../../src/render/index.js';
import { rng } from '../../src/render/synthetic.js';

export interface Row {
  case: string;
  ours_ms: number;
  matplotlib_ms?: number;
  /** ours / matplotlib */
  ratio?: number;
  target: string;
  pass: boolean;
  note?: string;
}

const RUNS = 30;
/** the runs are split into this many interleaved rounds */
const ROUNDS = 3;
const WARMUP = 5;
const PYTHON = '/usr/bin/python3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** A 200-epoch overfitting run as CSVLogger writes it. */
export function csvLog(epochs = 200, seed = 1): { text: string; cols: Record<string, number[]> } {
  const r = rng(seed);
  const cols: Record<string, number[]> = { accuracy: [], loss: [], val_accuracy: [], val_loss: [] };
  const lines = ['epoch,accuracy,loss,val_accuracy,val_loss'];
  for (let i = 0; i < epochs; i++) {
    const t = i / (epochs - 1);
    const loss = 0.05 + 2 * Math.exp(-5 * t) + (r() - 0.5) * 0.03;
    const val = 0.45 + 1.6 * Math.exp(-9 * t) + 0.9 * Math.max(0, t - 0.25) ** 1.5 + (r() - 0.5) * 0.06;
    const acc = Math.min(0.999, 1 - loss / 2.4);
    const vacc = Math.min(0.999, 1 - val / 2.4);
    cols.accuracy.push(acc);
    cols.loss.push(loss);
    cols.val_accuracy.push(vacc);
    cols.val_loss.push(val);
    lines.push(`${i},${acc},${loss},${vacc},${val}`);
  }
  return { text: lines.join('\n') + '\n', cols };
}

async function time(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return ts;
}

function fallbackDiagnosis(log: TrainingLog): Diagnosis {
  const run = log.runs[log.runs.length - 1];
  return {
    pattern: 'good_fit',
    confidence: 0.5,
    findings: [],
    evidence: { points: run.series[0]?.x.length ?? 0, x_axis: run.xAxis },
    headline: 'benchmark',
    reasons: [],
    series: { train: 'loss', val: 'val_loss' },
    marks: { non_finite_x: [], spike_x: [] },
    run: { index: run.index, count: log.runs.length, label: run.label },
    alternatives: [],
  };
}

export async function runRenderBench(
  options: { runs?: number; log?: (s: string) => void; matplotlibPng?: string } = {},
): Promise<Row[]> {
  const runs = options.runs ?? RUNS;
  const say = options.log ?? (() => {});
  const rows: Row[] = [];

  // --- 1. 200 epochs: ours (ingest + diagnose + render) vs matplotlib (chart only)
  const { text, cols } = csvLog(200);
  const pipeline = async () => {
    const log = ingest(text, { fileName: 'training_log.csv' });
    const d = diagnose(log);
    return render(log, d);
  };
  const first = ingest(text);
  const d0 = diagnose(first);
  const { layout } = await renderWithLayout(first, d0);
  say(
    `200 epochs: diagnosed ${d0.pattern}; panels ${layout.panels.map((p) => p.kind).join('+')} ${layout.width}x${layout.height}`,
  );
  // Interleaved rounds (ours, then matplotlib's own warm loop) so both see the same machine load.
  const ours: number[] = [];
  const renderOnly: number[] = [];
  const ingestDiag: number[] = [];
  const mplTimes: number[] = [];
  let mplNote: string | undefined;
  const perRound = Math.max(1, Math.round(runs / ROUNDS));
  const dir = mkdtempSync(join(tmpdir(), 'render-bench-'));
  try {
    const loss = layout.panels.find((p) => p.kind === 'loss');
    const metric = layout.panels.find((p) => p.kind === 'metric');
    const bestX = d0.marks.best_x ?? 100;
    const input = {
      x: cols.loss.map((_, i) => i + 1), // ingest makes CSVLogger's 0-based epochs 1-based
      ...cols,
      width: layout.width,
      height: layout.height,
      loss_height: loss?.height ?? 500,
      metric_height: metric?.height ?? 260,
      smoothing: DEFAULT_SMOOTHING,
      best_x: bestX,
      overfit_from_x: d0.marks.overfit_from_x ?? bestX,
      best_label: `best ${d0.evidence.best_val?.toFixed(3) ?? ''} at ${bestX}`,
      title: 'Overfitting · 87%',
      subtitle: `best val_loss ${d0.evidence.best_val?.toFixed(3) ?? ''} at epoch ${bestX} of 200`,
      warmup: 3,
      runs: perRound,
      out: options.matplotlibPng ?? '',
    };
    writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
    const script = join(repoRoot(), 'bench/render/matplotlib_bench.py');
    for (let round = 0; round < ROUNDS; round++) {
      // our three measurements alternate run by run, after a few warm-up runs
      for (let i = 0; i < (round === 0 ? WARMUP : 2); i++) await pipeline();
      for (let i = 0; i < perRound; i++) {
        ours.push(...(await time(pipeline, 1, 0)));
        renderOnly.push(...(await time(() => render(first, d0), 1, 0)));
        ingestDiag.push(...(await time(async () => diagnose(ingest(text)), 1, 0)));
      }
      if (mplNote) continue;
      try {
        const out = execFileSync(PYTHON, [script, join(dir, 'input.json')], { encoding: 'utf8', timeout: 300_000 });
        const res = JSON.parse(out.trim().split('\n').pop()!) as { times_ms: number[] };
        mplTimes.push(...res.times_ms);
      } catch (e) {
        mplNote = `matplotlib not run: ${(e as Error).message.split('\n')[0]}`;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const mpl = mplTimes.length > 0 ? { median_ms: median(mplTimes) } : undefined;
  const oursMed = median(ours);
  rows.push({
    case: '200 epochs: ingest+diagnose+render PNG vs matplotlib chart',
    ours_ms: oursMed,
    matplotlib_ms: mpl?.median_ms,
    ratio: mpl ? oursMed / mpl.median_ms : undefined,
    target: '<= 0.5x matplotlib',
    pass: mpl ? oursMed / mpl.median_ms <= 0.5 : false,
    note: mplNote,
  });
  rows.push({ case: '200 epochs: render only', ours_ms: median(renderOnly), target: 'info', pass: true });
  rows.push({ case: '200 epochs: ingest+diagnose only', ours_ms: median(ingestDiag), target: 'info', pass: true });

  // --- 2. 1M rows: render only, after parsing
  const n = 1_000_000;
  const r = rng(2);
  const lines: string[] = ['step,loss,val_loss'];
  for (let i = 0; i < n; i++) {
    const t = i / n;
    const l = 0.3 + 2.2 * Math.exp(-5 * t) + (r() - 0.5) * 0.4;
    lines.push(i % 1000 === 999 ? `${i + 1},${l},${l + 0.1 + (r() - 0.5) * 0.05}` : `${i + 1},${l},`);
  }
  const big = lines.join('\n');
  let t = performance.now();
  const bigLog = ingest(big, { limits: { maxBytes: 256 * 1024 * 1024, maxRows: 2_000_000 } });
  const parseMs = performance.now() - t;
  let bigDiag: Diagnosis;
  let diagNote = '';
  t = performance.now();
  try {
    bigDiag = diagnose(bigLog);
    diagNote = `diagnose ${(performance.now() - t).toFixed(0)} ms`;
  } catch (e) {
    bigDiag = fallbackDiagnosis(bigLog);
    diagNote = `diagnose threw (${(e as Error).message}); hand-made diagnosis used`;
  }
  t = performance.now();
  await render(bigLog, bigDiag);
  const cold = performance.now() - t;
  const big1 = await time(() => render(bigLog, bigDiag), 7, 1);
  const pts = bigLog.runs[0].series.reduce((s, x) => s + x.x.length, 0);
  rows.push({
    case: `1M rows (${pts} points): render only, after parsing`,
    ours_ms: median(big1),
    target: '< 500 ms',
    pass: median(big1) < 500,
    note: `first render ${cold.toFixed(0)} ms; parse ${parseMs.toFixed(0)} ms; ${diagNote}`,
  });
  return rows;
}

export function formatRows(rows: Row[]): string {
  const f = (v: number | undefined, d = 1) => (v === undefined ? '-' : v.toFixed(d));
  const head = ['case', 'ours ms (median)', 'matplotlib ms', 'ratio', 'target', 'ok'];
  const body = rows.map((r) => [
    r.case,
    f(r.ours_ms),
    f(r.matplotlib_ms),
    r.ratio === undefined ? '-' : `${r.ratio.toFixed(2)}x`,
    r.target,
    r.pass ? 'yes' : 'NO',
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.case}: ${r.note}`);
  return [line(head), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...body.map(line), ...notes].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const png = process.argv.indexOf('--matplotlib-png');
  const rows = await runRenderBench({
    log: (s) => console.log(s),
    matplotlibPng: png > 0 ? process.argv[png + 1] : undefined,
  });
  console.log(formatRows(rows));
}
