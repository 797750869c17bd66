/**
 * Overfitting: val reached a minimum and climbed out of it while train kept improving (the minimum-then-rise
 * rule), or val went flat while train kept falling and the gap widened (the widening-gap rule). The rise
 * must stand out of val's noise and matter against how far val fell first. Thresholds: "overfitting" in rules.ts.
 */
import * as R from '../rules.js';
import { halfDrop } from '../features.js';
import { besideOrNone } from './held-out.js';
import { gapOfValStart, valNoisy } from './high-variance.js';
import { DIV_FLOOR, median, minOf, ramp } from '../stats.js';
import { relativeGap } from '../measure.js';
import {
  at,
  change,
  count,
  curvesOf,
  endX,
  gapAtEnd,
  moved,
  num,
  pct,
  say,
  stat,
  trainLearned,
  value,
  type Scoring,
} from './scoring.js';

export function scoreOverfitting(s: Scoring): void {
  if (!s.a.hasVal) return;
  scoreMinimumThenRise(s);
  scoreWideningGap(s);
  scoreWideGap(s);
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
  s.valRise = riseEvidence(s);
  const over =
    s.valRise *
    (R.OVERFIT_TRAIN_DROP_BASE + R.OVERFIT_TRAIN_DROP_SHARE * trainDrop) *
    (a.hasTrain ? trainLearned(s) : R.OVERFIT_NO_TRAIN_FACTOR);
  if (over > R.REASON_MIN_SCORE) say(s, 'overfitting', riseSentence(s));
  s.scores.overfitting = over;
  s.overRise = over;
}

/** The minimum and the rise after it, in the file's values; when the file's best point is its last one (a
 * final dip), the smoothed minimum and rise that drove the rule, said as such. */
function riseSentence(s: Scoring): string {
  const { a, e, q } = s;
  const { V } = curvesOf(s);
  const bx = e.best_x;
  const lx = endX(s, 'val');
  const noise = `${stat(q, 'val_rise_in_noise', e.val_rise_in_noise, 'num')}x its noise`;
  const train = (from: number, to: number | undefined) =>
    a.hasTrain && to !== undefined ? `, while ${s.trainName} ${moved(q, 'train', from, to)}` : '';
  if (bx === undefined || lx === undefined || bx >= lx) {
    const sx = a.x[V.argmin];
    return (
      `${s.valName}'s smoothed level ${s.W.bottomed} near ${at(s, sx)} and its last points sit ` +
      `${stat(q, 'val_rise_after_best', e.val_rise_after_best)} ${s.W.higher} (${noise})${train(sx, endX(s, 'train'))}.`
    );
  }
  return (
    `${s.valName} ${s.W.bottomed} at ${value(q, 'val', bx)} (${at(s, bx)}) and ends ${change(q, 'val', bx, lx)} ${s.W.higher} ` +
    `(${value(q, 'val', lx)} at ${at(s, lx)}), ${count(q, 'val', bx, lx)} point(s) later; the rise is ${noise}${train(bx, endX(s, 'train'))}.`
  );
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
  const quiet = 1 - valNoisy(s);
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
      `Over the second half ${s.valName}'s smoothed level stopped improving (${stat(s.q, 'val_second_half_drop', valSecondHalf)}) while ` +
        (s.inv
          ? // measured on errors (1 - accuracy): their shares of train's error, ~0 near 1.0, are no number to show
            `${s.trainName} kept rising (its smoothed error fell ${stat(s.q, 'train_second_half_drop', trainSecondHalf)}); ${gapAtEnd(s)}.`
          : `${s.trainName}'s fell ${stat(s.q, 'train_second_half_drop', trainSecondHalf)}; the smoothed gap grew from ${stat(s.q, 'gap_ratio_mid', (e.gap_ratio_last ?? 0) - trend)} to ${stat(s.q, 'gap_ratio_last', e.gap_ratio_last)} of ${s.trainName}'s level over that half.`),
    );
  }
}

/** A gap too wide for a good fit (rules.ts WIDE_GAP_*): val ends 4x train or more, the gap is large against val's
 * early level, opened during the run and still grew over the second half, whether or not val's own level still moved. */
function scoreWideGap(s: Scoring): void {
  const { a, e, n } = s;
  const { V, T } = curvesOf(s);
  // an accuracy pair's gap is one of errors: near 1.0 their ratio (0.019 against 0.003) is no measure of a gap; two
  // differently named losses (a per-token loss beside a summed val_nll) share no scale; a loss that reaches 0 or below
  // (a log-likelihood) has no ratio that survives a shift; 5 points hold no second half
  if (!(T && a.hasTrain) || s.inv || s.ctx.pair.crossNamed || n < R.PLATEAU_MIN_POINTS) return;
  if (minOf(a.t) <= 0 || minOf(a.v) <= 0) return;
  const ratio = e.gap_ratio_last ?? 0;
  if (ratio < R.WIDE_GAP_RATIO_LO || gapOfValStart(s) < R.HV_ABS_GAP_HI) return;
  const { rel, floor } = relativeGap(T);
  const atStart = rel(V.levelAt(0, R.START_LEVEL_POINTS), T.levelAt(0, R.START_LEVEL_POINTS));
  // a gap the run opened (at most half of it at the start) and that still grew: one there from the first epoch, in
  // proportion all run, is a validation set unlike the training data, not a model that learned its training data
  if (atStart > R.WIDE_GAP_OPENED * ratio || (e.gap_trend ?? 0) < R.WIDENING_GAP_MIN) return;
  // a jumpy val far above train is high variance's to score (its own rule): this one counts a quiet val
  const quiet = 1 - valNoisy(s);
  const wide = R.WIDE_GAP_SCORE * ramp(ratio, R.WIDE_GAP_RATIO_LO, R.WIDE_GAP_RATIO_HI) * trainLearned(s) * quiet;
  if (wide <= s.scores.overfitting) return;
  s.scores.overfitting = wide;
  s.overWide = wide;
  say(s, 'overfitting', wideGapWords(s, ratio, T.last < floor ? floor : undefined));
}

