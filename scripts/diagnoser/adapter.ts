/**
 * Fitting the real-log adapter (offline; inference is src/diagnose/adapt.ts): a multinomial logistic layer over
 * the model's log-probabilities and the standardised feature vector, on real logs with two blind expert labels.
 * The loss follows what the benchmark scores: the probability mass on the acceptable labels (lenient), plus
 * `primaryWeight` x the primary label's (strict scores it on clear rows; the fit on every row with a primary among
 * the model's classes, a disputed row's being the first pass's); L2 pulls every parameter towards "change nothing" (scale 1,
 * bias 0, weights 0), so a small or one-sided batch moves little. Full-batch Adam from that start, a fixed
 * number of steps: deterministic.
 */
import { ADAPTER_FLOOR, adapterInput, type Adapter, type FittedAdapter } from '../../src/diagnose/adapt.js';
import { MODEL_CLASSES, type Probabilities } from '../../src/diagnose/model.js';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { standardiser } from './mlp.js';

export interface AdapterExample {
  x: Float64Array;
  /** the model's own probabilities (before the adapter and the hard rules) */
  model: Probabilities;
  /** indices (in MODEL_CLASSES) of the acceptable labels; examples with none are not fitted */
  acceptable: number[];
  /** index of the primary label, or -1 when it is none of the model's classes */
  label: number;
}

/** l2: strength of the pull towards the identity adapter; primaryWeight: weight of the primary label's
 * log-probability next to the acceptable mass's; iterations and lr: Adam's. */
export type AdapterOptions = FittedAdapter['provenance']['options'];

/** Chosen leave-one-batch-out on the wild batches (docs/diagnosis.md, "The real-log adapter"). */
export const DEFAULT_ADAPTER: AdapterOptions = { l2: 0.1, primaryWeight: 0.5, iterations: 1500, lr: 0.02 };

export function fitAdapter(data: AdapterExample[], o: AdapterOptions = DEFAULT_ADAPTER): Adapter {
  const K = MODEL_CLASSES.length;
  const used = data.filter((e) => e.acceptable.length > 0);
  const { mean, std } = standardiser(used.map((e) => e.x));
  const d = mean.length;
  // standardised and clipped exactly as inference reads them (adapt.ts adapterInput)
  const Z = used.map((e) => adapterInput(e.x, mean, std));
  const O = used.map((e) => Float64Array.from(MODEL_CLASSES, (c) => Math.log(Math.max(e.model[c], ADAPTER_FLOOR))));
  // parameters: [scale, bias x K, weights d x K]
  const P = new Float64Array(1 + K + d * K);
  P[0] = 1;
  const G = new Float64Array(P.length);
  const M = new Float64Array(P.length);
  const V = new Float64Array(P.length);
  const z = new Float64Array(K);
  const n = used.length;
  for (let it = 1; it <= o.iterations; it++) {
    G.fill(0);
    for (let e = 0; e < n; e++) {
      const x = Z[e];
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = P[0] * O[e][k] + P[1 + k];
        for (let i = 0; i < d; i++) s += P[1 + K + i * K + k] * x[i];
        z[k] = s;
        max = Math.max(max, s);
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k] - max);
        sum += z[k];
      }
      let acc = 0;
      for (const k of used[e].acceptable) acc += z[k] / sum;
      const label = used[e].label;
      for (let k = 0; k < K; k++) {
        const p = z[k] / sum;
        // d(-log acceptable mass)/dz_k = p_k - p_k [k acceptable] / mass; d(-log p_label)/dz_k = p_k - [k = label]
        const inAcc = used[e].acceptable.includes(k) ? p / Math.max(acc, 1e-12) : 0;
        let dz = p - inAcc;
        if (label >= 0) dz += o.primaryWeight * (p - (k === label ? 1 : 0));
        dz /= n;
        G[0] += dz * O[e][k];
        G[1 + k] += dz;
        for (let i = 0; i < d; i++) G[1 + K + i * K + k] += dz * x[i];
      }
    }
    G[0] += 2 * o.l2 * (P[0] - 1);
    for (let q = 1; q < P.length; q++) G[q] += 2 * o.l2 * P[q];
    const c1 = 1 - 0.9 ** it;
    const c2 = 1 - 0.999 ** it;
    for (let q = 0; q < P.length; q++) {
      M[q] = 0.9 * M[q] + 0.1 * G[q];
      V[q] = 0.999 * V[q] + 0.001 * G[q] * G[q];
      P[q] -= (o.lr * (M[q] / c1)) / (Math.sqrt(V[q] / c2) + 1e-8);
    }
  }
  const round = (v: number) => Number(v.toPrecision(6));
  return {
    features: [...FEATURE_NAMES],
    classes: [...MODEL_CLASSES],
    mean: mean.map(round),
    std: std.map(round),
    scale: round(P[0]),
    bias: Array.from(P.subarray(1, 1 + K), round),
    weights: Array.from(P.subarray(1 + K), round),
  };
}
