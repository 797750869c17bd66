/**
 * Good fit: what remains when no problem pattern reaches its verdict bar. Its own evidence is positive:
 * val came down and ends near its best (train came down, without val); that weighs the rules' confidence
 * in a good fit. Thresholds: GOOD_* in rules.ts.
 */
import * as R from '../rules.js';
import { ramp } from '../stats.js';
import { pointAt } from '../quote.js';
import {
  at,
  change,
  endX,
  gapAtEnd,
  mainSide,
  moved,
  noTrainingCurve,
  rawEnds,
  startX,
  stat,
  value,
  type Scoring,
} from './scoring.js';

/** Positive evidence of a good fit (0..1): val fell and ends near its best; without val, train fell. */
export function goodFitEvidence(s: Scoring): number {
  const { e } = s;
  return s.a.hasVal
    ? Math.min(
        ramp(e.val_total_improvement ?? 0, 0, R.GOOD_VAL_FELL),
        1 - ramp(e.val_rise_after_best ?? 0, R.GOOD_RISE_LO, R.GOOD_RISE_HI),
      )
    : ramp(e.train_total_improvement ?? 0, R.GOOD_TRAIN_FELL_LO, R.GOOD_TRAIN_FELL_HI);
}

/** The good-fit score: no problem found (1 - the top problem score), weighed by the positive evidence. */
export function goodFitScore(s: Scoring, topProblem: number): number {
  return (1 - topProblem) * (R.GOOD_BASE + R.GOOD_EVIDENCE_SHARE * goodFitEvidence(s));
}

export function goodFitHeadline(s: Scoring): string {
  const { e, q, trainName } = s;
  const still = s.findings.has('still_improving');
  if (s.a.hasVal && e.best_x !== undefined)
    return `Good fit: ${s.valName} reached ${value(q, 'val', e.best_x)} at ${at(s, e.best_x)} and ${follows(s)}${still ? '; still improving' : ''}.`;
  // a GAN's discriminator and generator (adversarial.ts): their sum may rise or hold, and that is the two in balance
  // a GAN judged on its samples' score (gan.ts): logged during training, but no training loss
  // a held-out score without a held-out loss (held-out.ts): no gap to measure, but the score itself was read
  const score = s.ctx.metric.val && !s.ctx.pair.val ? s.ctx.metric.val : undefined;
  const what = s.adversarial
    ? "a GAN's losses in balance"
    : s.ctx.pair.ganQuality
      ? "judged on the generator's samples"
      : score
        ? 'no validation loss'
        : 'train only';
  const held = s.ctx.heldOutFit ? `; ${s.ctx.heldOutFit.key} ends near its best` : '';
  return `Good fit (${what}): ${trainMove(s)}${still ? ` and is still ${s.W.falling}` : ''}${held}.`;
}

/**
 * "tracks loss", or when the gap is wide (GOOD_TRACKS_GAP) "stays above loss (the smoothed gap is 177% of
 * loss)". An accuracy pair is judged on the accuracies themselves (GOOD_TRACKS_ACC_GAP; its relative gap
 * is one of errors, and says "above" where val accuracy is below) and quotes both last values.
 */
function follows(s: Scoring): string {
  const { e, q, trainName } = s;
  if (!s.a.hasTrain) return noTrainingCurve(s);
  if (s.inv) {
    const lx = endX(s, 'val');
    const below = e.gap_last ?? 0; // errors: val - train = train accuracy - val accuracy
    if (lx === undefined || Math.abs(below) <= R.GOOD_TRACKS_ACC_GAP) return `tracks ${trainName}`;
    return `stays ${below > 0 ? 'below' : 'above'} ${trainName} (${value(q, 'val', lx)} against ${value(q, 'train', lx)} at ${at(s, lx)})`;
  }
  const gap = e.gap_ratio_last;
  if (gap === undefined || Math.abs(gap) <= R.GOOD_TRACKS_GAP) return `tracks ${trainName}`;
  if (gap < 0) return `stays below ${trainName}`;
  return `stays above ${trainName} (the smoothed gap is ${stat(q, 'gap_ratio_last', gap)} of ${trainName})`;
}

