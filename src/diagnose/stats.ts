/** Small robust statistics over plain arrays. Non-finite values must be filtered by the caller. */

import { median } from '../util/median.js';

export { median };

export function mean(a: number[]): number {
  if (a.length === 0) return NaN;
  let t = 0;
  for (const v of a) t += v;
  return t / a.length;
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : Number.isFinite(v) ? v : 0;
}

/** Linear ramp: 0 at lo, 1 at hi. */
export function ramp(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return v > 0 ? 1 : 0;
  return clamp01((v - lo) / (hi - lo));
}

export function oddWindow(n: number, fraction: number, min: number, max: number): number {
  let w = Math.round(n * fraction);
  w = Math.max(min, Math.min(max, w));
  if (w % 2 === 0) w += 1;
  return w;
}

/** Centred rolling median (shrinking at the edges): robust to single-epoch spikes. */
export function rollingMedian(y: number[], w: number): number[] {
  const h = w >> 1;
  const out = new Array<number>(y.length);
  for (let i = 0; i < y.length; i++) {
    const lo = Math.max(0, i - h);
    const hi = Math.min(y.length, i + h + 1);
    out[i] = median(y.slice(lo, hi));
  }
  return out;
}

/** Centred moving average (shrinking at the edges). */
export function movingAverage(y: number[], w: number): number[] {
  const h = w >> 1;
  const out = new Array<number>(y.length);
  const prefix = new Float64Array(y.length + 1);
  for (let i = 0; i < y.length; i++) prefix[i + 1] = prefix[i] + y[i];
  for (let i = 0; i < y.length; i++) {
    const lo = Math.max(0, i - h);
    const hi = Math.min(y.length, i + h + 1);
    out[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
  }
  return out;
}

/** Median then mean: keeps the trend, drops spikes and most jitter. */
export function smooth(y: number[], w: number): number[] {
  if (w <= 1 || y.length < 3) return [...y];
  return movingAverage(rollingMedian(y, w), w);
}

/** Median absolute deviation scaled to a normal sigma. */
export function robustSigma(residuals: number[]): number {
  const abs = residuals.map(Math.abs);
  return 1.4826 * median(abs);
}

/** t statistic of a straight line through a whole curve against its index (negative: falling); 0 under 4 points. */
export function trendT(y: number[]): number {
  if (y.length < 4) return 0;
  return slopeT(
    y.map((_, i) => i),
    y,
  ).t;
}

/** Least-squares slope and its t statistic. */
export function slopeT(x: number[], y: number[]): { slope: number; t: number } {
  const n = x.length;
  if (n < 3) return { slope: 0, t: 0 };
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx === 0) return { slope: 0, t: 0 };
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - my - slope * (x[i] - mx)) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  return { slope, t: se === 0 ? (slope === 0 ? 0 : Math.sign(slope) * 1e6) : slope / se };
}

/** Fraction of interior points where the direction of change reverses. */
export function directionChanges(y: number[]): number {
  if (y.length < 3) return 0;
  let changes = 0;
  let prev = 0;
  let counted = 0;
  for (let i = 1; i < y.length; i++) {
    const d = Math.sign(y[i] - y[i - 1]);
    if (d === 0) continue;
    if (prev !== 0) {
      counted++;
      if (d !== prev) changes++;
    }
    prev = d;
  }
  return counted === 0 ? 0 : changes / counted;
}

/** Max and min without spreading (a spread of a million values overflows the stack). */
export function maxOf(a: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}
export function minOf(a: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
}

/**
 * Average consecutive points into at most `max` buckets (x = the bucket's last x). Per-step logs with
 * hundreds of thousands of points are read at this resolution, like epoch averages.
 */
export function bucketMean(x: number[], y: number[], max: number): { x: number[]; y: number[] } {
  const n = x.length;
  if (n <= max) return { x, y };
  const bx: number[] = [];
  const by: number[] = [];
  for (let b = 0; b < max; b++) {
    const lo = Math.floor((b * n) / max);
    const hi = Math.floor(((b + 1) * n) / max);
    if (hi <= lo) continue;
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += y[i];
    bx.push(x[hi - 1]);
    by.push(sum / (hi - lo));
  }
  return { x: bx, y: by };
}

/** Floor of a denominator: keeps a relative change finite when the level it divides by is exactly 0
 * (far below the scale of any real loss, so it never changes a ratio that is defined). */
export const DIV_FLOOR = 1e-12;
