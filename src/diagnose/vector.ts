/**
 * The measurements the learned model reads: one fixed-order vector of scale-free numbers per run.
 * Every entry is a ratio, a fraction, a t statistic or a log of a ratio, so a loss of 2,500 on unscaled
 * targets and a loss of 0.02 give the same vector for the same shape; the only absolute levels are the
 * ones whose scale is known (ln K for cross-entropy, accuracy against chance). Non-finite values become
 * 0 and every entry is clipped, so a hostile log cannot push the model outside what it was fitted on.
 */
import type { Ctx, RuleScores } from './types.js';
import { halfDrop, type Curve } from './features.js';
import * as R from './rules.js';
import { median, trendT } from './stats.js';

export type { RuleScores } from './types.js';

/** Feature names in vector order (the weights file stores them too, and the model refuses a mismatch). */
export const FEATURE_NAMES = [
  'rule_overfitting',
  'rule_high_variance',
  'rule_underfitting',
  'rule_unstable',
  'log_points',
  'has_val',
  'has_train',
  'best_fraction',
  'val_rise',
  'val_rise_in_noise',
  'val_rise_t',
  'train_drop_after_best',
  'gap_ratio_last',
  'gap_ratio_at_best',
  'gap_trend',
  'log_gap_end',
  'val_below_train_fraction',
  'train_improvement_last_quarter',
  'val_improvement_last_quarter',
  'train_total_improvement',
  'val_total_improvement',
  'log_train_volatility',
  'log_val_volatility',
  'log_val_noise_vs_train',
  'direction_changes_val',
  'direction_changes_train',
  'spike_fraction',
  'log_growth',
  'train_log_jump',
  'val_log_jump',
  'train_max_jump',
  'val_max_jump',
  'train_shape_early_share',
  'val_shape_early_share',
  'train_trend_t',
  'val_trend_t',
  'val_second_half_drop',
  'train_second_half_drop',
  'chance_distance',
  'has_metric',
  'metric_gap',
  'metric_above_chance',
  'val_rebound_range',
  ...resampledNames('train', 8),
  ...resampledNames('val', 8),
  ...resampledNames('gap', 4),
  'val_noise_early',
  'val_noise_late',
] as const;

/** names of a curve resampled at k points (its shape relative to its start) */
function resampledNames<P extends string>(prefix: P, k: number): `${P}_at_${number}`[] {
  return Array.from({ length: k }, (_, i) => `${prefix}_at_${i + 1}` as `${P}_at_${number}`);
}
export type FeatureName = string;

/** |x| beyond this is clipped (in the feature's own transformed units). */
const CLIP = 8;
const asinh = Math.asinh;
const logRatio = (v: number | undefined, eps: number) =>
  v === undefined ? 0 : Math.log(Math.max(v, 0) + eps) - Math.log(eps);

/**
 * The vector for one diagnosed run. `scores` are the rule scores; the curves come from measure().
 */
