/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio, Kégl, "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011), written after hyperopt's tpe.py and Optuna's
 * TPESampler. Pure: (space, history of {params, loss}, rng) -> the next params.
 *
 * - The first `startup` trials are prior draws (random search).
 * - Then the history is split by loss: the best n_good = min(ceil(0.1 n), 25) trials are "good"
 *   (Optuna's default_gamma), the rest "bad". hyperopt's ceil(0.25 sqrt(n)) keeps fewer (2 of 30)
 *   and found worse optima on our seeded test functions (docs/train.md#tpe-search). Pruned trials rank after every finished one
 *   (Optuna's TPE does the same), by their best val_loss before they were stopped.
 * - Per dimension, independently (hyperopt's and Optuna's default, univariate), a Parzen estimator
 *   l(x) over the good observations and g(x) over the bad ones: numeric dimensions are a mixture of
 *   Gaussians truncated to [low, high], one on each observation plus one on the prior (mean the middle
 *   of the range, sigma its width), each observation's sigma the larger gap to its sorted neighbours,
 *   clipped to [width / min(100, 1 + n), width] (hyperopt's adaptive_parzen_normal); loguniform works
 *   in log space, quniform scores the probability mass of the value's q-bin. Choices are counts plus
 *   a prior weight of 1 spread over the options.
 * - `candidates` (24) draws from l(x); the one with the largest log l(x) - log g(x) (the expected-
 *   improvement ratio) is suggested.
 */
import {
  quantize,
  samplePrior,
  sampleSpace,
  SEARCH_PARAMS,
  type Dimension,
  type Params,
  type SearchSpace,
} from './space.js';
import { normal } from '../../util/random.js';

export interface Observation {
  params: Params;
  /** the trial's best val_loss (non-finite counts as the worst) */
  loss: number;
  /** stopped by the pruner: ranked after every finished trial */
  pruned?: boolean;
}

export interface TpeOptions {
  /** prior draws before the estimator takes over (Optuna: 10, hyperopt: 20) */
  startup?: number;
  /** draws from l(x) scored per dimension (hyperopt and Optuna: 24) */
  candidates?: number;
  /** the good share: n_good = min(ceil(gamma * n), 25) (Optuna's default, gamma 0.1) */
  gamma?: number;
  /** weight of the prior component in each estimator (both libraries: 1) */
  priorWeight?: number;
}

export const TPE_DEFAULTS = { startup: 10, candidates: 24, gamma: 0.1, priorWeight: 1 } as const;

/** Optuna's cap on the good group */
const MAX_GOOD = 25;

/** How many trials are "good" among n (Optuna's default_gamma: min(ceil(0.1 n), 25), at least 1). */
export function nGood(n: number, gamma: number = TPE_DEFAULTS.gamma): number {
  return Math.max(1, Math.min(n - 1, MAX_GOOD, Math.ceil(gamma * n)));
}

/** The history split into the good and bad observations (best first). */
export function splitHistory(history: Observation[], gamma: number): { good: Observation[]; bad: Observation[] } {
  const key = (o: Observation) => (Number.isFinite(o.loss) ? o.loss : Infinity);
  const sorted = history
    .map((o, i) => ({ o, i }))
    .sort((a, b) => Number(!!a.o.pruned) - Number(!!b.o.pruned) || key(a.o) - key(b.o) || a.i - b.i)
    .map((x) => x.o);
  const k = nGood(sorted.length, gamma);
  return { good: sorted.slice(0, k), bad: sorted.slice(k) };
}

// ---- numeric estimators ----------------------------------------------------------------------

/** erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7) */
function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const Phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

interface Mixture {
  mus: number[];
  sigmas: number[];
  weights: number[];
  low: number;
  high: number;
}

/** hyperopt's adaptive_parzen_normal: the prior plus one Gaussian per observation (internal units). */
export function parzen(obs: number[], low: number, high: number, priorWeight: number): Mixture {
  const priorMu = 0.5 * (low + high);
  const priorSigma = high - low;
  const pts = [...obs.map((x) => ({ x, prior: false })), { x: priorMu, prior: true }].sort((a, b) => a.x - b.x);
  const mus = pts.map((p) => p.x);
  const n = mus.length;
  const sigmas = mus.map((m, i) => {
    if (n === 1) return priorSigma;
    const left = i > 0 ? m - mus[i - 1] : -Infinity;
    const right = i < n - 1 ? mus[i + 1] - m : -Infinity;
    return Math.max(left, right);
  });
  const minSigma = priorSigma / Math.min(100, 1 + n);
  const weights = pts.map((p) => (p.prior ? priorWeight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    mus,
    sigmas: sigmas.map((s, i) => (pts[i].prior ? priorSigma : Math.min(priorSigma, Math.max(minSigma, s)))),
    weights: weights.map((w) => w / total),
    low,
    high,
  };
}

/** A draw from the mixture truncated to [low, high] (rejection, as hyperopt's GMM1 does). */
function drawMixture(m: Mixture, r: () => number): number {
  for (let tries = 0; tries < 64; tries++) {
    let u = r();
    let k = 0;
    while (k < m.weights.length - 1 && u >= m.weights[k]) u -= m.weights[k++];
    const x = m.mus[k] + m.sigmas[k] * normal(r);
    if (x >= m.low && x <= m.high) return x;
  }
  return m.low + r() * (m.high - m.low);
}

/** log density (or, with a bin, log probability mass of [lo, hi]) of the truncated mixture. */
function logMixture(m: Mixture, x: number, bin?: [number, number]): number {
  let accept = 0;
  let p = 0;
  for (let k = 0; k < m.mus.length; k++) {
    const s = m.sigmas[k];
    const mass = Phi((m.high - m.mus[k]) / s) - Phi((m.low - m.mus[k]) / s);
    accept += m.weights[k] * mass;
    if (bin) p += m.weights[k] * Math.max(0, Phi((bin[1] - m.mus[k]) / s) - Phi((bin[0] - m.mus[k]) / s));
    else {
      const z = (x - m.mus[k]) / s;
      p += (m.weights[k] * Math.exp(-0.5 * z * z)) / (s * Math.sqrt(2 * Math.PI));
    }
  }
  return Math.log(Math.max(p, 1e-300)) - Math.log(Math.max(accept, 1e-300));
}

type Numeric = Exclude<Dimension, { type: 'choice' }>;

const toInternal = (d: Numeric, v: number) => (d.type === 'loguniform' ? Math.log(v) : v);

function suggestNumeric(d: Numeric, good: number[], bad: number[], r: () => number, o: Required<TpeOptions>): number {
  const l = parzen(
    good.map((v) => toInternal(d, v)),
    d.low,
    d.high,
    o.priorWeight,
  );
  const g = parzen(
    bad.map((v) => toInternal(d, v)),
    d.low,
    d.high,
    o.priorWeight,
  );
  let best = NaN;
  let bestScore = -Infinity;
  for (let c = 0; c < o.candidates; c++) {
    const x = drawMixture(l, r);
    let value: number;
    let score: number;
    if (d.type === 'quniform') {
      value = quantize(d, x);
      const bin: [number, number] = [Math.max(d.low, value - d.q / 2), Math.min(d.high, value + d.q / 2)];
      score = logMixture(l, value, bin) - logMixture(g, value, bin);
    } else {
      value = d.type === 'loguniform' ? Math.exp(x) : x;
      score = logMixture(l, x) - logMixture(g, x);
    }
    if (score > bestScore) {
      bestScore = score;
      best = value;
    }
  }
  return best;
}

// ---- categorical ----------------------------------------------------------------------------

function choiceProbs(
  options: (string | number)[],
  obs: (string | number | undefined)[],
  priorWeight: number,
): number[] {
  const p = options.map(() => priorWeight / options.length);
  for (const v of obs) {
    const k = options.indexOf(v as string | number);
    if (k >= 0) p[k] += 1;
  }
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

function suggestChoice(
  d: Extract<Dimension, { type: 'choice' }>,
  good: (string | number | undefined)[],
  bad: (string | number | undefined)[],
  r: () => number,
  o: Required<TpeOptions>,
): string | number {
  const l = choiceProbs(d.options, good, o.priorWeight);
  const g = choiceProbs(d.options, bad, o.priorWeight);
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < o.candidates; c++) {
    let u = r();
    let k = 0;
    while (k < l.length - 1 && u >= l[k]) u -= l[k++];
    const score = Math.log(l[k]) - Math.log(g[k]);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return d.options[best];
}

// ---- the sampler ----------------------------------------------------------------------------

/** The next point to try, given every finished (or pruned) trial so far. Deterministic for a given rng. */
export function suggest(space: SearchSpace, history: Observation[], r: () => number, options: TpeOptions = {}): Params {
  const o: Required<TpeOptions> = { ...TPE_DEFAULTS, ...options };
  if (history.length < Math.max(2, o.startup)) return sampleSpace(space, r);
  const { good, bad } = splitHistory(history, o.gamma);
  const out: Params = {};
  for (const name of SEARCH_PARAMS) {
    const d = space[name];
    if (!d) continue;
    const gv = good.map((h) => h.params[name]);
    const bv = bad.map((h) => h.params[name]);
    if (d.type === 'choice') out[name] = suggestChoice(d, gv, bv, r, o);
    else {
      const num = (vs: (string | number | undefined)[]) =>
        vs.filter(
          (v): v is number => typeof v === 'number' && Number.isFinite(v) && (d.type !== 'loguniform' || v > 0),
        );
      out[name] = suggestNumeric(d, num(gv), num(bv), r, o);
    }
    if (out[name] === undefined || (typeof out[name] === 'number' && !Number.isFinite(out[name] as number)))
      out[name] = samplePrior(d, r);
  }
  return out;
}