/**
 * "loss fell 94% (0.941 -> 0.0434)" from the first to the last point of the main curve; or, where the two points
 * go against the smoothed level (GOOD_SMOOTHED_OVER_ENDS), "loss's smoothed level improved 92% (in the file: 2.11
 * at epoch 1, 2.44 at epoch 1003)", or for an accuracy or a reward "rewards's smoothed trend rose (in the file: 113
 * at epoch 0, 65.3 at epoch 119)".
 */
function trainMove(s: Scoring): string {
  const side = mainSide(s);
  const x0 = startX(s, side);
  const x1 = endX(s, side);
  const name = side === 'train' ? s.trainName : s.valName;
  if (x0 === undefined || x1 === undefined) return `${name} has too few points to compare`;
  const imp = s.e.train_total_improvement;
  const series = side === 'train' ? s.q.train : s.q.val;
  const a = series && pointAt(series, x0);
  const b = series && pointAt(series, x1);
  if (imp !== undefined && a && b && Math.abs(imp) >= R.GOOD_SMOOTHED_OVER_ENDS) {
    const endsBetter = s.ctx.pair.inverted ? b.y > a.y : b.y < a.y;
    if (endsBetter !== imp > 0 && b.y !== a.y) {
      // an accuracy's or a reward's improvement is measured on its distance to the top: its direction only
      if (s.ctx.pair.inverted) return `${name}'s smoothed trend ${imp > 0 ? 'rose' : 'fell'}${rawEnds(s, side, imp)}`;
      return `${name}'s smoothed level ${imp > 0 ? 'improved' : 'worsened'} ${stat(s.q, 'train_total_improvement', Math.abs(imp))}${rawEnds(s, side, imp)}`;
    }
  }
  return `${name} ${moved(s.q, side, x0, x1)}`;
}

/** "no validation curve, so generalisation cannot be judged", or, when a validation metric is logged without a
 * validation loss, what it shows: "no validation loss to set against loss (val_accuracy is logged: best 0.916,
 * typical end level 0.831; ...)", and when that score, judged alone, reads as a good fit too (held-out.ts), that it
 * ends near its best. */
function noValCurve(s: Scoring): string {
  const m = s.ctx.metric.val;
  const cannot = ', so generalisation cannot be judged';
  if (!m || s.ctx.pair.val || s.e.metric_val_last === undefined) return `no validation curve${cannot}`;
  const best =
    s.e.metric_val_best === undefined ? '' : `best ${stat(s.q, 'metric_val_best', s.e.metric_val_best, 'num')}, `;
  const levels = `${best}typical end level ${stat(s.q, 'metric_val_last', s.e.metric_val_last, 'num')}`;
  if (s.ctx.heldOutFit === m)
    return `no validation loss to set against ${s.trainName}, but ${m.key}, judged alone, ends near its best (${levels}): it shows no overfitting, though a score alone does not show the gap`;
  return `no validation loss to set against ${s.trainName} (${m.key} is logged: ${levels}; a metric alone does not show the gap)${cannot}`;
}

export function goodFitFallback(s: Scoring): string {
  const { e, q, trainName } = s;
  if (!s.a.hasVal || e.best_x === undefined)
    return `${trainMove(s)} and ${s.findings.has('still_improving') ? `is still ${s.W.falling}` : 'levels off'}; ${s.a.valSetAside === undefined ? noValCurve(s) : 'too few validation points, so generalisation cannot be judged'}.`;
  const bx = e.best_x;
  const x0 = startX(s, 'val') as number;
  const lx = endX(s, 'val') as number;
  const from =
    bx > x0
      ? `${s.valName} ${moved(q, 'val', x0, bx)} from ${at(s, x0)} to its best at ${at(s, bx)}`
      : `${s.valName} was best at its first point (${at(s, bx)}, ${value(q, 'val', bx)})`;
  const end =
    bx >= lx
      ? 'its best is its last point'
      : `it ends ${change(q, 'val', bx, lx)} from its best (${value(q, 'val', lx)} at ${at(s, lx)})`;
  const gap = s.a.hasTrain ? `; ${gapAtEnd(s)}` : '';
  return `${from}; ${end}${gap}.`;
}
