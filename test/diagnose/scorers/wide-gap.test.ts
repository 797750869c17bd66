/** The wide-gap overfitting rule (rules.ts WIDE_GAP_*): a quiet val that ends 4x train or more, far from train
 * against its own early level, with the gap grown over the second half, is overfitting whether or not val still
 * moves; a gap that stayed in proportion, a jumpy val, an accuracy pair near 1.0 or a gap tiny in absolute terms
 * is not. */
import { describe, expect, it } from 'vitest';
import { overfittingHeadline, scoreOverfitting } from '../../../src/diagnose/scorers/overfitting.js';
import * as R from '../../../src/diagnose/rules.js';
import { num, pct, reasonsFor, scoring, series, wiggle } from './synthetic.js';

// train falls from 1.0 to 0.017; a loss of a model that memorises its training data
const train = series(40, (t) => Math.exp(-5 * t) + 0.01);

function scored(history: Record<string, number[]>) {
  const s = scoring(history);
  scoreOverfitting(s);
  return s;
}

describe('the wide-gap overfitting rule', () => {
  it('reads a quiet val still falling slowly but far above a falling train as overfitting, quoting the gap', () => {
    const val = series(40, (t) => 1.2 - 0.3 * t);
    const s = scored({ loss: train, val_loss: val });
    expect(s.overRise).toBeLessThan(R.REASON_MIN_SCORE);
    expect(s.scores.overfitting).toBeCloseTo(R.WIDE_GAP_SCORE, 2);
    expect(s.overWide).toBe(s.scores.overfitting);
    const { e } = s;
    expect(reasonsFor(s, 'overfitting')).toEqual([
      `val_loss stays far above loss: the smoothed gap at the end is ${pct(e.gap_ratio_last)} of loss's level (${num(val[39])} against ${num(train[39])} at epoch 40), and it grew by ${pct(e.gap_trend)} of that level over the second half; the model fits its training data far better than it generalises.`,
    ]);
    // val never stopped improving: the headline says the gap, not that val stopped
    expect(overfittingHeadline(s)).toBe(
      `Overfitting: val_loss stays far above loss, and the gap keeps widening (at epoch 40: val_loss ${num(val[39])}, loss ${num(train[39])}).`,
    );
  });

  it('scores a gap of 4.5x train part of the way (the ratio ramps from 4x to 7x)', () => {
    // train's level is floored at 5% of its start (0.05) in the ratio: val ends near 0.24, about 4.4x that
    const val = series(40, (t) => 0.2 + 0.8 * Math.exp(-3 * t));
    const s = scored({ loss: train, val_loss: val });
    const ratio = s.e.gap_ratio_last ?? 0;
    expect(ratio).toBeGreaterThan(R.WIDE_GAP_RATIO_LO);
    expect(ratio).toBeLessThan(R.WIDE_GAP_RATIO_HI);
    expect(s.overWide).toBeGreaterThan(0);
    expect(s.overWide).toBeLessThan(R.VERDICT_MIN_SCORE);
  });

  it('leaves a gap that stayed in proportion (val 5x train all along, both falling)', () => {
    const level = series(40, (t) => 0.6 * Math.exp(-3 * t) + 0.4);
    const s = scored({ loss: level, val_loss: level.map((v) => 5 * v) });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_LO);
    expect(Math.abs(s.e.gap_trend ?? 0)).toBeLessThan(R.WIDENING_GAP_MIN);
    expect((s.e.gap_last ?? 0) / (5 * level[0])).toBeGreaterThan(R.HV_ABS_GAP_HI);
    expect(s.overWide).toBe(0);
  });

  it('leaves a jumpy val far above train to the high-variance rule', () => {
    const val = series(40, (t, i) => (1.2 - 0.3 * t) * (1 + 0.3 * wiggle(i)));
    const s = scored({ loss: train, val_loss: val });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_HI);
    expect(s.overWide).toBeLessThan(R.REASON_MIN_SCORE);
  });

  it('leaves a gap small against where val started (ratios explode near zero loss)', () => {
    // a first val of 5.0: the end gap of 0.2 is 8x train's floored level, but 4% of val's early level
    const low = series(40, (t) => 0.5 * Math.exp(-4 * t) + 0.0005);
    const val = series(40, (t) => 5 * Math.exp(-20 * t) + 0.2);
    const s = scored({ loss: low, val_loss: val });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_HI);
    expect((s.e.gap_last ?? 0) / val[0]).toBeLessThan(R.HV_ABS_GAP_HI);
    expect(s.e.gap_trend).toBeGreaterThan(R.WIDENING_GAP_MIN);
    expect(s.overWide).toBe(0);
  });

  it('leaves an accuracy pair near 1.0 (0.981 against 0.997 is a ratio of errors, not a wide gap)', () => {
    const acc = series(20, (t) => 0.997 - 0.1 * Math.exp(-6 * t));
    const valAcc = series(20, (t) => 0.981 - 0.03 * Math.exp(-6 * t));
    const s = scored({ accuracy: acc, val_accuracy: valAcc });
    expect(s.inv).toBe(true);
    expect(s.overWide).toBe(0);
  });
});
