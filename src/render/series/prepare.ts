/**
 * From series to plottable lines: each run's piece downsampled and smoothed on its own, the pieces
 * joined with a gap between them, and the ranges (x step, y extremes) the axes are chosen from.
 */
import type { LineSpec } from '../chart.js';
import { MAX_PLOT_POINTS, MIN_POINTS_TO_SMOOTH, downsample, effectiveWeight, ema, type Downsampled } from '../data.js';
import type { Segment } from './runs.js';

export interface Prepared {
  raw: Downsampled;
  smooth?: Downsampled;
  segments: Segment[];
}

/** Concatenate downsampled segments with a gap point between them (runs are not connected). */
function concatDownsampled(parts: Downsampled[]): Downsampled {
  if (parts.length === 1) return parts[0];
  const points: Downsampled['points'] = [];
  const nonFiniteX: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  parts.forEach((p, i) => {
    if (i > 0 && p.points.length > 0 && points.length > 0)
      points.push({ x: (points[points.length - 1].x + p.points[0].x) / 2, y: null });
    for (const q of p.points) points.push(q);
    for (const x of p.nonFiniteX) nonFiniteX.push(x);
    min = Math.min(min, p.min);
    max = Math.max(max, p.max);
    minPositive = Math.min(minPositive, p.minPositive);
  });
  return { points, nonFiniteX, min, max, minPositive };
}

/**
 * Downsample each segment (budget shared by length) and smooth each one separately: an EMA must
 * not carry one run's values into the next.
 */
export function prepare(segments: Segment[], smoothing: number): Prepared {
  const total = segments.reduce((t, g) => t + g.y.length, 0);
  const budget = (g: Segment) => Math.max(16, Math.floor((MAX_PLOT_POINTS * g.y.length) / Math.max(1, total)));
  const raw = concatDownsampled(segments.map((g) => downsample(g.x, g.y, budget(g))));
  let finite = 0;
  for (const g of segments)
    for (let i = 0; i < g.y.length && finite < MIN_POINTS_TO_SMOOTH; i++) if (Number.isFinite(g.y[i])) finite++;
  if (smoothing <= 0 || finite < MIN_POINTS_TO_SMOOTH) return { raw, segments };
  const w = effectiveWeight(smoothing, total);
  const smooth = concatDownsampled(segments.map((g) => downsample(g.x, ema(g.y, w), budget(g))));
  return { raw, smooth, segments };
}

export function lineOf(label: string, color: string, p: Prepared, extra: Partial<LineSpec> = {}): LineSpec {
  return { label, color, raw: p.raw, smooth: p.smooth?.points, inLegend: true, ...extra };
}

/** Typical x spacing of the first plotted series. */
export function typicalStep(ps: Prepared[]): number {
  for (const p of ps)
    for (const g of p.segments) if (g.x.length > 1) return (g.x[g.x.length - 1] - g.x[0]) / (g.x.length - 1);
  return 1;
}

export function rangeOf(ps: Prepared[]): { min: number; max: number; minPositive: number } {
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  for (const p of ps) {
    min = Math.min(min, p.raw.min);
    max = Math.max(max, p.raw.max);
    minPositive = Math.min(minPositive, p.raw.minPositive);
  }
  return { min, max, minPositive };
}