/** "val_loss stays far above loss: it ends at 0.944 against 0.0022 (epoch 100); the smoothed gap is 1209% of loss's
 * level (...), and it grew by 93% of that level over the second half; ...". Below the floor the level is the floor,
 * and the sentence says so: 0.944 against 0.0022 is no 1209%. */
function wideGapWords(s: Scoring, ratio: number, floor: number | undefined): string {
  const lx = endX(s, 'val');
  const ends =
    lx === undefined ? '' : `: it ends at ${value(s.q, 'val', lx)} against ${value(s.q, 'train', lx)} (${at(s, lx)})`;
  const level =
    floor === undefined
      ? `${s.trainName}'s level`
      : `${s.trainName}'s level (taken as ${stat(s.q, 'gap_floor', floor, 'num')}, a twentieth of its smoothed start, once it falls below that)`;
  return `${s.valName} stays far above ${s.trainName}${ends}; the smoothed gap is ${stat(s.q, 'gap_ratio_last', ratio)} of ${level}, and it grew by ${stat(s.q, 'gap_trend', s.e.gap_trend)} of that level over the second half; the model fits its training data far better than it generalises.`;
}

export function overfittingHeadline(s: Scoring): string {
  const { e, q } = s;
  const lx = endX(s, 'val');
  const bx = e.best_x;
  // a validation curve alone (CatBoost's test_error.tsv, a val_loss.txt) says nothing of training's; a held-out
  // score beside a training loss quotes what the loss did meanwhile (scorers/held-out.ts)
  const late = bx !== undefined && lx !== undefined && bx < lx;
  const alone = s.a.hasTrain ? undefined : late ? besideOrNone(s, bx, lx) : besideOrNone(s);
  // without a training curve only the rise can have made it overfitting (the widening gap needs one): say the rise
  // whenever the best point came before the end, however far the missing training curve capped its score
  if ((s.overRise < R.VERDICT_MIN_SCORE && s.a.hasTrain) || !late) {
    if (alone) return `Overfitting: ${s.valName} stopped improving${alone}.`;
    // the wide gap holds whether or not val's own level still moves: say the gap, not that val stopped
    if (s.overWide > 0 && s.overWide >= s.scores.overfitting)
      return `Overfitting: ${s.valName} stays far above ${s.trainName}, and the gap keeps widening${endGap(s)}.`;
    return `Overfitting: ${s.valName} stopped improving while ${s.trainName} kept ${s.W.falling}; the gap to ${s.trainName} keeps widening${endGap(s)}.`;
  }
  return `Overfitting: ${s.valName} was best at ${at(s, bx)} (${value(q, 'val', bx)}) and ${s.W.rose} ${change(q, 'val', bx, lx)} after it${alone ?? ` while ${s.trainName} kept ${s.W.falling}`}.`;
}

/** " (at epoch 59: val_loss 0.608, loss 0.0434)": both curves' last values in the file. */
function endGap(s: Scoring): string {
  const lx = endX(s, 'val');
  const tx = endX(s, 'train');
  if (lx === undefined || tx === undefined) return '';
  return ` (at ${at(s, lx)}: ${s.valName} ${value(s.q, 'val', lx)}, ${s.trainName} ${value(s.q, 'train', lx)})`;
}

export function overfittingFallback(s: Scoring): string {
  const { e, q, trainName } = s;
  const bx = e.best_x;
  const lx = endX(s, 'val');
  if (!s.a.hasVal)
    return `${trainName} keeps falling (its smoothed level fell ${stat(q, 'train_total_improvement', e.train_total_improvement)}).`;
  if (bx === undefined || lx === undefined || bx >= lx)
    return s.a.hasTrain
      ? `${s.valName} is best at its last point (${at(s, lx)}), yet the gap to ${trainName} is wide${endGap(s)}.`
      : `${s.valName} is best at its last point (${at(s, lx)})${besideOrNone(s)}.`;
  return `${s.valName} was best at ${at(s, bx)} (${value(q, 'val', bx)}) and ends ${change(q, 'val', bx, lx)} ${s.W.higher}${endGap(s)}${
    s.a.hasTrain
      ? `; ${trainName} ${moved(q, 'train', bx, lx)} after that point`
      : s.ctx.beside
        ? besideOrNone(s, bx, lx, 'after that point')
        : ''
  }.`;
}
