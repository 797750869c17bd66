/**
 * A training curve alone (no validation) swinging around a flat level with no clear trend is unstable
 * (scoreFlatTrain, FLAT_TRAIN_FALL_NOISES in rules.ts); a curve that fell, or one logged per step, is not
 * judged this way. Accuracy-only logs of pure noise had read as good fits at 0.99.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnose/index.js';
import { scoreUnstable } from '../../../src/diagnose/scorers/unstable.js';
import { ingest } from '../../../src/ingest/index.js';
import { reasonsFor, scoring } from './synthetic.js';

/** A fixed pseudo-random sequence in [0, 1) (the same curve on every run). */
function noise(seed: number, n: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => (s = (s * 16807) % 2147483647) / 2147483647);
}
const flat = (seed: number, level: number, swing: number) =>
  noise(seed, 45).map((u) => +(level + (u - 0.5) * swing).toFixed(4));

describe('a training curve alone that swings around a flat level', () => {
  it('an accuracy of pure noise is unstable, said in its own terms, for every seed', () => {
    for (const seed of [1, 7, 99, 123]) {
      const s = scoring({ accuracy: flat(seed, 0.5, 0.4) });
      scoreUnstable(s);
      expect(s.scores.unstable, `seed ${seed}`).toBeGreaterThan(0.5);
      expect(reasonsFor(s, 'unstable').join(' ')).toMatch(
        /accuracy swings around a flat level with no clear upward trend: it moves \d+% from point to point/,
      );
    }
    const d = diagnose(ingest(JSON.stringify({ accuracy: flat(1, 0.5, 0.4) })));
    expect(d.pattern).toBe('unstable');
    expect(d.headline).toBe('Unstable: accuracy swings around a flat level, with no clear upward trend.');
  });

  it('a loss of pure noise is unstable; a reward (no fixed range) too', () => {
    const loss = scoring({ loss: flat(7, 0.5, 0.4) });
    scoreUnstable(loss);
    expect(reasonsFor(loss, 'unstable').join(' ')).toMatch(/loss swings around a flat level with no clear downward/);
    expect(diagnose(ingest(JSON.stringify({ reward: flat(7, -60, 140) }))).pattern).toBe('unstable');
  });

  it('not a loss that fell at once and jitters near 0, a climbing accuracy, or a converged one', () => {
    const fell = [0.241, 0.056, 0.015, 0.006, 0.0041, 0.0022, 0.0013, 0.0011, 0.0006, 0.0012];
    const climb = flat(3, 0, 0.02).map((u, i) => 0.5 + 0.45 * (1 - Math.exp(-i / 8)) + u);
    const converged = flat(5, 0.995, 0.004);
    for (const h of [{ loss: fell }, { accuracy: climb }, { accuracy: converged }] as Record<string, number[]>[]) {
      const s = scoring(h);
      scoreUnstable(s);
      expect(s.flat, JSON.stringify(h).slice(0, 40)).toBe(false);
    }
  });

  it('not a loss beside a steady accuracy (the model has settled), nor thousands of rows counted by position', () => {
    const jitter = flat(11, 0.15, 0.05);
    const settled = scoring({ loss: jitter, accuracy: flat(12, 0.95, 0.004) });
    scoreUnstable(settled);
    expect(settled.flat).toBe(false);
    const alone = scoring({ loss: jitter });
    scoreUnstable(alone);
    expect(alone.flat).toBe(true);
    // a history of 400 "epochs" counted by position is more likely iterations; 60 are epochs
    const many = scoring({ loss: noise(13, 400).map((u) => 0.5 + (u - 0.5) * 0.2) });
    scoreUnstable(many);
    expect(many.flat).toBe(false);
    const few = scoring({ loss: noise(13, 60).map((u) => 0.5 + (u - 0.5) * 0.2) });
    scoreUnstable(few);
    expect(few.flat).toBe(true);
  });

  it('an accuracy that collapses is said to, as its error', () => {
    const fell = Array.from({ length: 20 }, (_, i) => (i < 10 ? 0.9 : 0.1));
    const d = diagnose(ingest(JSON.stringify({ accuracy: fell })));
    expect(d.reasons.join(' ')).toMatch(/accuracy's error \(1 - accuracy\), median over the last tenth/);
  });

  it('not a curve logged per step (batches swing however the run trends), nor one beside validation', () => {
    const steps = JSON.stringify({
      log_history: flat(7, 0.5, 0.4).map((loss, i) => ({ loss, step: (i + 1) * 10, epoch: (i + 1) / 10 })),
    });
    const d = diagnose(ingest(steps));
    expect(d.reasons.join(' ')).not.toMatch(/swings around a flat level with no clear/);
    // the same values per epoch are judged by it
    const perEpoch = JSON.stringify({
      log_history: flat(7, 0.5, 0.4).map((loss, i) => ({ loss, step: (i + 1) * 10, epoch: i + 1 })),
    });
    expect(diagnose(ingest(perEpoch)).reasons.join(' ')).toMatch(/swings around a flat level with no/);
    const both = scoring({ accuracy: flat(1, 0.5, 0.4), val_accuracy: flat(2, 0.5, 0.4) });
    scoreUnstable(both);
    expect(reasonsFor(both, 'unstable').join(' ')).not.toMatch(/swings around a flat level with no clear upward/);
  });
});