export function featureVector(ctx: Ctx, scores: RuleScores): Float64Array {
  const { a, evidence: e } = ctx;
  const n = a.x.length;
  const f: Record<string, number> = Object.fromEntries(FEATURE_NAMES.map((k) => [k, 0]));
  f.rule_overfitting = scores.overfitting;
  f.rule_high_variance = scores.high_variance;
  f.rule_underfitting = scores.underfitting;
  f.rule_unstable = scores.unstable;
  f.log_points = Math.log(Math.max(n, 1));
  f.has_val = a.hasVal ? 1 : 0;
  f.has_train = a.hasTrain ? 1 : 0;
  const curves = ctx.curves;
  if (curves && n >= 2) {
    const { V, T, Tfull } = curves;
    const trainCurve = T ?? Tfull;
    if (a.hasVal) {
      f.best_fraction = e.best_fraction ?? 0;
      f.val_rise = asinh((e.val_rise_after_best ?? 0) * 10);
      f.val_rise_in_noise = asinh(e.val_rise_in_noise ?? 0);
      f.val_rise_t = asinh(e.val_rise_t ?? 0);
      f.val_improvement_last_quarter = asinh((e.val_improvement_last_quarter ?? 0) * 10);
      f.val_total_improvement = asinh((e.val_total_improvement ?? 0) * 5);
      f.log_val_volatility = logRatio(e.val_volatility, 1e-3);
      f.direction_changes_val = e.direction_changes_val ?? 0;
      f.val_log_jump = V.logJump;
      f.val_max_jump = maxJump(V.raw);
      f.val_shape_early_share = earlyShare(V);
      f.val_trend_t = asinh(trendT(V.raw) / 3);
      f.val_second_half_drop = asinh(halfDrop(V) * 10);
      f.val_rebound_range = reboundRange(V);
      resample(V, 8).forEach((v, i) => (f[`val_at_${i + 1}`] = v));
      const half = Math.floor(n / 2);
      f.val_noise_early = logRatio(relNoiseOf(V.raw.slice(0, half)), 1e-3);
      f.val_noise_late = logRatio(relNoiseOf(V.raw.slice(half)), 1e-3);
    }
    if (a.hasTrain && trainCurve) {
      f.train_improvement_last_quarter = asinh((e.train_improvement_last_quarter ?? 0) * 10);
      f.train_total_improvement = asinh((e.train_total_improvement ?? 0) * 5);
      f.log_train_volatility = logRatio(e.train_volatility, 1e-3);
      f.direction_changes_train = dirChanges(trainCurve.raw);
      f.train_log_jump = trainCurve.logJump;
      f.train_max_jump = maxJump(trainCurve.raw);
      f.train_shape_early_share = earlyShare(trainCurve);
      f.train_trend_t = asinh(trendT(trainCurve.raw) / 3);
      f.train_second_half_drop = asinh(halfDrop(trainCurve) * 10);
      resample(trainCurve, 8).forEach((v, i) => (f[`train_at_${i + 1}`] = v));
    }
    if (a.hasVal && a.hasTrain && T) {
      f.train_drop_after_best = asinh((e.train_drop_after_best ?? 0) * 5);
      f.gap_ratio_last = asinh(e.gap_ratio_last ?? 0);
      f.gap_ratio_at_best = asinh(e.gap_ratio_at_best ?? 0);
      f.gap_trend = asinh((e.gap_trend ?? 0) * 3);
      f.log_gap_end = V.last > 0 && T.last > 0 ? Math.log(V.last / T.last) : 0;
      f.val_below_train_fraction = e.val_below_train_fraction ?? 0;
      f.log_val_noise_vs_train = Math.log(Math.max(e.val_noise_vs_train ?? 1, 1e-3));
      for (let i = 0; i < 4; i++) {
        const at = Math.round(((n - 1) * (i + 1)) / 4);
        const v = V.levelAt(at);
        const t = T.levelAt(at);
        f[`gap_at_${i + 1}`] = v > 0 && t > 0 ? Math.log(v / t) : asinh((v - t) / Math.max(Math.abs(t), 1e-12));
      }
    }
    f.spike_fraction = (e.spike_count ?? 0) / Math.max(n, 1);
    f.log_growth = e.growth_factor !== undefined ? asinh(Math.log(Math.max(e.growth_factor, 1e-6))) : 0;
    f.chance_distance = chanceDistance(ctx);
  }
  if (e.metric_train_last !== undefined || e.metric_val_last !== undefined) {
    f.has_metric = 1;
    f.metric_gap = asinh((e.metric_gap_last ?? 0) * 10);
    f.metric_above_chance = metricAboveChance(ctx);
  }
  const out = new Float64Array(FEATURE_NAMES.length);
  FEATURE_NAMES.forEach((k, i) => {
    const v = f[k];
    out[i] = Number.isFinite(v) ? Math.max(-CLIP, Math.min(CLIP, v)) : 0;
  });
  return out;
}

/** The largest one-point jump above the calm level before it, as log(y / median of the 3 before); 0 for curves that are not positive. */
function maxJump(y: number[]): number {
  if (y.length < 5 || !y.every((v) => v > 0)) return 0;
  let best = 0;
  for (let i = 3; i < y.length; i++) {
    const m = median(y.slice(i - 3, i));
    if (m > 0) best = Math.max(best, Math.log(y[i] / m));
  }
  return Math.min(best, 20);
}

/** Share of the whole fall that happened in the first quarter: ~1 for an exponential-like fall that
 * flattens, ~0.25 for a straight line (a learning rate far too small), meaningless (0) when it did not fall. */
