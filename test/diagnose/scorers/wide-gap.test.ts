/** The wide-gap overfitting rule (rules.ts WIDE_GAP_*): a quiet val that ends 4x train or more, far from train
 * against its own early level, with a gap the run opened and that still grew over the second half, is overfitting
 * whether or not val still moves; a gap there from the start, one that stopped growing, a jumpy val, an accuracy pair
 * near 1.0, a gap tiny in absolute terms, two differently named losses, a loss that crosses 0 and a run of 5 points
 * are not. */
import { describe, expect, it } from 'vitest';
import { overfittingHeadline, scoreOverfitting } from '../../../src/diagnose/scorers/overfitting.js';
import { newScoring } from '../../../src/diagnose/scorers/scoring.js';
import { diagnose, measureRun } from '../../../src/diagnose/index.js';
import { relativeGap } from '../../../src/diagnose/measure.js';
import { tellApart } from '../../../src/diagnose/borderline.js';
import { ingest } from '../../../src/ingest/index.js';
import * as R from '../../../src/diagnose/rules.js';
import { num, pct, reasonsFor, scoring, series, wiggle, type History } from './synthetic.js';

// train falls from 1.0 to 0.017, below a twentieth of its start: a model that memorises its training data
const train = series(40, (t) => Math.exp(-5 * t) + 0.01);
// ... and one that levels at 0.13, above it
const level = series(40, (t) => 0.6 * Math.exp(-3 * t) + 0.1);
const easing = series(40, (t) => 1.2 - 0.3 * t);

function scored(history: History) {
  const s = scoring(history);
  scoreOverfitting(s);
  return s;
}

