/**
 * Val got worse while train learned: a generalisation failure whatever the noise, even when no clean
 * minimum-then-rise stands out. It speaks for overfitting, or for high variance when val is noisy and
 * shows no real minimum-then-rise. Thresholds: STALL_* in rules.ts.
 */
import * as R from '../rules.js';
import { ramp } from '../stats.js';
import { atLeast, at, contraryMedians, endX, say, startX, stat, value, type Scoring } from './scoring.js';
import { valNoisy } from './high-variance.js';

export function scoreValWorse(s: Scoring): void {
  const { a, e } = s;
  if (!(a.hasVal && a.hasTrain)) return;
  const stall =
    ramp(e.train_total_improvement ?? 0, R.STALL_TRAIN_LO, R.STALL_TRAIN_HI) *
    ramp(-(e.val_total_improvement ?? 0), R.STALL_VAL_LO, R.STALL_VAL_WORSE);
  if (!(stall > R.STALL_REPORT_MIN)) return;
  const score = R.STALL_WEIGHT * stall;
  if (valNoisy(s) >= R.STALL_NOISY_MIN && s.overRise < R.STALL_OVERRISE_MAX) atLeast(s, 'high_variance', score);
  else atLeast(s, 'overfitting', score);
  say(
    s,
    ['overfitting', 'high_variance'],
    `${s.valName}'s smoothed level ends ${stat(s.q, 'val_total_improvement', -(e.val_total_improvement ?? 0))} worse than it started while ${s.trainName}'s improved ${stat(s.q, 'train_total_improvement', e.train_total_improvement)}${fileEnds(s)}: the model learns the training set, not the task.`,
  );
}

/** "; in the file, val_loss went from 0.5 at epoch 1 to 0.56 at epoch 40", and the medians its change was
 * measured between when those two went the other way (contraryMedians). */
function fileEnds(s: Scoring): string {
  const x0 = startX(s, 'val');
  const x1 = endX(s, 'val');
  if (x0 === undefined || x1 === undefined) return '';
  const medians = contraryMedians(s, 'val', s.e.val_total_improvement);
  return `; in the file, ${s.valName} went from ${value(s.q, 'val', x0)} at ${at(s, x0)} to ${value(s.q, 'val', x1)} at ${at(s, x1)}${medians && `, ${medians}`}`;
}