function earlyShare(c: Curve): number {
  const n = c.raw.length;
  if (n < 8) return 0;
  const q = Math.floor((n - 1) / 4);
  const start = c.levelAt(0, R.START_LEVEL_POINTS);
  const total = start - c.last;
  if (!(total > 0) || total < Math.abs(start) * 1e-3) return 0;
  return Math.max(-1, Math.min(2, (start - c.levelAt(q)) / total));
}

/** How far val came back up from its minimum, against how far it fell to it (0 = no rise, 1 = all the way back). */
function reboundRange(V: Curve): number {
  const fell = V.s[0] - V.min;
  if (!(fell > 0)) return V.last > V.min ? 1 : 0;
  return Math.max(0, Math.min(3, (V.last - V.min) / fell));
}

function dirChanges(y: number[]): number {
  let changes = 0;
  let steps = 0;
  let prev = 0;
  for (let i = 1; i < y.length; i++) {
    const d = Math.sign(y[i] - y[i - 1]);
    if (d === 0) continue;
    if (prev !== 0) {
      steps++;
      if (d !== prev) changes++;
    }
    prev = d;
  }
  return steps ? changes / steps : 0;
}

/** Distance of the monitored loss's tail from the nearest ln(K) (relative), mapped so 1 = at chance, 0 = far. */
function chanceDistance(ctx: Ctx): number {
  if (ctx.pair.inverted) return 0;
  const c = ctx.curves!;
  const lvl = ctx.a.hasVal ? c.V.last : (c.T ?? c.Tfull ?? c.V).last;
  if (!(lvl > 0)) return 0;
  let best = Infinity;
  for (const k of R.CHANCE_CLASS_COUNTS) best = Math.min(best, Math.abs(lvl - Math.log(k)) / Math.log(k));
  return Math.max(0, 1 - best / 0.1);
}

/** Final val (or train) accuracy above chance, as a share of the way from chance to perfect (accuracy-like metrics in [0, 1] only). */
function metricAboveChance(ctx: Ctx): number {
  const e = ctx.evidence;
  const s = ctx.metric.val ?? ctx.metric.train;
  const v = e.metric_val_last ?? e.metric_train_last;
  if (!s || s.kind === 'error' || v === undefined || v < 0 || v > 1) return 0;
  const chance = e.chance_level ?? impliedChance(ctx);
  return Math.max(-1, Math.min(1, (v - chance) / Math.max(1 - chance, 1e-6)));
}

/** 1/K when the loss started within 15% of ln(K) for a class count K (a uniform guess), else 0.5. */
function impliedChance(ctx: Ctx): number {
  const c = ctx.curves;
  const first = c ? (c.T ?? c.Tfull ?? c.V).levelAt(0, R.START_LEVEL_POINTS) : NaN;
  if (!(first > 0)) return 0.5;
  let best = 0.5;
  let bestDist = 0.15;
  for (const k of R.CHANCE_CLASS_COUNTS) {
    const d = Math.abs(first - Math.log(k)) / Math.log(k);
    if (d < bestDist) {
      bestDist = d;
      best = 1 / k;
    }
  }
  return best;
}

/** The curve's level at k evenly spaced points after its start, as log(level / start) (or the relative change when not positive). */
function resample(c: Curve, k: number): number[] {
  const n = c.raw.length;
  const start = c.levelAt(0, R.START_LEVEL_POINTS);
  const out: number[] = [];
  for (let i = 1; i <= k; i++) {
    const v = c.levelAt(Math.round(((n - 1) * i) / k));
    out.push(start > 0 && v > 0 ? Math.log(v / start) : asinh((v - start) / Math.max(Math.abs(start), 1e-12)));
  }
  return out;
}

/** Relative jitter of a stretch: median |second difference of log y| (of y over its level when not positive). */
function relNoiseOf(y: number[]): number {
  if (y.length < 4) return 0;
  const positive = y.every((v) => v > 0);
  const z = positive ? y.map(Math.log) : y;
  const d2: number[] = [];
  for (let i = 1; i < z.length - 1; i++) d2.push(Math.abs(z[i + 1] - 2 * z[i] + z[i - 1]));
  const level = median(y.map(Math.abs)) || 1e-12;
  return positive ? median(d2) / 1.65 : median(d2) / 1.65 / level;
}
