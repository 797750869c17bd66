/**
 * Good fit: what remains when no problem pattern reaches its verdict bar. Its own evidence is positive:
 * val came down and ends near its best (train came down, without val); that weighs the rules' confidence
 * in a good fit. Thresholds: GOOD_* in rules.ts.
 */
import * as R from '../rules.js';
import { ramp } from '../stats.js';
import { at, num, pct, type Scoring } from './scoring.js';

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
  const { e, trainName } = s;
  const still = s.findings.has('still_improving');
  return s.a.hasVal
    ? `Good fit: ${s.valName} reached ${num(e.best_val)} at ${at(s, e.best_x)} and tracks ${trainName}${still ? '; still improving' : ''}.`
    : `Good fit (train only): ${trainName} fell ${pct(e.train_total_improvement)}${still ? ' and is still falling' : ''}.`;
}

export function goodFitFallback(s: Scoring): string {
  const { e, trainName } = s;
  if (!s.a.hasVal)
    return `${trainName} fell ${pct(e.train_total_improvement)} and ${s.findings.has('still_improving') ? 'is still falling' : 'levels off'}; no validation curve, so generalisation cannot be judged.`;
  return `${s.valName} improved ${pct(e.val_total_improvement)} to ${num(e.best_val)} (${at(s, e.best_x)}) and ends within ${pct(Math.max(0, e.val_rise_after_best ?? 0))} of its best; the gap to ${trainName} is ${pct(e.gap_ratio_last)}.`;
}
