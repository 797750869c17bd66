/**
 * The learned part of the diagnosis: a small ensemble of one-hidden-layer networks over the feature
 * vector (vector.ts), fitted offline on the curve zoo (scripts/diagnoser/fit.ts, docs/diagnosis.md) and
 * shipped as a table of weights (weights.ts); a table may instead (or also) hold gradient-boosted trees
 * (trees.ts; measured, not shipped today). Its output is a probability per pattern, temperature-scaled
 * on a split the fit never saw so that "0.9" means right nine times in ten. Pure and deterministic.
 */
import { FEATURE_NAMES } from './vector.js';
import { WEIGHTS } from './weights.js';
import { forestLogits, forestValid, type Forest } from './trees.js';

/** The patterns the model tells apart, in its output order. */
export const MODEL_CLASSES = ['good_fit', 'overfitting', 'underfitting', 'high_variance', 'unstable'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

export interface Member {
  /** hidden x inputs, row-major */
  w1: number[];
  b1: number[];
  /** classes x hidden, row-major */
  w2: number[];
  b2: number[];
}

export interface Weights {
  version: number;
  features: readonly string[];
  classes: readonly string[];
  mean: number[];
  std: number[];
  hidden: number;
  /** the network ensemble (may be empty when a forest is shipped) */
  members: Member[];
  /** gradient-boosted trees over the raw feature vector (trees.ts) */
  forest?: Forest;
  /** with both a forest and networks: the forest's share of the logits (the networks get the rest); default 1 */
  forest_share?: number;
  temperature: number;
  /** the verdict's probability mapped to how often such answers were right (absent: the temperature alone) */
  calibration?: Calibration;
  /** weight of the hand-written rules' own verdict in the final log-probabilities (a product of experts:
   * (1 - w) x the network's logits + w x log of the rules' probabilities), chosen on the dev split */
  rule_weight?: number;
  /** what it was fitted on and how it scored there (for docs and the bench; not read by inference) */
  provenance: Record<string, unknown>;
}

export type Probabilities = Record<ModelClass, number>;

/** The model's logits before temperature scaling (the fit script calibrates on these): the forest's, the networks' averaged over their members, or the two mixed by `forest_share`. */
export function logits(w: Weights, x: ArrayLike<number>): Float64Array {
  if (!w.forest) return networkLogits(w, x);
  const trees = forestLogits(w.forest, x);
  const share = w.members.length ? (w.forest_share ?? 1) : 1;
  if (share >= 1) return trees;
  const nets = networkLogits(w, x);
  return trees.map((v, i) => share * v + (1 - share) * nets[i]);
}

/** The networks' logits, averaged over the members. */
function networkLogits(w: Weights, x: ArrayLike<number>): Float64Array {
  const d = w.features.length;
  const H = w.hidden;
  const K = w.classes.length;
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) z[i] = (x[i] - w.mean[i]) / w.std[i];
  const out = new Float64Array(K);
  const h = new Float64Array(H);
  for (const m of w.members) {
    for (let j = 0; j < H; j++) {
      let s = m.b1[j];
      const row = j * d;
      for (let i = 0; i < d; i++) s += m.w1[row + i] * z[i];
      h[j] = Math.tanh(s);
    }
    for (let k = 0; k < K; k++) {
      let s = m.b2[k];
      const row = k * H;
      for (let j = 0; j < H; j++) s += m.w2[row + j] * h[j];
      out[k] += s / w.members.length;
    }
  }
  return out;
}

export function softmax(z: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i] / temperature);
  const p = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    p[i] = Math.exp(z[i] / temperature - max);
    sum += p[i];
  }
  for (let i = 0; i < z.length; i++) p[i] /= sum;
  return p;
}

function membersShaped(m: Member, hidden: number, d: number, k: number): boolean {
  return m.w1.length === hidden * d && m.b1.length === hidden && m.w2.length === k * hidden && m.b2.length === k;
}

/**
 * A reliability map of the verdict's probability (scripts/diagnoser/recalibrate.ts): knots `x` (increasing
 * probabilities) -> `y` (how often answers at that probability were acceptable on config families the
 * model never saw), joined linearly, flat beyond the ends.
 */
