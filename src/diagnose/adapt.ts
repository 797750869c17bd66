/**
 * The real-log adapter: one multinomial logistic layer on top of the learned model, for logs people send. The
 * model (model.ts) was fitted on the curve zoo, runs of curve-triage's own engine labelled by intervention; on
 * real logs from public projects its verdicts missed in ways a layer over its own output can learn (a loss that
 * fell fast and levelled off at a floor far from 0 read as stalled, a noisy but falling validation read as
 * unstable). The layer's logits are
 *
 *   scale x log(model probability) + bias + weights . standardised feature vector
 *
 * fitted by scripts/diagnoser/calibrate-real.ts on the labelled wild batches (bench/wild*: real logs, two blind
 * expert labelling passes each), with an L2 pull towards "change nothing" (scale 1, bias 0, weights 0), and
 * judged leave-one-batch-out and on ../shared/corpus/real, which it never reads (docs/diagnosis.md). Runs of the
 * engine keep the model's own answer: the zoo's labels are interventional and the adapter was never fitted on them.
 * Pure and deterministic.
 */
import { MODEL_CLASSES, softmax, type Probabilities } from './model.js';
import { FEATURE_NAMES } from './vector.js';

export interface Adapter {
  features: readonly string[];
  classes: readonly string[];
  /** the standardiser of the feature vector */
  mean: number[];
  std: number[];
  /** weight of the model's log-probabilities */
  scale: number;
  /** one per class */
  bias: number[];
  /** features x classes, row-major */
  weights: number[];
}

/** A shipped adapter (real-adapter.ts), with what it was fitted on and how (scripts/diagnoser/adapter.ts options). */
export interface FittedAdapter extends Adapter {
  provenance: {
    batches: string[];
    examples: number;
    options: { l2: number; primaryWeight: number; iterations: number; lr: number };
  };
}

/** Floor of a model probability before its log (the fit uses the same). */
export const ADAPTER_FLOOR = 1e-4;

/** A standardised feature is clipped to +-this (the fit uses the same): a feature nearly constant on the logs it
 * was fitted on (spike_fraction: mean 0.001, std 0.008) would otherwise reach z = 40 on a spiky run and carry the
 * verdict far outside anything the fit saw. Four standard deviations, ours, a priori (session 26's review). */
export const ADAPTER_CLIP = 4;

/** The adapter's input: feature i standardised and clipped, 0 (the mean) where it is not a finite number. */
export function adapterInput(x: ArrayLike<number>, mean: readonly number[], std: readonly number[]): Float64Array {
  return Float64Array.from(mean, (m, i) => {
    const z = (x[i] - m) / (std[i] || 1);
    return Number.isFinite(z) ? Math.max(-ADAPTER_CLIP, Math.min(ADAPTER_CLIP, z)) : 0;
  });
}

/** Adapters already found usable (a shipped one is checked once, not per diagnosis). */
const checked = new WeakSet<Adapter>();

/** True when an adapter matches this build's features and classes (a mismatched one is ignored, not misread). */
export function adapterReady(a: Adapter | null | undefined): a is Adapter {
  if (a && checked.has(a)) return true;
  const d = FEATURE_NAMES.length;
  const k = MODEL_CLASSES.length;
  const ok =
    !!a &&
    a.features.length === d &&
    a.features.every((f, i) => f === FEATURE_NAMES[i]) &&
    a.classes.length === k &&
    a.classes.every((c, i) => c === MODEL_CLASSES[i]) &&
    a.mean.length === d &&
    a.std.length === d &&
    a.bias.length === k &&
    a.weights.length === d * k &&
    Number.isFinite(a.scale) &&
    [...a.mean, ...a.bias, ...a.weights].every(Number.isFinite) &&
    a.std.every((v) => Number.isFinite(v) && v > 0);
  if (ok) checked.add(a);
  return ok;
}

/** The adapter's logits for the model's probabilities `p` and the run's feature vector `x`. */
export function adapterLogits(a: Adapter, p: Probabilities, x: ArrayLike<number>): Float64Array {
  const k = MODEL_CLASSES.length;
  const out = Float64Array.from(MODEL_CLASSES, (c, j) => {
    const q = p[c];
    return a.scale * Math.log(Number.isFinite(q) ? Math.max(q, ADAPTER_FLOOR) : ADAPTER_FLOOR) + a.bias[j];
  });
  const z = adapterInput(x, a.mean, a.std);
  for (let i = 0; i < z.length; i++) {
    if (z[i] === 0) continue;
    for (let j = 0; j < k; j++) out[j] += a.weights[i * k + j] * z[i];
  }
  return out;
}

/** The model's probabilities through the adapter (a copy; unchanged when there is no usable adapter, or when
 * the model's own numbers are not finite: nothing is read into them). */
export function adapted(p: Probabilities, x: ArrayLike<number>, a: Adapter | null | undefined): Probabilities {
  if (!adapterReady(a) || !MODEL_CLASSES.every((c) => Number.isFinite(p[c]))) return { ...p };
  const q = softmax(adapterLogits(a, p, x));
  return Object.fromEntries(MODEL_CLASSES.map((c, j) => [c, q[j]])) as Probabilities;
}
