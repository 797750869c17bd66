/**
 * Measure: the named evidence of one run, computed once from the aligned pair and read by the scorers,
 * the model's vector and the user (JSON `evidence`). measure() is a list of steps, each filling its own
 * group of evidence fields in the order the JSON has always listed them. Thresholds are in rules.ts.
 */
import type { Evidence } from './schema.js';
import { curve, invertFn, spikeList, type Curve } from './features.js';
import * as R from './rules.js';
import type { Ctx } from './types.js';
import { DIV_FLOOR, bucketMean, directionChanges, maxOf, median, minOf, slopeT } from './stats.js';
import { bestPoint, firstPoint, labelFields, lastPoint, pointAt, shareMeans } from './quote.js';
import type { Series } from '../ingest/schema.js';

type Display = (v: number) => number;

const round = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toPrecision(digits)) : v);

/** Fill ctx.curves and ctx.evidence (the run has at least 2 aligned points). */
export function measure(ctx: Ctx): void {
  const { invT } = displayFns(ctx);
  ctx.curves = measureCurves(ctx, invT);
  measureTrain(ctx);
  if (ctx.a.hasVal) {
    measureVal(ctx);
    if (ctx.curves.T) measureGap(ctx);
    measureEarlyStopping(ctx);
  }
  measureGrowth(ctx);
  measureRemaining(ctx);
  measureMetric(ctx);
  measureLearningRate(ctx);
  Object.assign(ctx.evidence, labelFields(ctx.run));
  ctx.spikeX = spikeList(ctx.a);
  ctx.evidence.spike_count = ctx.spikeX.length;
  dropUnmeasured(ctx.evidence);
}

/** Accuracy-like pairs were turned into errors; this turns the train side back (its own inverse). */
function displayFns(ctx: Ctx): { invT: Display } {
  const { pair } = ctx;
  const identity = (v: number) => v;
  return { invT: pair.inverted && pair.train ? invertFn(pair.train, pair.val) : identity };
}

/** The val curve, the train curve at the val points, and the train series at its own resolution
 * (per-step logs have many more train points than evals). */
function measureCurves(ctx: Ctx, invT: Display): NonNullable<Ctx['curves']> {
  const { a, pair } = ctx;
  const V = curve(a.v);
  const T = a.hasVal && a.hasTrain ? curve(a.t) : a.hasVal ? undefined : V;
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
    if (ys.length >= R.FULL_TRAIN_MIN_POINTS) Tfull = curve(bucketMean(xs, ys, R.MAX_POINTS).y);
  }
  return { V, T, Tfull };
}

/** Index where the last quarter of the run starts. */
export function lastQuarterStart(n: number): number {
  return Math.max(0, Math.floor((n - 1) * R.LAST_QUARTER_START));
}

/** Points the start level reads: START_LEVEL_POINTS, but at most a quarter of the run, so on a short run
 * the start window does not reach into the end window (5 points: the first point alone). */
export function startLevelPoints(n: number): number {
  return Math.min(R.START_LEVEL_POINTS, Math.max(1, Math.floor(n * R.START_LEVEL_MAX_FRACTION)));
}

/** Relative fall of a curve from i to j. The start level is read over the first 4 points only (long
 * runs fall fast at first; a 12% window would start the count after most of the fall), a quarter of a
 * short run at most (startLevelPoints), later levels over the usual window. The learned model's shape
 * features (vector.ts) and the gap floor below keep the 4-point start: the shipped weights were fitted on it. */
function relDrop(c: Curve, i: number, j: number): number {
  const a0 = i === 0 ? c.levelAt(0, startLevelPoints(c.raw.length)) : c.levelAt(i);
  return (a0 - c.levelAt(j)) / Math.max(Math.abs(a0), DIV_FLOOR);
}

/** The series the train numbers are quoted from: the train series, or the only one there is. */
function trainSeries(ctx: Ctx): Series | undefined {
  return ctx.pair.train ?? (ctx.a.hasVal ? undefined : ctx.pair.val);
}