export interface Calibration {
  x: number[];
  y: number[];
}

/** `p` through the map (unchanged without one, or with a malformed one). */
export function recalibrated(p: number, c: Calibration | undefined): number {
  if (!c || c.x.length === 0 || c.x.length !== c.y.length) return p;
  const { x, y } = c;
  if (p <= x[0]) return y[0];
  for (let i = 1; i < x.length; i++)
    if (p <= x[i]) return x[i] > x[i - 1] ? y[i - 1] + ((y[i] - y[i - 1]) * (p - x[i - 1])) / (x[i] - x[i - 1]) : y[i];
  return y[y.length - 1];
}

/** Weights tables already found usable (a shipped table is checked once, not per diagnosis). */
const checked = new WeakSet<Weights>();

/** True when a weights table is shipped and matches this build's features and classes. */
export function modelReady(w: Weights | null = WEIGHTS): w is Weights {
  if (w && checked.has(w)) return true;
  const ok =
    !!w &&
    w.features.length === FEATURE_NAMES.length &&
    w.features.every((f, i) => f === FEATURE_NAMES[i]) &&
    w.classes.length === MODEL_CLASSES.length &&
    w.classes.every((c, i) => c === MODEL_CLASSES[i]) &&
    (w.forest ? forestValid(w.forest, FEATURE_NAMES.length, MODEL_CLASSES.length) : w.members.length > 0) &&
    w.members.every((m) => membersShaped(m, w.hidden, FEATURE_NAMES.length, MODEL_CLASSES.length)) &&
    (w.members.length === 0 || (w.mean.length === FEATURE_NAMES.length && w.std.length === FEATURE_NAMES.length));
  if (ok) checked.add(w);
  return ok;
}

/** Floor of a rule probability before its log (the rules' "no" is not certain). */
const RULE_FLOOR = 0.02;

/** The blended logits: the network's, and the rules' log-probabilities when the weights give them a share. */
export function blended(
  w: Weights,
  x: ArrayLike<number>,
  rules?: Partial<Probabilities>,
  ruleWeight = w.rule_weight ?? 0,
): Float64Array {
  const z = logits(w, x);
  if (!rules || !(ruleWeight > 0)) return z;
  let total = 0;
  for (const c of MODEL_CLASSES) total += Math.max(rules[c] ?? 0, RULE_FLOOR);
  return Float64Array.from(
    z,
    (v, i) => (1 - ruleWeight) * v + ruleWeight * Math.log(Math.max(rules[MODEL_CLASSES[i]] ?? 0, RULE_FLOOR) / total),
  );
}

/** Pattern probabilities for one feature vector (and the rules' own probabilities), or undefined when no usable weights are shipped. */
export function predict(
  x: ArrayLike<number>,
  w: Weights | null = WEIGHTS,
  rules?: Partial<Probabilities>,
): Probabilities | undefined {
  if (!modelReady(w)) return undefined;
  const p = softmax(blended(w, x, rules), w.temperature);
  return Object.fromEntries(MODEL_CLASSES.map((c, i) => [c, p[i]])) as Probabilities;
}

/**
 * The verdict's probability through a reliability map `c` (by default the zoo's, shipped in the weights; decide()
 * passes real-calibration.ts's for logs people send), the other patterns rescaled to share the rest and never
 * above it: the verdict stays the verdict, its number becomes how often such answers were right.
 */
export function calibrateVerdict(
  probs: Probabilities,
  top: ModelClass,
  w: Weights | null = WEIGHTS,
  c: Calibration | undefined = w?.calibration,
): void {
  if (!c) return;
  const p = probs[top];
  const q = recalibrated(p, c);
  const rest = 1 - p;
  for (const k of MODEL_CLASSES)
    if (k !== top)
      probs[k] = Math.min(q, rest > 0 ? (probs[k] * (1 - q)) / rest : (1 - q) / (MODEL_CLASSES.length - 1));
  probs[top] = q;
}
