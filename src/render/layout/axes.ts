/**
 * The y axis of a panel: linear or log (a log axis for losses spanning decades, for step lr decays),
 * a fixed axis for values near the bottom of doubles, the lr strip from 0, and headroom above the
 * data for the best-epoch label.
 */
import type { PanelSpec } from '../chart.js';
import { MIN_AXIS_MAGNITUDE, wantsLogScale } from '../data.js';
import { rangeOf, type Prepared } from '../series/prepare.js';

/** Fraction of the data range added above the top panel's data for the best-epoch label. */
const LABEL_HEADROOM = 0.12;
/** A step schedule has at most this many distinct lr values. */
const LR_STEP_LEVELS = 12;

/**
 * The lr strip: log for step decays (1e-3 -> 1e-4 -> 1e-5: few distinct values spanning a decade
 * or more), linear from 0 for smooth schedules (cosine, linear decay, warm-up), where a log axis
 * would be all tail.
 */
function lrWantsLog(min: number, max: number, levels: number): boolean {
  return min >= MIN_AXIS_MAGNITUDE && max / min >= 10 && max / min <= 1e6 && levels <= LR_STEP_LEVELS;
}

function distinctLevels(ps: Prepared[]): number {
  const seen = new Set<number>();
  for (const p of ps)
    for (const q of p.raw.points) if (q.y !== null && seen.add(q.y).size > LR_STEP_LEVELS) return seen.size;
  return seen.size;
}

/** v rounded up to two significant digits (an axis maximum that reads well). */
function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const step = Math.pow(10, Math.floor(Math.log10(v)) - 1);
  if (!(step > 0) || !Number.isFinite(step)) return v; // 10^-324 underflows to 0
  return Number((Math.ceil(v / step) * step).toPrecision(2));
}

export type YAxis = Pick<PanelSpec, 'logScale' | 'ySuggestedMax' | 'yMin' | 'yMax'>;

/**
 * The y axis for a panel's prepared lines. `labelAbove`: the best-epoch label is drawn at the top
 * of this panel, so the axis gets headroom above the data for it.
 */
export function yAxisFor(kind: PanelSpec['kind'], ps: Prepared[], labelAbove: boolean): YAxis {
  const r = rangeOf(ps);
  // values all near the bottom of doubles (|v| < 1e-250 but not 0): a fixed, flat axis (see MIN_AXIS_MAGNITUDE)
  const mag = Math.max(Math.abs(r.min), Math.abs(r.max));
  const flat = mag > 0 && mag < MIN_AXIS_MAGNITUDE;
  const lrLog = kind === 'lr' && lrWantsLog(r.min, r.max, distinctLevels(ps));
  const logScale = kind === 'lr' ? lrLog : wantsLogScale(r.min, r.max, r.minPositive);
  // headroom above the data for the best-epoch label, so it does not sit on the curves
  const headroom = labelAbove ? LABEL_HEADROOM : 0;
  const ySuggestedMax =
    headroom > 0 && Number.isFinite(r.max) && Number.isFinite(r.min)
      ? logScale
        ? r.max * Math.pow(r.max / r.minPositive, headroom)
        : r.max + (r.max - r.min || Math.abs(r.max) || 1) * headroom
      : undefined;
  return {
    ySuggestedMax,
    logScale,
    ...(flat
      ? { yMin: r.min >= 0 ? 0 : -1, yMax: 1 }
      : kind === 'lr' && !lrLog && r.min >= 0 && r.max > 0
        ? { yMin: 0, yMax: niceCeil(r.max * 1.15) }
        : {}),
  };
}
