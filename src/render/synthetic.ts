/**
 * Small synthetic TrainingLogs for the gallery, tests and benchmarks (no files needed), plus a
 * simple stand-in Diagnosis computed from the data (used when no real diagnosis is at hand).
 */
import type { Diagnosis, Pattern } from '../diagnose/schema.js';
import type { Kind, Run, Series, Split, TrainingLog } from '../ingest/schema.js';
import { mulberry32 } from '../util/random.js';

/** Deterministic pseudo-random numbers (mulberry32). */
export const rng = mulberry32;

function splitOf(key: string): Split {
  return key.startsWith('val_') ? 'val' : key === 'lr' ? 'none' : 'train';
}
function kindOf(base: string): Kind {
  if (base === 'lr') return 'lr';
  if (/acc/.test(base)) return 'accuracy';
  if (/loss/.test(base)) return 'loss';
  return 'other';
}

/** A TrainingLog from columns: { loss: [...], val_loss: [...] }, x = 1..n (or the given x). */
export function logFromColumns(
  columns: Record<string, ArrayLike<number>>,
  options: { xAxis?: 'epoch' | 'step'; x?: ArrayLike<number>; label?: string } = {},
): TrainingLog {
  return logFromRuns([{ columns, ...options }]);
}

/** Several runs in one log (e.g. a CSVLogger file appended to by restarts). */
export function logFromRuns(
  runs: {
    columns: Record<string, ArrayLike<number>>;
    xAxis?: 'epoch' | 'step';
    x?: ArrayLike<number>;
    label?: string;
  }[],
): TrainingLog {
  let rows = 0;
  const out: Run[] = runs.map((r, index) => {
    const series: Series[] = Object.entries(r.columns).map(([key, yy]) => {
      const n = yy.length;
      const base = key.replace(/^val_/, '');
      const x = r.x ? Array.from(r.x).slice(0, n) : Array.from({ length: n }, (_, i) => i + 1);
      rows = Math.max(rows, n);
      return { key, name: key, base, split: splitOf(key), kind: kindOf(base), x, y: Array.from(yy) };
    });
    return { index, label: r.label ?? `run ${index + 1} of ${runs.length}`, xAxis: r.xAxis ?? 'epoch', series };
  });
  return {
    format: 'csv',
    detectedBy: 'content',
    runs: out,
    dialect: { flavour: 'unknown', clues: [] },
    warnings: [],
    stats: { bytes: 0, lines: rows + 1, rows },
  };
}

/** One synthetic log per pattern, shaped like the real thing (with accuracy and lr columns). */
export function sampleLog(pattern: Exclude<Pattern, 'not_assessable'>, n = 100, seed = 7): TrainingLog {
  const r = rng(seed);
  const noise = (k: number) => (r() - 0.5) * 2 * k;
  const loss: number[] = [];
  const val: number[] = [];
  const acc: number[] = [];
  const vacc: number[] = [];
  const lr: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    let tr = 0;
    let va = 0;
    switch (pattern) {
      case 'good_fit':
        tr = 0.25 + 1.9 * Math.exp(-6 * t) + noise(0.015);
        va = 0.3 + 1.85 * Math.exp(-5.6 * t) + noise(0.025);
        break;
      case 'overfitting':
        tr = 0.05 + 2 * Math.exp(-5 * t) + noise(0.015);
        va = 0.45 + 1.6 * Math.exp(-9 * t) + 0.9 * Math.max(0, t - 0.25) ** 1.5 + noise(0.03);
        break;
      case 'underfitting':
        tr = 1.55 + 0.6 * Math.exp(-3 * t) + noise(0.02);
        va = 1.6 + 0.58 * Math.exp(-3 * t) + noise(0.025);
        break;
      case 'high_variance':
        tr = 0.3 + 1.6 * Math.exp(-5 * t) + noise(0.02);
        va = 0.55 + 1.4 * Math.exp(-5 * t) + noise(0.35) * (0.5 + t);
        break;
      case 'unstable':
        tr = 0.4 + 1.6 * Math.exp(-6 * t) + noise(0.03) + (i % 23 === 11 ? 2.5 : 0);
        va = 0.5 + 1.5 * Math.exp(-6 * t) + noise(0.05);
        if (t > 0.8) {
          tr = i % 3 === 0 ? NaN : Infinity;
          va = NaN;
        }
        break;
    }
    loss.push(tr);
    val.push(va);
    acc.push(Math.min(0.999, 1 - tr / 2.4 + noise(0.005)));
    vacc.push(Math.min(0.999, 1 - va / 2.4 + noise(0.01)));
    lr.push(1e-3 * (i < n * 0.6 ? 1 : i < n * 0.85 ? 0.1 : 0.01));
  }
  return logFromColumns({ loss, val_loss: val, accuracy: acc, val_accuracy: vacc, lr });
}

