/**
 * Data preparation for charts: EMA smoothing, extreme-preserving downsampling, log-scale choice.
 * Pure functions over plain arrays; no canvas here.
 */

/** TensorBoard's default smoothing weight. */
export const DEFAULT_SMOOTHING = 0.6;
/** Each plotted series is reduced to at most about this many points (min+max per bucket). */
export const MAX_PLOT_POINTS = 2000;
/** Below this many finite points we do not smooth: the raw series is drawn bold with point markers. */
export const MIN_POINTS_TO_SMOOTH = 50;
/** Use a log y axis when the finite positive values span more than this many decades. */
export const LOG_SCALE_DECADES = 2;

/** A plotted point; y null is a gap (a NaN / Infinity in the log). */
export interface PlotPoint {
  x: number;
  y: number | null;
}

/**
 * The smoothing weight actually applied to a series of n points. TensorBoard's weight is per point,
 * which makes a 1M-step log look unsmoothed at 0.6. We define the weight per *plotted* point: when a
 * series is longer than MAX_PLOT_POINTS the weight is raised so that one plotted point's worth of
 * samples decays by `weight`, i.e. w_eff = w^(MAX_PLOT_POINTS / n). For n <= MAX_PLOT_POINTS it is
 * exactly `weight`.
 */
export function effectiveWeight(weight: number, n: number, maxPoints = MAX_PLOT_POINTS): number {
  if (!(weight > 0)) return 0;
  const w = Math.min(weight, 0.999);
  if (n <= maxPoints) return w;
  return Math.pow(w, maxPoints / n);
}

/**
 * Debiased exponential moving average as TensorBoard computes it. Non-finite inputs give NaN at
 * that position and do not disturb the running average.
 */
export function ema(y: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(y.length);
  if (!(weight > 0)) {
    for (let i = 0; i < y.length; i++) out[i] = Number.isFinite(y[i]) ? y[i] : NaN;
    return out;
  }
  let last = 0;
  let debias = 1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      out[i] = NaN;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    debias *= weight;
    const d = 1 - debias;
    out[i] = d > 0 ? last / d : v;
  }
  return out;
}

export interface Downsampled {
  points: PlotPoint[];
  /** x of every non-finite input value (all of them, in order) */
  nonFiniteX: number[];
  /** finite extremes of the input */
  min: number;
  max: number;
  /** smallest finite value > 0 (for the log-scale decision), Infinity if none */
  minPositive: number;
}

/**
 * Min-max bucketing: the input is cut into at most maxPoints/2 buckets of consecutive points and
 * each bucket contributes its minimum and its maximum (in x order), so spikes and dips survive.
 * A bucket holding a non-finite value also contributes a gap point at the first such x, so NaN
 * positions stay visible as breaks in the line. Short series pass through unchanged.
 */
export function downsample(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = MAX_PLOT_POINTS): Downsampled {
  const n = Math.min(x.length, y.length);
  const nonFiniteX: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  const points: PlotPoint[] = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
        if (v > 0 && v < minPositive) minPositive = v;
        points.push({ x: x[i], y: v });
      } else {
        nonFiniteX.push(x[i]);
        points.push({ x: x[i], y: null });
      }
    }
    return { points, nonFiniteX, min, max, minPositive };
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = n / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    let iMin = -1;
    let iMax = -1;
    let iGap = -1;
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (Number.isFinite(v)) {
        if (iMin < 0 || v < y[iMin]) iMin = i;
        if (iMax < 0 || v > y[iMax]) iMax = i;
        if (v > 0 && v < minPositive) minPositive = v;
      } else {
        nonFiniteX.push(x[i]);
        if (iGap < 0) iGap = i;
      }
    }
    if (iMin >= 0) {
      if (y[iMin] < min) min = y[iMin];
      if (y[iMax] > max) max = y[iMax];
    }
    // emit in index order: min, max and gap, deduplicated
    const idx = [iMin, iMax, iGap].filter((i, k, a) => i >= 0 && a.indexOf(i) === k).sort((a, b) => a - b);
    for (const i of idx) points.push({ x: x[i], y: i === iGap ? null : y[i] });
  }
  return { points, nonFiniteX, min, max, minPositive };
}

/** True when finite values are all positive and span more than LOG_SCALE_DECADES decades. */
/**
 * Axis values below this in size are drawn on a fixed axis (never a log one): chart.js's tick loops
 * never end on ranges near the bottom of doubles (found by the render fuzz: an lr of 2.5e-323 hung).
 */
export const MIN_AXIS_MAGNITUDE = 1e-250;

export function wantsLogScale(min: number, max: number, minPositive: number, decades = LOG_SCALE_DECADES): boolean {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min <= 0) return false;
  if (!Number.isFinite(minPositive) || !(minPositive >= MIN_AXIS_MAGNITUDE)) return false;
  return Math.log10(max / minPositive) > decades;
}

/**
 * Thin a sorted list of x positions so that no two are closer than minGap (keeps the first of each
 * cluster), capped at maxCount. Used for NaN and spike markers on long logs.
 */
export function thinMarks(xs: readonly number[], minGap: number, maxCount = 400): number[] {
  let ascending = true;
  for (let i = 1; i < xs.length && ascending; i++) if (!(xs[i] >= xs[i - 1])) ascending = false;
  const sorted = ascending ? xs : [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length === 0 || v - out[out.length - 1] >= minGap) out.push(v);
    if (out.length >= maxCount) break;
  }
  return out;
}

/** Binary search: the value of (x, y) at the x nearest to target (finite y only), or undefined. */
export function valueAt(x: ArrayLike<number>, y: ArrayLike<number>, target: number): number | undefined {
  let lo = 0;
  let hi = x.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  let best = lo;
  if (lo > 0 && Math.abs(x[lo - 1] - target) < Math.abs(x[lo] - target)) best = lo - 1;
  const v = y[best];
  return Number.isFinite(v) ? v : undefined;
}
