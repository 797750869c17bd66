/** The findings beside the verdict: run-level facts, spikes, still improving vs plateau, val below train
 * (with its note quoting the share of points), possible leakage from accuracies, noisy validation. */
import { describe, expect, it } from 'vitest';
import { addCurveFindings, addRunFindings } from '../../../src/diagnose/scorers/findings.js';
import { pct, scoring, series, wiggle, type History } from './synthetic.js';

function findings(h: History): { set: Set<string>; notes: string[] } {
  const s = scoring(h);
  addRunFindings(s);
  addCurveFindings(s);
  return { set: s.findings as Set<string>, notes: s.tagged.filter((r) => r.p === null).map((r) => r.text) };
}

describe('findings', () => {
  it('marks a train-only run as having no validation', () => {
    expect(findings({ loss: series(20, (t) => Math.exp(-2 * t)) }).set.has('no_validation')).toBe(true);
    expect(
      findings({ loss: series(20, (t) => Math.exp(-2 * t)), val_loss: series(20, (t) => Math.exp(-2 * t)) }).set.has(
        'no_validation',
      ),
    ).toBe(false);
  });

  it('tells a curve still falling at the end from one on a plateau', () => {
    const falling = findings({ loss: series(30, (t) => 2 - 1.5 * t), val_loss: series(30, (t) => 2.1 - 1.5 * t) }).set;
    expect(falling.has('still_improving')).toBe(true);
    expect(falling.has('plateau')).toBe(false);
    const flat = findings({
      loss: series(30, (t) => Math.exp(-12 * t) + 0.3),
      val_loss: series(30, (t) => Math.exp(-12 * t) + 0.35),
    }).set;
    expect(flat.has('plateau')).toBe(true);
    expect(flat.has('still_improving')).toBe(false);
  });

  it('notes val below train on most points, quoting the share', () => {
    const f = findings({
      loss: series(20, (t) => Math.exp(-2 * t) + 0.3),
      val_loss: series(20, (t) => Math.exp(-2 * t) + 0.2),
    });
    expect(f.set.has('val_better_than_train')).toBe(true);
    expect(f.notes).toEqual([
      `val_loss is below loss on ${pct(1)} of the points (usual with dropout/augmentation: train loss is measured with them on).`,
    ]);
    expect(
      findings({
        loss: series(20, (t) => Math.exp(-2 * t) + 0.2),
        val_loss: series(20, (t) => Math.exp(-2 * t) + 0.3),
      }).set.has('val_better_than_train'),
    ).toBe(false);
  });

  it('flags val accuracy far above train accuracy as possible leakage', () => {
    const loss = series(20, (t) => Math.exp(-2 * t) + 0.3);
    const val_loss = series(20, (t) => Math.exp(-2 * t) + 0.35);
    expect(
      findings({
        loss,
        val_loss,
        accuracy: series(20, (t) => 0.5 + 0.3 * t),
        val_accuracy: series(20, (t) => 0.65 + 0.3 * t),
      }).set.has('possible_leakage'),
    ).toBe(true);
    expect(
      findings({
        loss,
        val_loss,
        accuracy: series(20, (t) => 0.5 + 0.3 * t),
        val_accuracy: series(20, (t) => 0.48 + 0.3 * t),
      }).set.has('possible_leakage'),
    ).toBe(false);
  });

  it('flags a spike and a jumpy validation curve', () => {
    const loss = series(30, (t) => Math.exp(-2 * t) + 0.3);
    loss[15] *= 6;
    const f = findings({ loss, val_loss: series(30, (t, i) => (Math.exp(-2 * t) + 0.35) * (1 + 0.15 * wiggle(i))) });
    expect(f.set.has('loss_spike')).toBe(true);
    expect(f.set.has('noisy_validation')).toBe(true);
    const calm = findings({
      loss: series(30, (t) => Math.exp(-2 * t) + 0.3),
      val_loss: series(30, (t) => Math.exp(-2 * t) + 0.35),
    }).set;
    expect(calm.has('loss_spike')).toBe(false);
    expect(calm.has('noisy_validation')).toBe(false);
  });
});