/** first / last / lowest: raw values of the file (best = the highest for an accuracy-like pair). */
function measureTrain(ctx: Ctx): void {
  const { T, Tfull } = ctx.curves!;
  if (!T) return;
  const e = ctx.evidence;
  const n = ctx.a.x.length;
  const ts = trainSeries(ctx);
  if (ts) {
    e.train_first = round(firstPoint(ts)?.y ?? NaN);
    e.train_last = round(lastPoint(ts)?.y ?? NaN);
    e.train_min = round(bestPoint(ts, ctx.pair.inverted)?.y ?? NaN);
  }
  e.train_total_improvement = round(relDrop(T, 0, n - 1));
  e.train_improvement_last_quarter = round(relDrop(T, lastQuarterStart(n), n - 1));
  e.train_volatility = round((Tfull ?? T).relNoise);
}

/** Where val was best (the raw best point of the file, the one ModelCheckpoint(save_best_only) keeps) and
 * the raw changes since; how far its smoothed level rose (relative, in noise units, as a t statistic),
 * its fall and noise. */
function measureVal(ctx: Ctx): void {
  const { a, evidence: e, pair } = ctx;
  const { V } = ctx.curves!;
  const n = a.x.length;
  const vs = pair.val as Series;
  const first = firstPoint(vs);
  const last = lastPoint(vs);
  const best = bestPoint(vs, pair.inverted);
  if (first && last && best) {
    e.val_first = round(first.y);
    e.val_last = round(last.y);
    e.best_x = best.x;
    e.best_val = round(best.y);
    // a share of a best at or below 0, or to an end below it, means nothing (quote.ts): the field is left out; a
    // best that is the last point is a change of 0 whatever its sign (advise.ts shows no rise after it)
    if (shareMeans(best.y, last.y) || best.x === last.x) e.val_change_since_best = round(relChange(best.y, last.y));
    const ts = pair.train;
    // train at the best point itself (a NaN there, or a train curve logged elsewhere: none)
    const tb = ts && pointAt(ts, best.x);
    const tl = ts && lastPoint(ts);
    if (tb && tl && Math.abs(tb.x - best.x) < 1e-9) {
      e.best_train = round(tb.y);
      if (shareMeans(tb.y, tl.y)) e.train_change_since_best = round(relChange(tb.y, tl.y));
    }
  }
  e.best_fraction = round(n > 1 ? V.argmin / (n - 1) : 1);
  e.points_after_best = n - 1 - V.argmin;
  const rise = V.last - V.min;
  e.val_rise_after_best = round(rise / Math.max(Math.abs(V.min), DIV_FLOOR));
  e.val_rise_in_noise = round(rise / Math.max(V.noise, Math.abs(V.min) * R.RISE_NOISE_FLOOR_OF_MIN, DIV_FLOOR));
  const after = V.argmin;
  if (n - after >= R.SLOPE_MIN_POINTS) e.val_rise_t = round(slopeT(a.x.slice(after), V.raw.slice(after)).t);
  e.val_total_improvement = round(relDrop(V, 0, n - 1));
  e.val_improvement_last_quarter = round(relDrop(V, lastQuarterStart(n), n - 1));
  e.val_volatility = round(V.relNoise);
  e.direction_changes_val = round(directionChanges(V.raw));
}

/** (b - a) / |a|, signed: the raw change a user computes from two values of the file. */
function relChange(from: number, to: number): number {
  return (to - from) / Math.max(Math.abs(from), DIV_FLOOR);
}

/** The relative gap (val - train) / train, the train level floored at GAP_FLOOR_OF_START of where train started (a
 * train error of 0 at accuracy 1.0 must not make the ratio 1e11); the floor too, for the sentences that quote it. */
export function relativeGap(T: Curve): { rel: (v: number, t: number) => number; floor: number } {
  const floor = Math.max(R.GAP_FLOOR_OF_START * Math.abs(T.levelAt(0, R.START_LEVEL_POINTS)), DIV_FLOOR);
  return { rel: (v, t) => (v - t) / Math.max(Math.abs(t), floor), floor };
}

