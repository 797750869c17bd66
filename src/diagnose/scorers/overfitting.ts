/**
 * Overfitting: val reached a minimum and climbed out of it while train kept improving (the minimum-then-rise
 * rule), or val went flat while train kept falling and the gap widened (the widening-gap rule). The rise
 * must stand out of val's noise and matter against how far val fell first. Thresholds: "overfitting" in rules.ts.
 */
import * as R from '../rules.js';
import { halfDrop } from '../features.js';
import { median, ramp } from '../stats.js';
import { at, change, curvesOf, num, pct, say, trainLearned, type Scoring } from './scoring.js';

export function scoreOverfitting(s: Scoring): void {
  if (!s.a.hasVal) return;
  scoreMinimumThenRise(s);
  scoreWideningGap(s);
}

/** How clearly val climbed out of its minimum: large enough and out of the noise, late enough, and large
 * against the fall before it (0..1). */
function riseEvidence(s: Scoring): number {
  const { e, n } = s;
  const { V } = curvesOf(s);
  const rise = e.val_rise_after_best ?? 0;
  // significance: the rise in noise units, or the t statistic of the climb after the minimum
  const z = Math.max(e.val_rise_in_noise ?? 0, e.val_rise_t ?? 0);
  const after = (e.points_after_best ?? 0) / Math.max(n - 1, 1);
  // how far val fell before its minimum, from the median of its early points (a wild first epoch,
  // e.g. val 17.0 before 0.2, must not make every later rise look small); early = the first quarter
  const early = V.raw.slice(0, Math.max(1, Math.min(V.argmin, Math.ceil(n / 4))));
  const fell = median(early) - V.min;
  const rangeRel = V.argmin === 0 || fell <= 0 ? 1 : (V.last - V.min) / fell;
  // a small rise counts when it is far out of the noise (4 epochs in a row up by 1-2% each)
  const riseScore = Math.max(
    Math.min(ramp(rise, R.OVERFIT_RISE_LO, R.OVERFIT_RISE_HI), ramp(z, R.OVERFIT_Z_LO, R.OVERFIT_Z_HI)),
    Math.min(
      ramp(rise, R.OVERFIT_SMALL_RISE_LO, R.OVERFIT_SMALL_RISE_HI),
      ramp(z, R.OVERFIT_CLEAR_Z_LO, R.OVERFIT_CLEAR_Z_HI),
    ),
  );
  return Math.min(
    riseScore,
    ramp(after, R.OVERFIT_AFTER_LO, R.OVERFIT_AFTER_HI),
    // against the fall before it, unless the rise is large in itself (val 0.18 -> 0.43 after 17 -> 0.18)
    // (but not when even that rise is a speck against the fall: 3e-5 -> 1e-4 after 0.46 -> 3e-5 is converged noise)
    Math.max(
      ramp(rangeRel, R.OVERFIT_RANGE_LO, R.OVERFIT_RANGE_HI),
      ramp(rise, R.OVERFIT_LARGE_RISE_LO, R.OVERFIT_LARGE_RISE_HI) *
        ramp(rangeRel, R.OVERFIT_RANGE_FLOOR, R.OVERFIT_RANGE_LO),
    ),
  );
}

/** Val bottomed out and rose while train kept improving after that point. */
function scoreMinimumThenRise(s: Scoring): void {
  const { a, e, n } = s;
  const { V } = curvesOf(s);
  const rise = e.val_rise_after_best ?? 0;
  const trainDrop = a.hasTrain
    ? ramp(e.train_drop_after_best ?? 0, 0, R.OVERFIT_TRAIN_DROP_HI)
    : R.OVERFIT_NO_TRAIN_DROP;
  const over =
    riseEvidence(s) *
    (R.OVERFIT_TRAIN_DROP_BASE + R.OVERFIT_TRAIN_DROP_SHARE * trainDrop) *
    (a.hasTrain ? trainLearned(s) : R.OVERFIT_NO_TRAIN_FACTOR);
  if (over > R.REASON_MIN_SCORE) {
    say(
      s,
      'overfitting',
      `${s.valName} ${s.W.bottomed} at ${num(e.best_val)} (${at(s, e.best_x)}) and ends ${change(s, rise, V.last - V.min)} ${s.W.higher} (${num(e.val_rise_in_noise)}x its noise) ` +
        `${n - 1 - V.argmin} point(s) later${a.hasTrain ? `, while ${s.trainName} improved another ${pct(e.train_drop_after_best)}` : ''}.`,
    );
  }
  s.scores.overfitting = over;
  s.overRise = over;
}

/** The widening gap: val flat over the second half, train still falling, the gap ratio growing. A jumpy flat
 * val is high variance, a quiet one is the gap widening. */
function scoreWideningGap(s: Scoring): void {
  const { a, e } = s;
  const { V, T } = curvesOf(s);
  if (!(T && a.hasTrain)) return;
  const valSecondHalf = halfDrop(V);
  const trainSecondHalf = halfDrop(T);
  const trend = e.gap_trend ?? 0;
  if (!(
    valSecondHalf < R.WIDEN_VAL_FLAT &&
    trainSecondHalf > R.WIDEN_TRAIN_FELL &&
    trend > R.WIDENING_GAP_MIN &&
    (e.gap_ratio_last ?? 0) > R.WIDEN_GAP_RATIO_MIN
  ))
    return;
  const quiet = 1 - ramp(V.relNoise, R.HV_NOISE_LO, R.HV_NOISE_HI);
  const rise = e.val_rise_after_best ?? 0;
  const widen =
    (R.WIDEN_WEIGHT * ramp(trend, R.WIDENING_GAP_MIN, R.WIDENING_GAP_MIN * 4) * trainLearned(s) +
      R.WIDEN_RISE_WEIGHT * ramp(rise, 0, R.WIDEN_RISE_HI)) *
    quiet;
  if (widen > s.scores.overfitting) {
    s.scores.overfitting = widen;
    say(
      s,
      'overfitting',
      `Over the second half ${s.valName} stopped improving (${pct(valSecondHalf)}) while ${s.trainName} fell ${pct(trainSecondHalf)}; ` +
        `the gap ratio grew by ${num(trend)}.`,
    );
  }
}

export function overfittingHeadline(s: Scoring): string {
  const { e } = s;
  if (s.overRise < R.VERDICT_MIN_SCORE) {
    const gap = s.inv ? `${(Math.abs(e.gap_last ?? 0) * 100).toFixed(1)} points` : pct(e.gap_ratio_last);
    return `Overfitting: ${s.valName} stopped improving while ${s.trainName} kept ${s.W.falling === 'falling' ? 'falling' : 'rising'}; the gap to ${s.trainName} keeps widening (now ${gap}).`;
  }
  const c = s.ctx.curves;
  return `Overfitting: ${s.valName} was best at ${at(s, e.best_x)} (${num(e.best_val)}) and ${s.W.rose} ${change(s, e.val_rise_after_best, c ? c.V.last - c.V.min : undefined)} after it while ${s.trainName} kept ${s.W.falling}.`;
}

export function overfittingFallback(s: Scoring): string {
  const { e, trainName } = s;
  return s.a.hasVal
    ? `${s.valName} was best at ${at(s, e.best_x)} (${num(e.best_val)}) and ends ${pct(e.val_rise_after_best)} above it, while ${trainName} improved ${pct(e.train_drop_after_best)} after that point; the gap to ${trainName} is ${pct(e.gap_ratio_last)}.`
    : `${trainName} keeps falling (${pct(e.train_total_improvement)}).`;
}
