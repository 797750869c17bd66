/** The val-worse rule: val ending worse than it started while train learned speaks for overfitting (quiet
 * val) or high variance (noisy val without a real minimum-then-rise), quoting both changes. */
import { describe, expect, it } from 'vitest';
import { scoreValWorse } from '../../../src/diagnose/scorers/val-worse.js';
import * as R from '../../../src/diagnose/rules.js';
import { num, pct, reasonsFor, scoring, series, wiggle } from './synthetic.js';

const train = series(30, (t) => Math.exp(-3 * t) + 0.1);

describe('val-worse rule', () => {
  it('scores a quiet val that ends 20% worse as overfitting and quotes both changes', () => {
    const s = scoring({ loss: train, val_loss: series(30, (t) => 1 + 0.2 * t) });
    scoreValWorse(s);
    expect(s.scores.overfitting).toBeCloseTo(R.STALL_WEIGHT, 10);
    expect(s.scores.high_variance).toBe(0);
    const v = s.ctx.pair.val!.y;
    const text = `val_loss's smoothed level ends ${pct(-s.e.val_total_improvement!)} worse than it started while loss's improved ${pct(s.e.train_total_improvement)}; in the file, val_loss went from ${num(v[0])} at epoch 1 to ${num(v[v.length - 1])} at epoch ${v.length}: the model learns the training set, not the task.`;
    expect(reasonsFor(s, 'overfitting')).toEqual([text]);
    expect(reasonsFor(s, 'high_variance')).toEqual([text]);
  });

  it('gives the score to high variance when val is noisy', () => {
    const s = scoring({ loss: train, val_loss: series(30, (t, i) => (1 + 0.2 * t) * (1 + 0.2 * wiggle(i))) });
    scoreValWorse(s);
    expect(s.scores.high_variance).toBeGreaterThan(R.STALL_REPORT_MIN);
    expect(s.scores.overfitting).toBe(0);
  });

  it('stays silent when val improved too, or train did not learn', () => {
    const fit = scoring({ loss: train, val_loss: series(30, (t) => Math.exp(-3 * t) + 0.2) });
    scoreValWorse(fit);
    expect(fit.tagged).toEqual([]);
    const stuck = scoring({ loss: series(30, (t) => 1 - 0.05 * t), val_loss: series(30, (t) => 1 + 0.2 * t) });
    scoreValWorse(stuck);
    expect(stuck.tagged).toEqual([]);
    expect(stuck.scores).toEqual({ overfitting: 0, high_variance: 0, underfitting: 0, unstable: 0 });
  });
});
