/** The overfitting scorer: a minimum-then-rise with train still improving fires and quotes the best value,
 * its epoch, the rise and the train drop; a rise inside val's noise or without val does not; a quiet flat
 * val beside a falling train is the widening gap. */
import { describe, expect, it } from 'vitest';
import { scoreOverfitting } from '../../../src/diagnose/scorers/overfitting.js';
import * as R from '../../../src/diagnose/rules.js';
import { num, pct, reasonsFor, scoring, series, wiggle } from './synthetic.js';
import { diagnose } from '../../../src/diagnose/index.js';
import { ingest } from '../../../src/ingest/index.js';

const train = series(40, (t, i) => (Math.exp(-4 * t) + 0.05) * (1 + 0.01 * wiggle(i)));

describe('overfitting scorer', () => {
  it('fires on val bottoming out and climbing while train keeps falling, quoting the numbers', () => {
    const val = series(40, (t) => 0.3 + 0.8 * Math.exp(-8 * t) + 0.6 * Math.max(0, t - 0.35));
    const s = scoring({ loss: train, val_loss: val });
    scoreOverfitting(s);
    const { e } = s;
    expect(s.scores.overfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    expect(s.overRise).toBe(s.scores.overfitting);
    // every value is the file's own: the lowest val, the last val, train at both points
    const b = val.indexOf(Math.min(...val));
    expect(e.best_x).toBe(b + 1);
    expect(reasonsFor(s, 'overfitting')[0]).toBe(
      `val_loss bottomed at ${num(val[b])} (epoch ${b + 1}) and ends ${pct((val[39] - val[b]) / val[b])} higher (${num(val[39])} at epoch 40), ` +
        `${39 - b} point(s) later; the rise is ${num(e.val_rise_in_noise)}x its noise, while loss fell ${pct((train[b] - train[39]) / train[b])} (${num(train[b])} -> ${num(train[39])}).`,
    );
    expect(e.best_x).toBeGreaterThan(10);
    expect(e.best_x).toBeLessThan(20);
  });

  it('says "peaked" and "lower" for an accuracy pair, and gives the fall relative to the best', () => {
    const acc = series(40, (t) => 1 - (0.3 + 0.8 * Math.exp(-8 * t) + 0.6 * Math.max(0, t - 0.35)) / 2);
    const s = scoring({ accuracy: train.map((v) => 1 - v / 2), val_accuracy: acc });
    scoreOverfitting(s);
    expect(s.inv).toBe(true);
    expect(reasonsFor(s, 'overfitting')[0]).toMatch(
      /^val_accuracy peaked at [0-9.]+ \(epoch \d+\) and ends [0-9.]+% lower/,
    );
  });

  it('does not fire when val keeps falling, or when its last points are within its noise', () => {
    const fit = scoring({
      loss: train,
      val_loss: series(40, (t, i) => (Math.exp(-4 * t) + 0.1) * (1 + 0.02 * wiggle(i))),
    });
    scoreOverfitting(fit);
    expect(fit.scores.overfitting).toBeLessThan(R.REASON_MIN_SCORE);
    expect(fit.tagged).toEqual([]);

    const noisy = scoring({
      loss: train,
      val_loss: series(40, (t, i) => 0.3 + 0.8 * Math.exp(-8 * t) + 0.03 * wiggle(i)),
    });
    scoreOverfitting(noisy);
    expect(noisy.scores.overfitting).toBeLessThan(R.VERDICT_MIN_SCORE);
  });

  it('counts a rise of 43% after a long first fall (a classifier from ln 4 down to 0.31, back up to 0.44)', () => {
    // short and steep, as a 10-epoch fine-tune prints it: the rise is small against the fall from 1.39, large in itself
    const s = scoring({
      loss: [1.39, 1.39, 1.16, 0.4, 0.26, 0.19, 0.13, 0.096, 0.07, 0.052],
      val_loss: [1.39, 1.39, 0.58, 0.36, 0.33, 0.307, 0.326, 0.343, 0.36, 0.438],
    });
    scoreOverfitting(s);
    expect(s.scores.overfitting).toBeGreaterThan(R.REASON_MIN_SCORE);
    expect(reasonsFor(s, 'overfitting')[0]).toMatch(/^val_loss bottomed at 0\.307 \(epoch 6\) and ends 43% higher/);
  });

  it('a validation curve alone that bottoms out and rises: its headline claims no training curve', () => {
    const val = series(40, (t) => 0.3 + 0.8 * Math.exp(-8 * t) + 0.6 * Math.max(0, t - 0.35));
    const d = diagnose(ingest(JSON.stringify({ val_loss: val })));
    expect(d.pattern).toBe('overfitting');
    expect(d.headline).toMatch(
      /^Overfitting: val_loss was best at epoch \d+ \(0\.\d+\) and rose \d+% after it; there is no training curve to compare it with\.$/,
    );
    expect([d.headline, ...d.reasons].join(' ')).not.toMatch(/ kept | gap to /);
  });

  it('does nothing without a validation curve', () => {
    const s = scoring({ loss: train });
    scoreOverfitting(s);
    expect(s.scores.overfitting).toBe(0);
    expect(s.tagged).toEqual([]);
  });

  it('reads a quiet flat val beside a still-falling train as the gap widening', () => {
    const trainFalling = series(40, (t) => 1.0 * Math.exp(-2.5 * t) + 0.02);
    const val = series(40, (t) => 0.55 + 0.45 * Math.exp(-10 * t));
    const s = scoring({ loss: trainFalling, val_loss: val });
    scoreOverfitting(s);
    expect(s.overRise).toBeLessThan(R.REASON_MIN_SCORE);
    expect(s.scores.overfitting).toBeGreaterThan(s.overRise);
    const said = reasonsFor(s, 'overfitting');
    expect(said).toHaveLength(1);
    // the gap / train ratio of the smoothed levels at the middle point and at the end, from the curves themselves
    const { V, T } = s.ctx.curves as { V: { levelAt(i: number): number; last: number }; T: typeof V };
    const mid = Math.floor((val.length - 1) / 2);
    const ratio = (v: number, t: number) => (v - t) / t;
    expect(said[0]).toBe(
      `Over the second half val_loss's smoothed level stopped improving (${pct(valHalf(s))}) while loss's fell ${pct(trainHalf(s))}; the smoothed gap grew from ${pct(ratio(V.levelAt(mid), T.levelAt(mid)))} to ${pct(ratio(V.last, T.last))} of loss's level over that half.`,
    );
  });

  it("says an accuracy pair widening in the run's own values, not as a share of train's error near 0", () => {
    const train = series(40, (t) => 0.99 - 0.39 * Math.exp(-4 * t));
    const val = series(40, (t) => 0.8 - 0.3 * Math.exp(-12 * t));
    const s = scoring({ accuracy: train, val_accuracy: val });
    expect(s.inv).toBe(true);
    scoreOverfitting(s);
    const said = reasonsFor(s, 'overfitting');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(
        `^Over the second half val_accuracy's smoothed level stopped improving \\([\\d.-]+%\\) while accuracy kept rising \\(its smoothed error fell ${pct(trainHalf(s))}\\); val_accuracy ends at ${num(val[39])} against ${num(train[39])} for accuracy \\(epoch 40\\)\\.$`,
      ),
    );
    expect(said[0]).not.toMatch(/of accuracy's level/);
  });
});

function halfOf(c: { raw: number[]; levelAt: (i: number) => number; last: number }): number {
  const lm = c.levelAt(Math.floor((c.raw.length - 1) / 2));
  return (lm - c.last) / Math.abs(lm);
}
const valHalf = (s: ReturnType<typeof scoring>) => halfOf(s.ctx.curves!.V);
const trainHalf = (s: ReturnType<typeof scoring>) => halfOf(s.ctx.curves!.T!);