/** The generalisation gap: absolute and relative at the end, at val's best, its trend, val below train, relative noise. */
function measureGap(ctx: Ctx): void {
  const { a, evidence: e } = ctx;
  const { V, T, Tfull } = ctx.curves as { V: Curve; T: Curve; Tfull?: Curve };
  const n = a.x.length;
  e.train_drop_after_best = round(relDrop(T, V.argmin, n - 1));
  const k = Math.max(R.TAIL_MIN, Math.round(n * R.TAIL_FRACTION));
  const gaps = a.v.map((v, i) => v - a.t[i]);
  e.gap_last = round(median(gaps.slice(-k)));
  const { rel } = relativeGap(T);
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

/** Early stopping arithmetic for the advice: the share of the run after the best, and a patience that would have waited out the noise. */
function measureEarlyStopping(ctx: Ctx): void {
  const { a, evidence: e } = ctx;
  const { V } = ctx.curves!;
  const lastX = a.x[a.x.length - 1];
  e.suggested_patience = suggestPatience(V.raw, V.argmin);
  // EarlyStopping with that patience stops `patience` points after the best (the points' own spacing)
  const xs = a.x;
  const bi = xs.findIndex((x) => x >= (e.best_x as number) - 1e-9);
  const stopX = xs[Math.min(xs.length - 1, Math.max(0, bi) + e.suggested_patience)];
  e.epochs_saved_fraction = round(Math.max(0, (lastX - stopX) / Math.max(lastX, DIV_FLOOR)));
}

/** Late over early level of the train curve (val when there is none). */
function measureGrowth(ctx: Ctx): void {
  const n = ctx.a.x.length;
  if (n < R.GROWTH_MIN_POINTS) return;
  const { V, T } = ctx.curves!;
  const base = T ?? V;
  const k = Math.max(1, Math.round(n / R.GROWTH_WINDOWS));
  const early = median(base.raw.slice(0, k));
  const late = median(base.raw.slice(-k));
  // late / early for a positive loss; for a negative one (NLL of a density, negative ELBO) the rise
  // relative to its size, so -250 -> -1200 (improving) is not growth and -1000 -> +1000 is
  ctx.evidence.growth_factor = round(1 + (late - early) / Math.max(Math.abs(early), DIV_FLOOR));
}

/** How many more epochs a curve still improving over its last quarter could use (see REMAINING_* in rules.ts). */
function measureRemaining(ctx: Ctx): void {
  const e = ctx.evidence;
  const n = ctx.a.x.length;
  const imp = ctx.a.hasVal ? e.val_improvement_last_quarter : e.train_improvement_last_quarter;
  if (imp !== undefined && imp > R.STILL_IMPROVING_MIN) {
    e.remaining_epochs_estimate = Math.max(
      R.REMAINING_MIN,
      Math.round((n * Math.min(imp, R.REMAINING_IMPROVEMENT_CAP)) / R.REMAINING_GAIN_STEP / 2),
    );
  }
}

/** The accuracy-like metric beside the loss: its end level (tail median), val's best, and the train - val gap. */
function measureMetric(ctx: Ctx): void {
  const e = ctx.evidence;
  const m = ctx.metric;
  const tail = (s: { y: number[] }) => {
    const ys = s.y.filter(Number.isFinite);
    return ys.length ? median(ys.slice(-Math.max(R.TAIL_MIN, Math.round(ys.length * R.TAIL_FRACTION)))) : NaN;
  };
  if (m.train) e.metric_train_last = round(tail(m.train));
  if (m.val) {
    e.metric_val_last = round(tail(m.val));
    const ys = m.val.y.filter(Number.isFinite);
    if (ys.length) e.metric_val_best = round(m.val.kind === 'error' ? minOf(ys) : maxOf(ys));
  }
  if (e.metric_train_last !== undefined && e.metric_val_last !== undefined)
    e.metric_gap_last = round(e.metric_train_last - e.metric_val_last);
}

/** The logged learning rate: first, last, and how many times it dropped. */
function measureLearningRate(ctx: Ctx): void {
  const e = ctx.evidence;
  const lr = ctx.run.series.find((s) => s.kind === 'lr');
  if (!lr || lr.y.length === 0) return;
  const ys = lr.y.filter(Number.isFinite);
  if (!ys.length) return;
  e.lr_first = ys[0];
  e.lr_last = ys[ys.length - 1];
  let drops = 0;
  for (let i = 1; i < ys.length; i++) if (ys[i] < ys[i - 1] * R.LR_DROP_FACTOR) drops++;
  e.lr_drops = drops;
}

/** A measurement that could not be made (all-NaN metric, zero level) is left out, never NaN. */
function dropUnmeasured(e: Evidence): void {
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
  const { PATIENCE_MIN: lo, PATIENCE_MAX: hi, PATIENCE_MARGIN: margin, PATIENCE_EPOCHS_PER: per } = R;
  return Math.max(lo, Math.min(hi, longest + margin, Math.max(lo, Math.ceil(v.length / per) + longest)));
}
