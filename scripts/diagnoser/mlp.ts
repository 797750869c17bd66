/**
 * Fitting the diagnoser's networks (offline; inference is src/diagnose/model.ts): full-batch Adam on a
 * class-weighted cross-entropy with soft targets (a borderline run's mass is shared by its acceptable
 * labels), L2 on the weights, an ensemble of seeds, then one temperature fitted on a held-out split.
 * Deterministic: seeded initialisation, fixed iteration counts, no data-order randomness.
 */
import { mulberry32, normal } from '../../src/util/random.js';
import { blended, softmax, type Member, type Weights } from '../../src/diagnose/model.js';

export interface Example {
  x: Float64Array;
  /** target distribution over the classes (sums to 1) */
  y: Float64Array;
  /** the primary label's index */
  label: number;
  /** indices of every acceptable label */
  acceptable: number[];
  weight: number;
  group: string;
}

export interface FitOptions {
  hidden: number;
  members: number;
  iterations: number;
  lr: number;
  l2: number;
  seed: number;
}

/** Chosen on the zoo's dev split: wider or less regularised networks fit the train split (99%) and not dev. */
export const DEFAULT_FIT: FitOptions = { hidden: 16, members: 5, iterations: 800, lr: 0.01, l2: 0.03, seed: 1 };

export function standardiser(xs: Float64Array[]): { mean: number[]; std: number[] } {
  const d = xs[0].length;
  const mean = new Array(d).fill(0);
  const std = new Array(d).fill(0);
  for (const x of xs) for (let i = 0; i < d; i++) mean[i] += x[i] / xs.length;
  for (const x of xs) for (let i = 0; i < d; i++) std[i] += (x[i] - mean[i]) ** 2 / xs.length;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]) || 1;
  return { mean, std };
}

function fitMember(Z: Float64Array[], data: Example[], K: number, o: FitOptions, seed: number): Member {
  const d = Z[0].length;
  const H = o.hidden;
  const r = mulberry32(seed);
  const w1 = Float64Array.from({ length: H * d }, () => normal(r) * Math.sqrt(1 / d));
  const b1 = new Float64Array(H);
  const w2 = Float64Array.from({ length: K * H }, () => normal(r) * Math.sqrt(1 / H));
  const b2 = new Float64Array(K);
  const params = [w1, b1, w2, b2];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const g = params.map((p) => new Float64Array(p.length));
  const [gw1, gb1, gw2, gb2] = g;
  const totalW = data.reduce((a, e) => a + e.weight, 0);
  const h = new Float64Array(H);
  const dh = new Float64Array(H);
  const z = new Float64Array(K);
  for (let it = 1; it <= o.iterations; it++) {
    for (const gg of g) gg.fill(0);
    for (let n = 0; n < data.length; n++) {
      const x = Z[n];
      const ex = data[n];
      for (let j = 0; j < H; j++) {
        let s = b1[j];
        const row = j * d;
        for (let i = 0; i < d; i++) s += w1[row + i] * x[i];
        h[j] = Math.tanh(s);
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = b2[k];
        const row = k * H;
        for (let j = 0; j < H; j++) s += w2[row + j] * h[j];
        z[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k] - max);
        sum += z[k];
      }
      const c = ex.weight / totalW;
      dh.fill(0);
      for (let k = 0; k < K; k++) {
        const dz = (z[k] / sum - ex.y[k]) * c;
        gb2[k] += dz;
        const row = k * H;
        for (let j = 0; j < H; j++) {
          gw2[row + j] += dz * h[j];
          dh[j] += dz * w2[row + j];
        }
      }
      for (let j = 0; j < H; j++) {
        const da = dh[j] * (1 - h[j] * h[j]);
        gb1[j] += da;
        const row = j * d;
        for (let i = 0; i < d; i++) gw1[row + i] += da * x[i];
      }
    }
    for (let q = 0; q < w1.length; q++) gw1[q] += o.l2 * w1[q];
    for (let q = 0; q < w2.length; q++) gw2[q] += o.l2 * w2[q];
    // Adam
    const b1c = 1 - 0.9 ** it;
    const b2c = 1 - 0.999 ** it;
    for (let pi = 0; pi < params.length; pi++) {
      const P = params[pi];
      const M = m[pi];
      const Vv = v[pi];
      const G = g[pi];
      for (let q = 0; q < P.length; q++) {
        M[q] = 0.9 * M[q] + 0.1 * G[q];
        Vv[q] = 0.999 * Vv[q] + 0.001 * G[q] * G[q];
        P[q] -= (o.lr * (M[q] / b1c)) / (Math.sqrt(Vv[q] / b2c) + 1e-8);
      }
    }
  }
  const round = (a: Float64Array) => Array.from(a, (x) => Number(x.toPrecision(6)));
  return { w1: round(w1), b1: round(b1), w2: round(w2), b2: round(b2) };
}

/** Fit the ensemble (temperature 1; calibrate() sets it). */
export function fit(
  data: Example[],
  features: readonly string[],
  classes: readonly string[],
  o: FitOptions = DEFAULT_FIT,
): Weights {
  const { mean, std } = standardiser(data.map((e) => e.x));
  const Z = data.map((e) => Float64Array.from(e.x, (v, i) => (v - mean[i]) / std[i]));
  const members: Member[] = [];
  for (let k = 0; k < o.members; k++) members.push(fitMember(Z, data, classes.length, o, o.seed * 1000 + k * 7919 + 1));
  return {
    version: 1,
    features,
    classes,
    mean: mean.map((x) => Number(x.toPrecision(6))),
    std: std.map((x) => Number(x.toPrecision(6))),
    hidden: o.hidden,
    members,
    temperature: 1,
    provenance: {},
  };
}

/**
 * The rules' share and the temperature (grids 0..0.8 and 0.3..4) that minimise the negative log-likelihood
 * of the labels on held-out examples (a borderline run counts the mass of all its acceptable labels).
 */
export function calibrate(
  w: Weights,
  held: (Example & { rules?: Record<string, number> })[],
  ruleWeights = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
): { temperature: number; rule_weight: number } {
  let best = { temperature: 1, rule_weight: 0 };
  let bestNll = Infinity;
  for (const rw of ruleWeights) {
    const L = held.map((e) => blended(w, e.x, e.rules, rw));
    for (let t = 0.3; t <= 4.0001; t += 0.02) {
      let nll = 0;
      held.forEach((e, i) => {
        const p = softmax(L[i], t);
        let q = 0;
        for (const k of e.acceptable) q += p[k];
        nll -= Math.log(Math.max(e.acceptable.length > 1 ? q : p[e.label], 1e-12));
      });
      if (nll < bestNll) {
        bestNll = nll;
        best = { temperature: Number(t.toFixed(2)), rule_weight: rw };
      }
    }
  }
  return best;
}
