/**
 * The learned part of the diagnosis: scale-free features, deterministic probabilities that sum to 1,
 * a refused weights table that does not match the features, borderline verdicts that name both patterns
 * and say how to tell them apart, and reasons that quote the run's own numbers whichever pattern wins.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseDetailed, verdictLabel } from '../../src/diagnose/index.js';
import { BORDERLINE_MARGIN } from '../../src/diagnose/rules.js';
import { DiagnosisSchema, PATTERNS } from '../../src/diagnose/schema.js';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import {
  calibrateVerdict,
  MODEL_CLASSES,
  modelReady,
  predict,
  recalibrated,
  type Probabilities,
  type Weights,
} from '../../src/diagnose/model.js';
import { settle } from '../../src/diagnose/decide.js';
import { REAL_ADAPTER } from '../../src/diagnose/real-adapter.js';
import { forestLogits, type Tree } from '../../src/diagnose/trees.js';
import { WEIGHTS } from '../../src/diagnose/weights.js';
import { tellApart } from '../../src/diagnose/borderline.js';
import { REAL_CALIBRATION } from '../../src/diagnose/real-calibration.js';
import { diagnoseHistory, historyToLog } from '../../src/train/history.js';
import { mulberry32 } from '../../src/util/random.js';

function noisyCurves(
  seed: number,
  n: number,
  shape: (t: number) => [number, number],
  noise = 0.03,
): Record<string, number[]> {
  const r = mulberry32(seed);
  const g = () => (r() + r() + r() - 1.5) * 1.4;
  const loss: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = shape(i / (n - 1));
    loss.push(a * (1 + noise * 0.3 * g()));
    val.push(b * (1 + noise * g()));
  }
  return { loss, val_loss: val };
}

const SHAPES: Record<string, (t: number) => [number, number]> = {
  fit: (t) => [Math.exp(-4 * t) + 0.1, Math.exp(-4 * t) + 0.14],
  over: (t) => [Math.exp(-4 * t) + 0.05, 0.5 + 0.6 * Math.exp(-8 * t) + 0.5 * Math.max(0, t - 0.35)],
  flat: (t) => [0.7 - 0.02 * t, 0.71 - 0.02 * t],
  jumpy: (t) => [1 + 0.6 * Math.sin(t * 40), 1.1 + 0.6 * Math.sin(t * 33)],
};

describe('feature vector', () => {
  it('is the same for a loss of 0.02 and one 100,000 times larger (shape, not level)', () => {
    for (const [name, shape] of Object.entries(SHAPES)) {
      const h = noisyCurves(3, 60, shape);
      const big = Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.map((x) => x * 1e5)]));
      const a = diagnoseDetailed(historyToLog(h)).features!;
      const b = diagnoseDetailed(historyToLog(big)).features!;
      expect(a.length, name).toBe(FEATURE_NAMES.length);
      // chance_distance reads the level against ln K: the one place a level is known to mean something
      const skip = new Set(['chance_distance']);
      FEATURE_NAMES.forEach((f, i) => {
        if (!skip.has(f)) expect(b[i], `${name}: ${f}`).toBeCloseTo(a[i], 6);
      });
    }
  });

  it('stays finite and bounded on hostile values (huge, tiny, negative, NaN)', () => {
    const h = {
      loss: [1e300, 1e-300, -5, 3, NaN, 7, 1e-12, 2, 2, 2],
      val_loss: [1, 1e200, 3, -1e-200, 5, NaN, 2, 2, 3, 1],
    };
    const { features } = diagnoseDetailed(historyToLog(h));
    for (const v of features ?? []) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThanOrEqual(8);
    }
  });
});

describe('model', () => {
  const fake: Weights = {
    version: 1,
    features: FEATURE_NAMES,
    classes: MODEL_CLASSES,
    mean: FEATURE_NAMES.map(() => 0),
    std: FEATURE_NAMES.map(() => 1),
    hidden: 2,
    members: [
      {
        w1: FEATURE_NAMES.flatMap((_, i) => [i === 0 ? 1 : 0, i === 1 ? 1 : 0]).filter(
          (_, i) => i < 2 * FEATURE_NAMES.length,
        ),
        b1: [0, 0],
        w2: [0, 0, 3, 0, 0, 0, 0, 3, 0, 0],
        b2: [0, 0, 0, 0, 0],
      },
    ],
    temperature: 1,
    provenance: {},
  };

  it('gives probabilities that sum to 1, the same every time', () => {
    const x = FEATURE_NAMES.map((_, i) => (i === 0 ? 2 : 0));
    const p = predict(x, fake)!;
    expect(MODEL_CLASSES.reduce((s, c) => s + p[c], 0)).toBeCloseTo(1, 12);
    expect(predict(x, fake)).toEqual(p);
  });

  it('maps the verdict through a reliability map, keeping it the verdict', () => {
    const map = { x: [0.3, 0.6, 0.9], y: [0.35, 0.5, 0.95] };
    expect(recalibrated(0.1, map)).toBe(0.35); // flat beyond the ends
    expect(recalibrated(0.99, map)).toBe(0.95);
    expect(recalibrated(0.45, map)).toBeCloseTo(0.425, 12); // linear between knots
    expect(recalibrated(0.6, map)).toBe(0.5);
    expect(recalibrated(0.7, undefined)).toBe(0.7);
    expect(recalibrated(0.7, { x: [0.5], y: [] })).toBe(0.7); // malformed: unchanged
    const probs = { good_fit: 0.6, overfitting: 0.3, underfitting: 0.1, high_variance: 0, unstable: 0 };
    calibrateVerdict(probs, 'good_fit', { ...fake, calibration: map });
    expect(probs.good_fit).toBe(0.5);
    expect(probs.overfitting).toBeCloseTo(0.375, 12); // the rest shared as before: 3 to 1
    expect(probs.underfitting).toBeCloseTo(0.125, 12);
    const low = { good_fit: 0.4, overfitting: 0.35, underfitting: 0.25, high_variance: 0, unstable: 0 };
    calibrateVerdict(low, 'good_fit', { ...fake, calibration: { x: [0.4], y: [0.3] } });
    expect(low.good_fit).toBe(0.3);
    expect(Math.max(low.overfitting, low.underfitting)).toBeLessThanOrEqual(0.3); // never above the verdict
    const untouched = { ...probs };
    calibrateVerdict(untouched, 'good_fit', fake);
    expect(untouched).toEqual(probs);
  });

  it('refuses a weights table fitted on other features or classes', () => {
    expect(modelReady({ ...fake, features: [...FEATURE_NAMES.slice(1), 'something_else'] })).toBe(false);
    expect(modelReady({ ...fake, classes: ['good_fit', 'overfitting'] })).toBe(false);
    expect(
      predict(
        FEATURE_NAMES.map(() => 0),
        { ...fake, features: FEATURE_NAMES.slice(1) },
      ),
    ).toBeUndefined();
    expect(modelReady(null)).toBe(false);
  });

  // a forest of two stumps: feature 0 above 1 votes overfitting, feature 1 above 1 votes unstable
  const stump = (k: number, f: number): Tree => ({ k, feature: [f], threshold: [1], leaf: [0, 4] });
  const forest: Weights = {
    ...fake,
    version: 2,
    members: [],
    forest: { depth: 1, base: [0, 0, 0, 0, 0], trees: [stump(1, 0), stump(4, 1)] },
  };

  it('walks boosted trees: each tree adds its leaf to its class', () => {
    const x = (a: number, b: number) => FEATURE_NAMES.map((_, i) => (i === 0 ? a : i === 1 ? b : 0));
    const top = (p: Record<string, number>) => Object.entries(p).sort((a, b) => b[1] - a[1])[0][0];
    expect(top(predict(x(2, 0), forest)!)).toBe('overfitting');
    expect(top(predict(x(0, 2), forest)!)).toBe('unstable');
    // at the threshold the walk goes left (x <= threshold): no tree fires, every class equal
    expect(predict(x(1, 1), forest)!.good_fit).toBeCloseTo(0.2, 12);
    expect(forestLogits(forest.forest!, x(2, 2))).toEqual(Float64Array.from([0, 4, 0, 0, 4]));
  });

  it('refuses a forest whose arrays do not match its depth, or that names a feature or class it does not have', () => {
    const bad = (t: Partial<Tree>, depth = 1) => ({
      ...forest,
      forest: { depth, base: [0, 0, 0, 0, 0], trees: [{ ...stump(1, 0), ...t }] },
    });
    expect(modelReady(forest)).toBe(true);
    expect(modelReady(bad({}, 2))).toBe(false); // a depth-2 walk would read past the arrays
    expect(modelReady(bad({ leaf: [0] }))).toBe(false);
    expect(modelReady(bad({ feature: [FEATURE_NAMES.length] }))).toBe(false);
    expect(modelReady(bad({ feature: [-1] }))).toBe(false);
    expect(modelReady(bad({ leaf: [0, NaN] }))).toBe(false);
    expect(modelReady(bad({ threshold: [NaN] }))).toBe(false);
    expect(modelReady(bad({ k: 7 }))).toBe(false);
    expect(modelReady({ ...forest, forest: { depth: 1, base: [0, 0], trees: [] } })).toBe(false);
  });

  it.runIf(WEIGHTS !== null)('the shipped weights match this build', () => {
    expect(modelReady(WEIGHTS)).toBe(true);
  });
});

describe('verdicts', () => {
  it('are valid diagnoses whose confidence is the top probability and whose alternatives are ranked', () => {
    for (const [name, shape] of Object.entries(SHAPES)) {
      for (const seed of [1, 2, 3]) {
        const d = diagnose(historyToLog(noisyCurves(seed, 40, shape)));
        expect(DiagnosisSchema.safeParse(d).success, name).toBe(true);
        expect(d.reasons.length, name).toBeGreaterThan(0);
        const probs = d.alternatives.map((a) => a.probability);
        expect([...probs].sort((a, b) => b - a)).toEqual(probs);
        for (const a of d.alternatives) expect(a.probability).toBeLessThanOrEqual(d.confidence);
        if (d.probabilities) expect(d.probabilities[d.pattern]).toBeCloseTo(d.confidence, 2);
      }
    }
  });

  it('decide on the probabilities before the reliability map; show the calibrated ones', () => {
    let mapped = 0;
    for (const [name, shape] of Object.entries(SHAPES))
      for (const seed of [1, 2, 3, 4]) {
        const r = diagnoseDetailed(historyToLog(noisyCurves(seed, 40, shape)));
        const d = r.diagnosis;
        if (!r.decided || !d.probabilities || d.pattern === 'not_assessable') continue;
        const decided = r.decided as Record<string, number>;
        const runnerUp = MODEL_CLASSES.filter((c) => c !== d.pattern).sort((x, y) => decided[y] - decided[x])[0];
        expect(d.borderline, name).toBe(decided[d.pattern] - decided[runnerUp] < BORDERLINE_MARGIN);
        // the alternatives are ranked by the probabilities the verdict was decided on (the adapter's, for an upload)
        const ranked = d.alternatives.map((a) => decided[a.pattern]);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i], name).toBeLessThanOrEqual(ranked[i - 1]);
        expect(
          MODEL_CLASSES.every((c) => decided[d.pattern] >= decided[c]),
          name,
        ).toBe(true);
        if (WEIGHTS?.calibration && !r.hardUnstable) {
          // a log someone sends reads through the real logs' map; the engine's own run through the zoo's
          expect(d.confidence, name).toBeCloseTo(recalibrated(decided[d.pattern], REAL_CALIBRATION), 2);
          const t = diagnoseDetailed(historyToLog(noisyCurves(seed, 40, shape)), { origin: 'trained' });
          const trained = t.diagnosis;
          // the engine's own runs (train, sweeps, searches) go through diagnoseHistory
          expect(diagnoseHistory(noisyCurves(seed, 40, shape)).diagnosis.confidence).toBe(trained.confidence);
          // the model's own answer is the same either way; the engine's run keeps it (no real-log adapter) and
          // reads it through the zoo's map, the upload is settled by the adapter and read through the real logs' map
          expect(t.model, name).toEqual(r.model);
          const hard = { blewUp: r.hardUnstable, frozen: r.frozen };
          const own = settle(r.model as Probabilities, r.features!, hard, null);
          expect(trained.pattern, name).toBe(own.pattern);
          expect(trained.confidence, name).toBeCloseTo(
            recalibrated(own.probabilities[own.pattern], WEIGHTS.calibration),
            2,
          );
          const real = settle(r.model as Probabilities, r.features!, hard, REAL_ADAPTER);
          expect(d.pattern, name).toBe(real.pattern);
          for (const c of MODEL_CLASSES) expect(decided[c], name).toBeCloseTo(real.probabilities[c], 10);
          mapped++;
        }
      }
    if (WEIGHTS?.calibration) expect(mapped).toBeGreaterThan(10);
  });

  it("reads a real log's confidence through a monotone map fitted on the labelled wild batches", () => {
    const { x, y, provenance } = REAL_CALIBRATION;
    expect(x.length).toBeGreaterThan(3);
    expect(x.length).toBe(y.length);
    for (let i = 1; i < x.length; i++) {
      expect(x[i]).toBeGreaterThan(x[i - 1]);
      expect(y[i]).toBeGreaterThanOrEqual(y[i - 1]);
    }
    expect(Math.min(...y)).toBeGreaterThan(0);
    expect(Math.max(...y)).toBeLessThan(1);
    expect(provenance.batches.length).toBeGreaterThan(10);
  });

  it('name both patterns when borderline, with what tells them apart', () => {
    let seen = 0;
    for (const [name, shape] of Object.entries(SHAPES)) {
      for (let seed = 1; seed <= 12; seed++) {
        for (const noise of [0.03, 0.15, 0.3]) {
          const d = diagnose(historyToLog(noisyCurves(seed, 25, shape, noise)));
          if (!d.borderline) continue;
          seen++;
          const other = d.alternatives[0].pattern;
          expect(verdictLabel(d), name).toMatch(/, or .* \(borderline\)$/);
          expect(d.headline.startsWith(verdictLabel(d))).toBe(true);
          expect(d.reasons).toContain(tellApart(d.pattern, other));
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
    // the same curves as accuracies (1 - loss / 2): the experiment is worded for a curve that peaks; and as an agent's
    // returns (100 x that): evaluated on episodes, not on a validation set
    const higher = [
      { kind: 'higher' as const, train: 'accuracy', val: 'val_accuracy', at: (v: number) => 1 - v / 2 },
      { kind: 'reward' as const, train: 'episode_reward', val: 'val_episode_reward', at: (v: number) => 100 - 50 * v },
    ];
    for (const { kind, train, val, at } of higher) {
      let borderline = 0;
      for (const shape of Object.values(SHAPES))
        for (let seed = 1; seed <= 12; seed++) {
          const h = noisyCurves(seed, 25, shape, 0.15);
          const d = diagnose(historyToLog({ [train]: h.loss.map(at), [val]: h.val_loss.map(at) }));
          if (!d.borderline) continue;
          borderline++;
          expect(d.reasons).toContain(tellApart(d.pattern, d.alternatives[0].pattern, kind));
        }
      expect(borderline, kind).toBeGreaterThan(0);
    }
  });

  it("word what tells two patterns apart in the curve's own terms: an accuracy peaks, an agent has no validation set", () => {
    const lossWords =
      /minimum|val loss|validation loss|training loss|bottoms out|climbs|rising past|keeps? falling(?! away)|starts falling|falls smoothly|stays far above|stuck high|smoother and lower/;
    for (const a of PATTERNS)
      for (const b of PATTERNS) {
        const [loss, higher, reward] = [tellApart(a, b), tellApart(a, b, 'higher'), tellApart(a, b, 'reward')];
        // a loss's words (its minimum, rising past it, falling, lower) never reach an accuracy's or a reward's reply
        for (const t of [higher, reward]) expect(t, `${a}|${b}`).not.toMatch(lossWords);
        // an agent is evaluated on episodes, with no validation set or Keras callback
        expect(reward, `${a}|${b}`).not.toMatch(/validation set|EarlyStopping|\bval\b|(?:below|above|follows) train\b/);
        if (/minimum|falling|rising|rises|lower\b|above/.test(loss.replace('lower the learning rate', '')))
          expect(higher).not.toBe(loss);
        if (/validation set|EarlyStopping|val\b/.test(loss)) expect(reward).not.toBe(higher);
      }
  });

  it("quote the run's own numbers in the reasons", () => {
    const d = diagnose(historyToLog(noisyCurves(5, 50, SHAPES.over, 0.01)));
    expect(d.reasons.join(' ')).toMatch(/\d/);
    expect(d.reasons[0]).toMatch(/val_loss|loss/);
  });
});