/**
 * A stand-in Diagnosis computed from the data with simple rules: best = minimum of the smoothed
 * validation loss, overfitting region from there when the pattern says so, NaN/inf positions,
 * spikes = train values more than 3x the running median. Not the real diagnose(): for pictures.
 */
export function sketchDiagnosis(
  log: TrainingLog,
  pattern: Pattern,
  confidence = 0.8,
  runIndex = log.runs.length - 1,
): Diagnosis {
  const run = log.runs[runIndex];
  const train =
    run.series.find((s) => s.key === 'loss') ?? run.series.find((s) => s.kind === 'loss' && s.split !== 'val');
  const val =
    run.series.find((s) => s.key === 'val_loss') ?? run.series.find((s) => s.kind === 'loss' && s.split === 'val');
  const metric = run.series.find((s) => s.kind === 'accuracy' && s.split !== 'val');
  const vmetric = run.series.find((s) => s.kind === 'accuracy' && s.split === 'val');
  const nonFinite: number[] = [];
  for (const s of [train, val]) if (s) s.y.forEach((v, i) => !Number.isFinite(v) && nonFinite.push(s.x[i]));
  const uniq = [...new Set(nonFinite)].sort((a, b) => a - b);
  let bestX: number | undefined;
  let bestVal: number | undefined;
  if (val) {
    let sm = NaN;
    let bi = -1;
    let bs = Infinity;
    val.y.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      sm = Number.isNaN(sm) ? v : 0.6 * sm + 0.4 * v;
      if (sm < bs) {
        bs = sm;
        bi = i;
      }
    });
    if (bi >= 0) {
      bestX = val.x[bi];
      bestVal = val.y[bi];
    }
  }
  const spikes: number[] = [];
  if (train) {
    for (let i = 3; i < train.y.length; i++) {
      const w = train.y
        .slice(Math.max(0, i - 8), i)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      const med = w[w.length >> 1];
      if (Number.isFinite(train.y[i]) && med > 0 && train.y[i] > 2.5 * med) spikes.push(train.x[i]);
    }
  }
  const main = val ?? train;
  const lastX = main ? main.x[main.x.length - 1] : undefined;
  return {
    pattern,
    confidence,
    findings: uniq.length ? ['nan_inf'] : [],
    evidence: {
      points: main?.x.length ?? 0,
      x_axis: run.xAxis,
      first_x: main?.x[0],
      last_x: lastX,
      best_x: bestX,
      best_val: bestVal,
      val_last: val ? val.y.filter(Number.isFinite).at(-1) : undefined,
      train_last: train ? train.y.filter(Number.isFinite).at(-1) : undefined,
      first_non_finite_x: uniq[0],
      non_finite_count: uniq.length || undefined,
      spike_count: spikes.length || undefined,
      metric_val_last: vmetric ? vmetric.y.filter(Number.isFinite).at(-1) : undefined,
    },
    headline: `${pattern.replace('_', ' ')} (sketch)`,
    reasons: [],
    series: { train: train?.key, val: val?.key, metric: metric?.key, val_metric: vmetric?.key },
    marks: {
      best_x: bestX,
      overfit_from_x: pattern === 'overfitting' ? bestX : undefined,
      non_finite_x: uniq,
      spike_x: spikes,
    },
    run: { index: runIndex, count: log.runs.length, label: run.label },
    alternatives: [],
  };
}
