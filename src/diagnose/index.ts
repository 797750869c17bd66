/**
 * diagnose: TrainingLog -> Diagnosis. Measure (features.ts), score each pattern against named
 * thresholds (rules.ts, classify.ts), and explain the verdict with the numbers behind it.
 */
import type { Run, TrainingLog } from '../ingest/schema.js';
import type { Diagnosis, Evidence } from './schema.js';
import { align, curve, invertFn, selectMetric, selectPair, spikeList, type Curve, type Pair } from './features.js';
import { classify } from './classify.js';
import * as R from './rules.js';
import type { Ctx, NonFinite } from './types.js';
import { bucketMean, directionChanges, maxOf, median, minOf, slopeT } from './stats.js';

export type { Diagnosis, Pattern, Finding, Evidence } from './schema.js';
export { PATTERNS, FINDINGS, DiagnosisSchema, verdictLabel } from './schema.js';
export type { Ctx } from './types.js';

export interface DiagnoseOptions {
  /** 0-based run index, or 'last' (default) */
  run?: number | 'last';
  /** focus metric key (e.g. 'val_accuracy', 'mae'); default: the loss pair */
  metric?: string;
  /** the hand-written rules' verdict without the learned model (benchmarks compare the two) */
  rulesOnly?: boolean;
}

export function pickRun(log: TrainingLog, run: DiagnoseOptions['run']): number {
  if (run === undefined || run === 'last') return log.runs.length - 1;
  if (!Number.isInteger(run) || run < 0 || run >= log.runs.length) {
    throw new RangeError(`run ${run} does not exist: the log holds ${log.runs.length} run(s)`);
  }
  return run;
}

export function diagnose(log: TrainingLog, options: DiagnoseOptions = {}): Diagnosis {
  return diagnoseDetailed(log, options).diagnosis;
}

/** The diagnosis and the feature vector the model read (undefined when too short to measure): for fitting and benchmarks. */
export function diagnoseDetailed(log: TrainingLog, options: DiagnoseOptions = {}): { diagnosis: Diagnosis; features?: Float64Array; ruleProbabilities?: Record<string, number>; hardUnstable: boolean } {
  const index = pickRun(log, options.run);
  const run = log.runs[index];
  const pair = selectPair(run, options.metric);
  const metric = selectMetric(run, pair);
  const a = align(pair);
  const n = a.x.length;
  const evidence: Evidence = { points: n, x_axis: run.xAxis };
  if (n > 0) {
    evidence.first_x = a.x[0];
    evidence.last_x = a.x[n - 1];
  }
  // the run goes on through any trailing NaN epochs: last_x is where the log ends, not the last finite point
  for (const s of [pair.train, pair.val]) {
    if (s && s.x.length) {
      const lastOfSeries = s.x[s.x.length - 1];
      if (evidence.last_x === undefined || lastOfSeries > evidence.last_x) evidence.last_x = lastOfSeries;
      if (evidence.first_x === undefined || s.x[0] < evidence.first_x) evidence.first_x = s.x[0];
    }
  }
  const nonFinite = nonFiniteInfo(run, pair);
  if (nonFinite.count > 0) {
    evidence.first_non_finite_x = nonFinite.first;
    evidence.non_finite_count = nonFinite.count;
  }
  const ctx: Ctx = { log, run, index, pair, metric, a, evidence, nonFinite, rulesOnly: options.rulesOnly };
  if (n >= 2) measure(ctx);
  const verdict = classify(ctx);
  const seriesKeys = {
    ...(pair.train ? { train: pair.train.key } : {}),
    ...(pair.val ? { val: pair.val.key } : {}),
    ...(metric.train ? { metric: metric.train.key } : {}),
    ...(metric.val ? { val_metric: metric.val.key } : {}),
  };
  const diagnosis: Diagnosis = {
    pattern: verdict.pattern,
    confidence: verdict.confidence,
    findings: verdict.findings,
    evidence,
    headline: verdict.headline,
    reasons: verdict.reasons,
    series: seriesKeys,
    marks: {
      ...(evidence.best_x !== undefined && a.hasVal ? { best_x: evidence.best_x } : {}),
      ...(verdict.pattern === 'overfitting' && evidence.best_x !== undefined ? { overfit_from_x: evidence.best_x } : {}),
      non_finite_x: nonFinite.xs,
      spike_x: verdict.spikeX,
    },
    run: { index, count: log.runs.length, label: run.label },
    alternatives: verdict.alternatives,
    ...(verdict.borderline !== undefined ? { borderline: verdict.borderline } : {}),
    ...(verdict.probabilities ? { probabilities: verdict.probabilities } : {}),
  };
  return { diagnosis, features: ctx.features, ruleProbabilities: ctx.ruleProbabilities, hardUnstable: ctx.hardUnstable ?? false };
}