describe('the wide-gap overfitting rule', () => {
  it('reads a quiet val still falling slowly but far above a falling train as overfitting, quoting the gap', () => {
    const s = scored({ loss: level, val_loss: easing });
    expect(s.overRise).toBeLessThan(R.REASON_MIN_SCORE);
    expect(s.scores.overfitting).toBeGreaterThan(R.VERDICT_MIN_SCORE);
    expect(s.overWide).toBe(s.scores.overfitting);
    const { e } = s;
    expect(reasonsFor(s, 'overfitting')).toEqual([
      `val_loss stays far above loss: it ends at ${num(easing[39])} against ${num(level[39])} (epoch 40); the smoothed gap is ${pct(e.gap_ratio_last)} of loss's level, and it grew by ${pct(e.gap_trend)} of that level over the second half; the model fits its training data far better than it generalises.`,
    ]);
    // val never stopped improving: the headline says the gap, not that val stopped
    expect(overfittingHeadline(s)).toBe(
      `Overfitting: val_loss stays far above loss, and the gap keeps widening (at epoch 40: val_loss ${num(easing[39])}, loss ${num(level[39])}).`,
    );
  });

  it('names the floor when train fell below a twentieth of its start (0.9 against 0.017 is no 2000%)', () => {
    const s = scored({ loss: train, val_loss: easing });
    expect(s.scores.overfitting).toBeCloseTo(R.WIDE_GAP_SCORE, 2);
    const { floor } = relativeGap(s.ctx.curves!.T!);
    expect(floor).toBeGreaterThan(0.04);
    expect(floor).toBeLessThan(0.06);
    expect(reasonsFor(s, 'overfitting')).toEqual([
      `val_loss stays far above loss: it ends at ${num(easing[39])} against ${num(train[39])} (epoch 40); the smoothed gap is ${pct(s.e.gap_ratio_last)} of loss's level (taken as ${num(floor)}, a twentieth of its smoothed start, once it falls below that), and it grew by ${pct(s.e.gap_trend)} of that level over the second half; the model fits its training data far better than it generalises.`,
    ]);
  });

  it("quotes train at val's last epoch when val is logged less often", () => {
    const rows = ['epoch,loss,val_loss'];
    level.forEach((v, i) =>
      rows.push(`${i + 1},${v.toFixed(4)},${(i + 1) % 2 === 0 && i < 36 ? easing[i].toFixed(4) : ''}`),
    );
    const s = newScoring(measureRun(ingest(rows.join('\n'), { format: 'keras-csv' })));
    scoreOverfitting(s);
    expect(s.overWide).toBeGreaterThan(0);
    expect(reasonsFor(s, 'overfitting')[0]).toMatch(
      new RegExp(`: it ends at ${num(easing[35])} against ${num(Number(level[35].toFixed(4)))} \\(epoch 36\\);`),
    );
  });

  it('says in a borderline answer what tells the wide gap from a good fit: closing the gap, not training longer', () => {
    const d = diagnose(ingest(JSON.stringify({ loss: level, val_loss: easing }), { format: 'keras-history-json' }), {
      rulesOnly: true,
    });
    expect(d.pattern).toBe('overfitting');
    expect(d.reasons).toContain(tellApart('overfitting', 'good_fit', 'loss', false, true));
    expect(tellApart('good_fit', 'overfitting', 'loss', false, true)).toMatch(
      /^To tell them apart, retrain with dropout/,
    );
    expect(tellApart('overfitting', 'good_fit', 'loss')).toMatch(/train 30% longer/);
    expect(tellApart('overfitting', 'high_variance', 'loss', false, true)).toMatch(/run 3 seeds/);
  });

  it('scores a gap of about 4.5x train part of the way (the ratio ramps from 4x to 7x)', () => {
    // train's level is floored at a twentieth of its start (0.05) in the ratio: val ends near 0.24, a gap of 4.4 floors
    const val = series(40, (t) => 0.2 + 0.8 * Math.exp(-3 * t));
    const s = scored({ loss: train, val_loss: val });
    const ratio = s.e.gap_ratio_last ?? 0;
    expect(ratio).toBeGreaterThan(R.WIDE_GAP_RATIO_LO);
    expect(ratio).toBeLessThan(R.WIDE_GAP_RATIO_HI);
    expect(s.overWide).toBeGreaterThan(0);
    expect(s.overWide).toBeLessThan(R.VERDICT_MIN_SCORE);
  });

  it('leaves a gap there from the start (val 6x train all run, growing a little)', () => {
    const base = series(40, (t) => 0.6 * Math.exp(-3 * t) + 0.4);
    const s = scored({ loss: base, val_loss: base.map((v, i) => v * (6.2 + 0.6 * (i / 39))) });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_LO);
    expect(s.e.gap_trend).toBeGreaterThan(R.WIDENING_GAP_MIN);
    expect(s.overWide).toBe(0);
  });

  it('leaves a gap the run opened early and that stopped growing (4x over the whole second half)', () => {
    const flat = series(40, (t) => 0.6 * Math.exp(-12 * t) + 0.15);
    const s = scored({ loss: flat, val_loss: series(40, (t) => 1.0 - 0.25 * Math.min(1, 2 * t)) });
    expect(s.e.gap_ratio_last).toBeGreaterThanOrEqual(R.WIDE_GAP_RATIO_LO);
    expect(s.e.gap_trend).toBeLessThan(R.WIDENING_GAP_MIN);
    expect(s.overWide).toBe(0);
  });

  it('leaves a jumpy val far above train to the high-variance rule', () => {
    const val = series(40, (t, i) => (1.2 - 0.3 * t) * (1 + 0.3 * wiggle(i)));
    const s = scored({ loss: train, val_loss: val });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_HI);
    expect(s.overWide).toBeLessThan(R.REASON_MIN_SCORE);
  });

  it('leaves a gap small against where val started (ratios explode near zero loss)', () => {
    // train falls below a twentieth of its start (the ratio's floor, about 0.045): val ends 3.6 floors above it,
    // but the gap of 0.155 is under a fifth of where val started
    const down = series(40, (t) => Math.exp(-4 * t));
    const val = series(40, (t) => 0.74 * Math.exp(-6 * t) + 0.175);
    const s = scored({ loss: down, val_loss: val });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_LO);
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

  it('leaves two differently named losses (a per-token loss beside a summed val_nll share no scale)', () => {
    const s = scored({
      loss: series(40, (t) => 2.3 * Math.exp(-5 * t) + 0.2),
      val_nll: series(40, (t) => 3.0 - 0.5 * t),
    });
    expect(s.ctx.pair.crossNamed).toBe(true);
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_HI);
    expect(s.overWide).toBe(0);
  });

  it('leaves a loss that falls below 0 (a log-likelihood: shifted by a constant, its ratio changes)', () => {
    const nll = series(40, (t) => 1.02 * Math.exp(-4 * t) - 0.02 * t);
    const s = scored({ loss: nll, val_loss: easing });
    expect(Math.min(...nll)).toBeLessThan(0);
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_HI);
    expect(s.overWide).toBe(0);
  });

  it('leaves a run of 5 points (no second half to grow over)', () => {
    const s = scored({ loss: [1, 0.3, 0.1, 0.03, 0.01], val_loss: [1.2, 1, 0.9, 0.85, 0.8] });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.WIDE_GAP_RATIO_HI);
    expect(s.overWide).toBe(0);
  });
});
