/**
 * Chance level, the underfitting scorer's features: a loss flat at ln(K) (what a K-class uniform guess
 * scores), a loss that started at ln(K) and barely left it, and how far the accuracy moved over the run.
 * Thresholds: "underfitting" in rules.ts; why ln(K): docs/diagnosis.md#chance-level.
 */
import type { Ctx } from '../types.js';
import * as R from '../rules.js';
import { DIV_FLOOR, maxOf, median, minOf } from '../stats.js';

/** How far the train accuracy moved: end level against start level (medians of the first and last ACC_RANGE_WINDOW of points); Infinity when unknown. */
export function accRange(ctx: Ctx): number {
  const s = ctx.metric.train;
  if (!s) return Infinity;
  const ys = s.y.filter(Number.isFinite);
  if (ys.length < R.ACC_RANGE_MIN_POINTS) return Infinity;
  const k = Math.max(2, Math.round(ys.length * R.ACC_RANGE_WINDOW));
  return Math.abs(median(ys.slice(-k)) - median(ys.slice(0, k)));
}

/** Loss at ln(K) and flat over the second half (docs/diagnosis.md#chance-level): the sentence, or undefined.
 * Records the chance accuracy 1/K in the evidence (`chance_level`). */
export function chanceLevel(ctx: Ctx): string | undefined {
  const { a, evidence: e } = ctx;
  if (ctx.pair.inverted) return undefined;
  const y = a.hasVal ? a.v : a.t;
  const n = y.length;
  if (n < R.MIN_POINTS) return undefined;
  const half = y.slice(Math.floor(n / 2));
  const lvl = median(half);
  const range = (maxOf(half) - minOf(half)) / Math.max(Math.abs(lvl), DIV_FLOOR);
  if (range > R.FLAT_LOSS_RANGE * R.CHANCE_FLAT_SLACK) return undefined;
  for (const k of R.CHANCE_CLASS_COUNTS) {
    const lnk = Math.log(k);
    if (Math.abs(lvl - lnk) / lnk <= R.CHANCE_LOSS_TOLERANCE) {
      const accNote =
        e.metric_val_last !== undefined ? ` and accuracy ${Number(e.metric_val_last.toPrecision(3))}` : '';
      e.chance_level = Number((1 / k).toPrecision(3));
      return `The loss sits at ${Number(lvl.toPrecision(4))} ≈ ln(${k}) = ${lnk.toFixed(3)}, flat${accNote}: the output is what a ${k}-class guess gives (chance level).`;
    }
  }
  return undefined;
}

/** Loss began at ln(K) of a common class count and is still near it: barely trained (corpus: EuroSAT at ln 10). */
export function startedAtChance(ctx: Ctx): string | undefined {
  const { a } = ctx;
  if (ctx.pair.inverted) return undefined;
  const y = a.hasTrain ? a.t : a.v;
  if (y.length < R.MIN_POINTS) return undefined;
  const first = y[0];
  // the end: median of the last two points
  const last = median(y.slice(-2));
  for (const k of R.COMMON_CLASS_COUNTS) {
    const lnk = Math.log(k);
    if (Math.abs(first - lnk) / lnk <= R.START_CHANCE_TOLERANCE && last / lnk >= R.STILL_NEAR_CHANCE) {
      return `The loss started at ${Number(first.toPrecision(4))} ≈ ln(${k}) (a uniform guess over ${k} classes) and is still ${Math.round((100 * last) / lnk)}% of it: barely trained.`;
    }
  }
  return undefined;
}