function nonFiniteInfo(run: Run, pair: Pair): NonFinite {
  const xs = new Set<number>();
  for (const s of [pair.train, pair.val]) {
    if (!s) continue;
    for (let i = 0; i < s.y.length; i++) if (!Number.isFinite(s.y[i])) xs.add(s.x[i]);
  }
  const sorted = [...xs].sort((p, q) => p - q);
  let total = 0;
  for (const s of [pair.train, pair.val]) if (s) total += s.y.length;
  return { xs: sorted, first: sorted[0], count: sorted.length, total, run };
}

const round = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toPrecision(digits)) : v);

function measure(ctx: Ctx): void {
  const { a, evidence: e, pair } = ctx;
  const n = a.x.length;
  const V = curve(a.v);
  const T = a.hasVal && a.hasTrain ? curve(a.t) : a.hasVal ? undefined : V;
  // the train series at its own resolution (per-step logs have many more train points than evals)
  // accuracy-like pairs were turned into errors; these turn them back for display (each is its own inverse)
  const identity = (v: number) => v;
  const invT = pair.inverted && pair.train ? invertFn(pair.train) : identity;
  const invV = pair.inverted && pair.val ? invertFn(pair.val) : invT;
  let Tfull: Curve | undefined;
  if (pair.train) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < pair.train.y.length; i++) {
      const v = pair.train.y[i];
      if (!Number.isFinite(v)) continue;
      xs.push(pair.train.x[i]);
      ys.push(invT(v));
    }
    if (ys.length >= 3) Tfull = curve(bucketMean(xs, ys, R.MAX_POINTS).y);
  }
  ctx.curves = { V, T, Tfull };
  const q = Math.max(0, Math.floor((n - 1) * 0.75));
  // the start level is read over the first 4 points only (long runs fall fast at first; a 12% window
  // would start the count after most of the fall), later levels over the usual window
  const relDrop = (c: Curve, i: number, j: number) => {
    const a0 = i === 0 ? c.levelAt(0, R.START_LEVEL_POINTS) : c.levelAt(i);
    return (a0 - c.levelAt(j)) / Math.max(Math.abs(a0), 1e-12);
  };

  if (T) {
    e.train_first = round(invT(T.raw[0]));
    e.train_last = round(invT(T.raw[n - 1]));
    e.train_min = round(invT(minOf(T.raw)));
    e.train_total_improvement = round(relDrop(T, 0, n - 1));
    e.train_improvement_last_quarter = round(relDrop(T, q, n - 1));
    e.train_volatility = round((Tfull ?? T).relNoise);
  }
  if (a.hasVal) {
    e.val_first = round(invV(V.raw[0]));
    e.val_last = round(invV(V.raw[n - 1]));
    // best: the raw minimum inside the smoothing window around the smoothed minimum
    const h = 2;
    let b = V.argmin;
    for (let i = Math.max(0, V.argmin - h); i <= Math.min(n - 1, V.argmin + h); i++) if (V.raw[i] < V.raw[b]) b = i;
    e.best_x = a.x[b];
    e.best_val = round(invV(V.raw[b]));
    e.best_fraction = round(n > 1 ? V.argmin / (n - 1) : 1);
    e.points_after_best = n - 1 - V.argmin;
    const rise = V.last - V.min;
    e.val_rise_after_best = round(rise / Math.max(Math.abs(V.min), 1e-12));
    e.val_rise_in_noise = round(rise / Math.max(V.noise, Math.abs(V.min) * 1e-3, 1e-12));
    const after = V.argmin;
    if (n - after >= 3) e.val_rise_t = round(slopeT(a.x.slice(after), V.raw.slice(after)).t);
    e.val_total_improvement = round(relDrop(V, 0, n - 1));
    e.val_improvement_last_quarter = round(relDrop(V, q, n - 1));
    e.val_volatility = round(V.relNoise);
    e.direction_changes_val = round(directionChanges(V.raw));
    if (T) {
      e.train_drop_after_best = round(relDrop(T, V.argmin, n - 1));
      const k = Math.max(R.TAIL_MIN, Math.round(n * R.TAIL_FRACTION));
      const gaps = a.v.map((v, i) => v - a.t[i]);
      e.gap_last = round(median(gaps.slice(-k)));
      // relative gaps divide by the train level, floored at 5% of where train started: a train error
      // of 0 (accuracy 1.0) must not make the ratio 1e11
      const floor = Math.max(R.GAP_FLOOR_OF_START * Math.abs(T.levelAt(0, R.START_LEVEL_POINTS)), 1e-12);
      const rel = (v: number, t: number) => (v - t) / Math.max(Math.abs(t), floor);
      e.gap_ratio_last = round(rel(V.last, T.last));
      e.gap_ratio_at_best = round(rel(V.s[V.argmin], T.s[V.argmin]));
      const mid = Math.floor((n - 1) / 2);
      const grMid = rel(V.levelAt(mid), T.levelAt(mid));
      const grEnd = rel(V.last, T.last);
      e.gap_trend = round(grEnd - grMid);
      e.val_below_train_fraction = round(a.v.filter((v, i) => v < a.t[i]).length / n);
      const tn = (Tfull ?? T).relNoise;
      e.val_noise_vs_train = round(V.relNoise / Math.max(tn, R.NOISE_FLOOR));
    }
    // early stopping arithmetic for the advice: patience that would have waited out the noise
    const lastX = a.x[n - 1];
    e.epochs_saved_fraction = round(Math.max(0, (lastX - (e.best_x as number)) / Math.max(lastX, 1e-12)));
    e.suggested_patience = suggestPatience(V.raw, V.argmin);
  }
  const base = T ?? V;
  if (n >= 6) {
    const k = Math.max(1, Math.round(n / 10));
    const early = median(base.raw.slice(0, k));
    const late = median(base.raw.slice(-k));
    // late / early for a positive loss; for a negative one (NLL of a density, negative ELBO) the rise
    // relative to its size, so -250 -> -1200 (improving) is not growth and -1000 -> +1000 is
    e.growth_factor = round(1 + (late - early) / Math.max(Math.abs(early), 1e-12));
  }
  const imp = a.hasVal ? e.val_improvement_last_quarter : e.train_improvement_last_quarter;
  if (imp !== undefined && imp > R.STILL_IMPROVING_MIN) e.remaining_epochs_estimate = Math.max(5, Math.round((n * Math.min(imp, 0.2)) / 0.1 / 2));
  // metric
  const m = ctx.metric;
  const tail = (s: { y: number[] }) => {
    const ys = s.y.filter(Number.isFinite);
    return ys.length ? median(ys.slice(-Math.max(2, Math.round(ys.length * R.TAIL_FRACTION)))) : NaN;
  };
  if (m.train) e.metric_train_last = round(tail(m.train));
  if (m.val) {
    e.metric_val_last = round(tail(m.val));
    const ys = m.val.y.filter(Number.isFinite);
    if (ys.length) e.metric_val_best = round(m.val.kind === 'error' ? minOf(ys) : maxOf(ys));
  }
  if (e.metric_train_last !== undefined && e.metric_val_last !== undefined) e.metric_gap_last = round(e.metric_train_last - e.metric_val_last);
  // learning rate
  const lr = ctx.run.series.find((s) => s.kind === 'lr');
  if (lr && lr.y.length > 0) {
    const ys = lr.y.filter(Number.isFinite);
    if (ys.length) {
      e.lr_first = ys[0];
      e.lr_last = ys[ys.length - 1];
      let drops = 0;
      for (let i = 1; i < ys.length; i++) if (ys[i] < ys[i - 1] * 0.9) drops++;
      e.lr_drops = drops;
    }
  }
  ctx.spikeX = spikeList(a);
  e.spike_count = ctx.spikeX.length;
  // a measurement that could not be made (all-NaN metric, zero level) is left out, never NaN
  for (const k of Object.keys(e) as (keyof Evidence)[]) {
    const v = e[k];
    if (typeof v === 'number' && !Number.isFinite(v)) delete e[k];
  }
}

/**
 * Patience that would have reached the best epoch through the noise seen before it: the longest wait for a
 * new best before the minimum, plus 2, kept in [3, 20] (AUTOTRAINER uses max(3, epochs/15)).
 */
function suggestPatience(v: number[], argmin: number): number {
  let best = Infinity;
  let wait = 0;
  let longest = 0;
  for (let i = 0; i <= argmin; i++) {
    if (v[i] < best) {
      best = v[i];
      wait = 0;
    } else {
      wait++;
      longest = Math.max(longest, wait);
    }
  }
  return Math.max(3, Math.min(20, longest + 2, Math.max(3, Math.ceil(v.length / 15) + longest)));
}
