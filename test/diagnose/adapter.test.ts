/**
 * The real-log adapter (src/diagnose/adapt.ts) and its fit (scripts/diagnoser/adapter.ts): identity when it is
 * absent or malformed, the hard rules over it, a fit that learns what the labels say and stays deterministic,
 * and the shipped one applied to logs people send but never to the engine's own runs.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTER_CLIP, adapted, adapterReady, type Adapter } from '../../src/diagnose/adapt.js';
import { settle } from '../../src/diagnose/decide.js';
import { diagnoseDetailed } from '../../src/diagnose/index.js';
import { MODEL_CLASSES, type Probabilities } from '../../src/diagnose/model.js';
import { REAL_ADAPTER } from '../../src/diagnose/real-adapter.js';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { historyToLog } from '../../src/train/history.js';
import { fitAdapter, type AdapterExample } from '../../scripts/diagnoser/adapter.js';

const D = FEATURE_NAMES.length;
const K = MODEL_CLASSES.length;
const probs = (...p: number[]) => Object.fromEntries(MODEL_CLASSES.map((c, i) => [c, p[i]])) as Probabilities;
const identity = (): Adapter => ({
  features: [...FEATURE_NAMES],
  classes: [...MODEL_CLASSES],
  mean: new Array(D).fill(0),
  std: new Array(D).fill(1),
  scale: 1,
  bias: new Array(K).fill(0),
  weights: new Array(D * K).fill(0),
});
const x0 = new Float64Array(D);

describe('the adapter', () => {
  const p = probs(0.5, 0.1, 0.3, 0.05, 0.05);

  it('changes nothing when absent, malformed or the identity', () => {
    expect(adapted(p, x0, null)).toEqual(p);
    expect(adapted(p, x0, { ...identity(), weights: [1, 2] })).toEqual(p);
    expect(adapted(p, x0, { ...identity(), features: ['other', ...FEATURE_NAMES.slice(1)] })).toEqual(p);
    expect(adapterReady({ ...identity(), scale: NaN })).toBe(false);
    // a number that is not one anywhere in the table, or a zero spread, makes the whole adapter unusable
    expect(adapted(p, x0, { ...identity(), bias: [0, NaN, 0, 0, 0] })).toEqual(p);
    expect(
      adapted(p, x0, { ...identity(), weights: new Array(D * K).fill(0).map((v, i) => (i === 7 ? Infinity : v)) }),
    ).toEqual(p);
    expect(adapterReady({ ...identity(), std: new Array(D).fill(1).map((v, i) => (i === 3 ? 0 : v)) })).toBe(false);
    // the model's own numbers not finite: nothing is read into them
    const broken = { ...p, unstable: NaN };
    expect(adapted(broken, x0, { ...identity(), bias: [1, 0, 0, 0, 0] })).toEqual(broken);
    const q = adapted(p, x0, identity());
    for (const c of MODEL_CLASSES) expect(q[c]).toBeCloseTo(p[c], 10);
  });

  it('moves the verdict by its bias and by a feature, and the hard rules still win', () => {
    const toUnder = { ...identity(), bias: [0, 0, 1, 0, 0] };
    expect(settle(p, x0, { blewUp: false, frozen: false }, toUnder).pattern).toBe('underfitting');
    expect(settle(p, x0, { blewUp: false, frozen: false }, null).pattern).toBe('good_fit');
    // a weight on one feature's column for overfitting: only a run high on that feature moves
    const j = FEATURE_NAMES.indexOf('val_rise');
    const weights = new Array(D * K).fill(0);
    weights[j * K + MODEL_CLASSES.indexOf('overfitting')] = 2;
    const byRise = { ...identity(), weights };
    const risen = Float64Array.from(x0, (_, i) => (i === j ? 2 : 0));
    expect(settle(p, risen, { blewUp: false, frozen: false }, byRise).pattern).toBe('overfitting');
    expect(settle(p, x0, { blewUp: false, frozen: false }, byRise).pattern).toBe('good_fit');
    // a feature far outside what the fit saw counts as ADAPTER_CLIP standard deviations, no more
    const far = Float64Array.from(x0, (_, i) => (i === j ? 1e6 : i === 0 ? NaN : 0));
    const atClip = Float64Array.from(x0, (_, i) => (i === j ? ADAPTER_CLIP : 0));
    expect(adapted(p, far, byRise)).toEqual(adapted(p, atClip, byRise));
    // a blown-up run is unstable and a frozen one underfitting, whatever the adapter says
    const toGood = { ...identity(), bias: [5, 0, 0, 0, 0] };
    expect(settle(p, x0, { blewUp: true, frozen: false }, toGood).pattern).toBe('unstable');
    expect(settle(p, x0, { blewUp: false, frozen: true }, toGood).pattern).toBe('underfitting');
    const s = settle(p, x0, { blewUp: false, frozen: false }, toGood).probabilities;
    expect(MODEL_CLASSES.reduce((t, c) => t + s[c], 0)).toBeCloseTo(1, 12);
  });
});

describe('fitting the adapter', () => {
  // the model says good fit everywhere; the labels say underfitting wherever one feature is high
  const j = FEATURE_NAMES.indexOf('train_total_improvement');
  const data: AdapterExample[] = Array.from({ length: 200 }, (_, n) => {
    const high = n % 2 === 0;
    const x = Float64Array.from(x0, (_, i) =>
      i === j ? (high ? 1 : -1) + 0.01 * (n % 7) : 0.001 * ((n * (i + 1)) % 5),
    );
    const label = high ? 2 : 0;
    return { x, model: probs(0.6, 0.1, 0.2, 0.05, 0.05), acceptable: [label], label };
  });

  it('learns what the labels say, from the features, deterministically', () => {
    const a = fitAdapter(data);
    expect(adapterReady(a)).toBe(true);
    expect(fitAdapter(data)).toEqual(a);
    const wrong = data.filter(
      (e) => settle(e.model, e.x, { blewUp: false, frozen: false }, a).pattern !== MODEL_CLASSES[e.label],
    );
    expect(wrong).toEqual([]);
  });

  it('stays near the identity under a strong pull, and ignores examples without a model label', () => {
    const a = fitAdapter(data, { l2: 1000, primaryWeight: 0.5, iterations: 300, lr: 0.02 });
    expect(Math.abs(a.scale - 1)).toBeLessThan(0.01);
    for (const w of [...a.bias, ...a.weights]) expect(Math.abs(w)).toBeLessThan(0.01);
    const none = data.map((e) => ({ ...e, acceptable: [], label: -1 }));
    const b = fitAdapter([...data, ...none]);
    expect(b.bias).toEqual(fitAdapter(data).bias);
  });
});

describe('the shipped adapter', () => {
  it('is usable, says what it was fitted on, and reads logs people send, not the engine own runs', () => {
    expect(adapterReady(REAL_ADAPTER)).toBe(true);
    expect(REAL_ADAPTER!.provenance.batches.length).toBeGreaterThan(10);
    const history = {
      loss: Array.from({ length: 30 }, (_, i) => 1 / (1 + 0.2 * i) + 0.02 * Math.sin(i * 1.7)),
      val_loss: Array.from({ length: 30 }, (_, i) => 1.1 / (1 + 0.15 * i) + 0.004 * i + 0.03 * Math.cos(i * 2.3)),
    };
    const upload = diagnoseDetailed(historyToLog(history));
    const trained = diagnoseDetailed(historyToLog(history), { origin: 'trained' });
    expect(upload.model).toEqual(trained.model);
    const hard = { blewUp: upload.hardUnstable, frozen: upload.frozen };
    expect(upload.decided).toEqual(
      settle(upload.model as Probabilities, upload.features!, hard, REAL_ADAPTER).probabilities,
    );
    expect(trained.decided).toEqual(
      settle(trained.model as Probabilities, trained.features!, hard, null).probabilities,
    );
    expect(upload.decided).not.toEqual(trained.decided);
  });
});
