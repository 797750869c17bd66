/** The high-variance scorer: a val that jumps around far above a smoothly falling train fires and quotes its
 * jitter, the noise ratio and the gap; a val that tracks train, or is still coming down, does not. */
import { describe, expect, it } from 'vitest';
import { scoreHighVariance } from '../../../src/diagnose/scorers/high-variance.js';
import * as R from '../../../src/diagnose/rules.js';
import { num, pct, reasonsFor, scoring, series, wiggle } from './synthetic.js';

const train = series(40, (t, i) => (Math.exp(-4 * t) + 0.05) * (1 + 0.005 * wiggle(i)));

describe('high-variance scorer', () => {
  it('fires on a jumpy val far above train, quoting the jitter, the noise ratio and the gap', () => {
    const s = scoring({
      loss: train,
      val_loss: series(40, (t, i) => (0.6 + 0.4 * Math.exp(-8 * t)) * (1 + 0.2 * wiggle(i))),
    });
    scoreHighVariance(s);
    const { e } = s;
    expect(s.scores.high_variance).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    expect(reasonsFor(s, 'high_variance')).toEqual([
      `val_loss jumps ${pct(e.val_volatility)} around its smoothed trend (its noise; ${num(e.val_noise_vs_train)}x the training noise) and ends at ${num(s.ctx.pair.val!.y[39])} against loss ${num(train[39])} (epoch 40).`,
    ]);
  });

  it('does not fire when val is quiet and tracks train', () => {
    const s = scoring({
      loss: train,
      val_loss: series(40, (t, i) => (Math.exp(-4 * t) + 0.08) * (1 + 0.01 * wiggle(i))),
    });
    scoreHighVariance(s);
    expect(s.scores.high_variance).toBeLessThan(R.REASON_MIN_SCORE);
    expect(s.tagged).toEqual([]);
  });

  it('does not fire when train jitters as much as val (batch noise of the task, not of the validation set)', () => {
    const jumpyTrain = series(40, (t, i) => (Math.exp(-4 * t) + 0.05) * (1 + 0.2 * wiggle(i + 7)));
    const s = scoring({
      loss: jumpyTrain,
      val_loss: series(40, (t, i) => (0.6 + 0.4 * Math.exp(-8 * t)) * (1 + 0.2 * wiggle(i))),
    });
    scoreHighVariance(s);
    expect(s.e.val_noise_vs_train!).toBeLessThan(R.HV_NOISE_RATIO_LO);
    expect(s.scores.high_variance).toBe(0);
  });

  it('does not fire on a jumpy val that is still coming down steadily', () => {
    const s = scoring({ loss: train, val_loss: series(40, (t, i) => (2 - 1.5 * t) * (1 + 0.2 * wiggle(i))) });
    scoreHighVariance(s);
    expect(s.scores.high_variance).toBe(0);
  });

  it('needs a train curve to compare with', () => {
    const s = scoring({ val_loss: series(40, (t, i) => 0.6 * (1 + 0.2 * wiggle(i))) });
    scoreHighVariance(s);
    expect(s.scores.high_variance).toBe(0);
  });
});
