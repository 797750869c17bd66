/** Good fit: positive evidence (val fell and ends near its best) weighs its score; the headline and the
 * measured sentence quote the best value, its epoch, the fall and the gap. */
import { describe, expect, it } from 'vitest';
import {
  goodFitEvidence,
  goodFitFallback,
  goodFitHeadline,
  goodFitScore,
} from '../../../src/diagnose/scorers/good-fit.js';
import * as R from '../../../src/diagnose/rules.js';
import { median } from '../../../src/diagnose/stats.js';
import { num, pct, scoring, series } from './synthetic.js';

const fit = () =>
  scoring({ loss: series(30, (t) => Math.exp(-3 * t) + 0.1), val_loss: series(30, (t) => Math.exp(-3 * t) + 0.15) });

describe('good-fit scorer', () => {
  it('has full positive evidence when val fell far and ends at its best', () => {
    const s = fit();
    expect(goodFitEvidence(s)).toBe(1);
    expect(goodFitScore(s, 0)).toBe(R.GOOD_BASE + R.GOOD_EVIDENCE_SHARE);
    expect(goodFitScore(s, 0.4)).toBeCloseTo(0.6, 12);
  });

  it('has none when val rose 40% above its best', () => {
    const s = scoring({
      loss: series(30, (t) => Math.exp(-3 * t) + 0.1),
      val_loss: series(30, (t) => 0.5 + 0.5 * Math.exp(-10 * t) + 0.4 * t),
    });
    expect(s.e.val_rise_after_best!).toBeGreaterThan(R.GOOD_RISE_HI);
    expect(goodFitEvidence(s)).toBe(0);
    expect(goodFitScore(s, 0)).toBe(R.GOOD_BASE);
  });

  it('without val, reads the train fall', () => {
    const s = scoring({ loss: series(30, (t) => Math.exp(-3 * t) + 0.1) });
    expect(goodFitEvidence(s)).toBe(1);
    // raw: 1.1 at epoch 1 -> e^-3 + 0.1 = 0.15 at epoch 30, 86% lower
    expect(goodFitHeadline(s)).toBe('Good fit (train only): loss fell 86% (1.1 -> 0.15).');
    expect(goodFitFallback(s)).toBe(
      'loss fell 86% (1.1 -> 0.15) and levels off; no validation curve, so generalisation cannot be judged.',
    );
  });

  it('quotes the smoothed level, beside the two points, where the first and last points go against it', () => {
    // a loss that fell, and whose last point spiked above its first
    const spiked = series(30, (t) => Math.exp(-3 * t) + 0.1);
    spiked[29] = 1.3;
    const s = scoring({ loss: spiked });
    expect(s.e.train_total_improvement!).toBeGreaterThan(R.GOOD_SMOOTHED_OVER_ENDS);
    expect(goodFitHeadline(s)).toBe(
      `Good fit (train only): loss's smoothed level improved ${pct(s.e.train_total_improvement)} (in the file: 1.1 at epoch 1, 1.3 at epoch 30, but its typical level was ${num(median(spiked.slice(0, 4)))} up to epoch 4 and ${num(median(spiked.slice(-4)))} from epoch 27).`,
    );
    // an accuracy's improvement is measured on its distance to 1: the direction alone
    const acc = series(30, (t) => 0.9 - 0.4 * Math.exp(-5 * t));
    acc[29] = 0.45;
    expect(goodFitHeadline(scoring({ accuracy: acc }))).toBe(
      `Good fit (train only): accuracy's smoothed trend rose (in the file: 0.5 at epoch 1, 0.45 at epoch 30, but its typical level was ${num(median(acc.slice(0, 4)))} up to epoch 4 and ${num(median(acc.slice(-4)))} from epoch 27, that is below 1 by ${num(1 - median(acc.slice(0, 4)))}, then ${num(1 - median(acc.slice(-4)))}).`,
    );
  });

  it('says val stays above train, with the gap, when the gap is wide', () => {
    const s = scoring({
      loss: series(30, (t) => Math.exp(-3 * t) + 0.1),
      val_loss: series(30, (t) => 2 * Math.exp(-3 * t) + 0.3),
    });
    expect(s.e.gap_ratio_last).toBeGreaterThan(R.GOOD_TRACKS_GAP);
    expect(goodFitHeadline(s)).toBe(
      `Good fit: val_loss reached ${num(s.e.best_val)} at epoch 30 and stays above loss (the smoothed gap is ${pct(s.e.gap_ratio_last)} of loss).`,
    );
    const below = scoring({
      loss: series(30, (t) => 2 * Math.exp(-3 * t) + 0.3),
      val_loss: series(30, (t) => Math.exp(-3 * t) + 0.1),
    });
    expect(goodFitHeadline(below)).toMatch(/ and stays below loss\.$/);
  });

  it('judges an accuracy pair on the accuracies: close tracks, far stays below with both values', () => {
    const rise = (top: number) => series(30, (t) => top - 0.4 * Math.exp(-5 * t));
    const close = scoring({ accuracy: rise(0.99), val_accuracy: rise(0.97) });
    expect(close.inv).toBe(true);
    expect(goodFitHeadline(close)).toMatch(/ and tracks accuracy\.$/);
    const far = scoring({ accuracy: rise(0.99), val_accuracy: rise(0.85) });
    const last = (v: number[]) => num(v[v.length - 1]);
    expect(goodFitHeadline(far)).toMatch(
      new RegExp(` and stays below accuracy \\(${last(rise(0.85))} against ${last(rise(0.99))} at epoch 30\\)\\.$`),
    );
  });

  it("quotes an accuracy pair's end values, not a share of train's distance below 1.0", () => {
    // train reaches 1.0: its error is ~0, so a share of it would read thousands of percent "of accuracy"
    const train = series(30, (t) => Math.min(1, 0.6 + 2 * t));
    const val = series(30, (t) => 0.97 - 0.3 * Math.exp(-6 * t));
    const s = scoring({ accuracy: train, val_accuracy: val });
    expect(s.inv).toBe(true);
    expect(goodFitFallback(s)).toMatch(
      new RegExp(`; val_accuracy ends at ${num(val[29])} against 1 for accuracy \\(epoch 30\\)\\.$`),
    );
    expect(goodFitFallback(s)).not.toMatch(/% of accuracy/);
  });

  it('quotes the best val, its epoch, the fall and the gap', () => {
    const s = fit();
    const { e } = s;
    expect(goodFitHeadline(s)).toBe(`Good fit: val_loss reached ${num(e.best_val)} at epoch 30 and tracks loss.`);
    // raw: val 1.15 at epoch 1 -> 0.2 at epoch 30 (its best and last point): 83% lower
    expect(goodFitFallback(s)).toBe(
      `val_loss fell 83% (1.15 -> 0.2) from epoch 1 to its best at epoch 30; its best is its last point; the smoothed gap to loss is ${pct(e.gap_ratio_last)} of loss.`,
    );
  });
});
