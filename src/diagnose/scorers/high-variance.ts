/**
 * High variance: val jumps around its own trend (and much more than train does) and stays far above
 * train, or never improved while train did, without coming down steadily. Thresholds: "high variance"
 * in rules.ts.
 */
import * as R from '../rules.js';
import { halfDrop } from '../features.js';
import { DIV_FLOOR, ramp } from '../stats.js';
import { curvesOf, endX, moved, say, startX, stat, trainLearned, value, at, type Scoring } from './scoring.js';

/** Val's jitter around its own trend as evidence of variance (0..1). */
export function valNoisy(s: Scoring): number {
  return ramp(curvesOf(s).V.relNoise, R.HV_NOISE_LO, R.HV_NOISE_HI);
}

/** The end gap (val - train) as a share of val's first level: a ratio alone explodes near zero loss. */
export function gapOfValStart(s: Scoring): number {
  return (s.e.gap_last ?? 0) / Math.max(Math.abs(curvesOf(s).V.first), DIV_FLOOR);
}

export function scoreHighVariance(s: Scoring): void {
  const { a, e } = s;
  const { V, T } = curvesOf(s);
  if (!(a.hasVal && a.hasTrain && T)) return;
  const vsTrain = ramp(e.val_noise_vs_train ?? 0, R.HV_NOISE_RATIO_LO, R.HV_NOISE_RATIO_HI);
  // the gap must be large as a ratio and against how far val came down (ratios explode near zero loss)
  const gap =
    ramp(e.gap_ratio_last ?? 0, R.HV_GAP_LO, R.HV_GAP_HI) * ramp(gapOfValStart(s), R.HV_ABS_GAP_LO, R.HV_ABS_GAP_HI);
  const stall =
    (e.train_total_improvement ?? 0) > R.HV_STALL_TRAIN && (e.val_total_improvement ?? 0) < R.HV_STALL_VAL ? 1 : 0;
  // a val curve that is still coming down steadily is not "failing to follow" train
  // (a fall within val's own noise is no fall: the halves' levels are medians of a few noisy points)
  const settled = ramp(R.HV_STILL_FALLING + R.HV_NOISE_ALLOWANCE * V.relNoise - halfDrop(V), 0, R.HV_STILL_FALLING);
  const hv = Math.min(valNoisy(s), vsTrain) * Math.max(gap, stall) * trainLearned(s) * settled;
  s.scores.high_variance = hv;
  if (hv > R.REASON_MIN_SCORE) {
    say(
      s,
      'high_variance',
      `${noiseWords(s)}${endValues(s)}${stall ? `; it never improved while ${s.trainName} ${trainRun(s)}` : ''}.`,
    );
  }
}

/** "val_loss jumps 12% around its trend (its noise; 3.1x the training noise)" */
function noiseWords(s: Scoring): string {
  const { e, q } = s;
  return `${s.valName} jumps ${stat(q, 'val_volatility', e.val_volatility)} around its smoothed trend (its noise; ${stat(q, 'val_noise_vs_train', e.val_noise_vs_train, 'num')}x the training noise)`;
}

/** " and ends at 0.81 against loss 0.30 (epoch 59)": both curves' last values in the file. */
function endValues(s: Scoring): string {
  const lx = endX(s, 'val');
  if (lx === undefined || !s.q.train) return '';
  return ` and ends at ${value(s.q, 'val', lx)} against ${s.trainName} ${value(s.q, 'train', lx)} (${at(s, lx)})`;
}

function trainRun(s: Scoring): string {
  const x0 = startX(s, 'train');
  const x1 = endX(s, 'train');
  return x0 === undefined || x1 === undefined ? 'learned' : moved(s.q, 'train', x0, x1);
}

export function highVarianceHeadline(s: Scoring): string {
  return `High variance: ${s.valName} jumps around instead of following ${s.trainName} (its noise is ${stat(s.q, 'val_noise_vs_train', s.e.val_noise_vs_train, 'num')}x the training noise).`;
}

export function highVarianceFallback(s: Scoring): string {
  return `${noiseWords(s)}${endValues(s)}.`;
}
