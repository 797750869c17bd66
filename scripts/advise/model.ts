/**
 * Fitting the re-ranker (src/advise/rerank.ts): multinomial logistic regression over the hand
 * ranking's top candidates, one weight column per entry for each question feature, shared weights for
 * how the hand ranking placed each candidate, a bias per entry. Multi-label: a question's loss is
 * -log of the probability mass on ALL its fitting entries (any one counts, so the mass may go to any).
 * Full-batch Adam from zeros, fixed iterations: deterministic.
 */
import { ENTRIES } from '../../src/advise/index.js';
import { PAIR_FEATURES, pairFeatures, rerank, type Ranked, type RerankWeights } from '../../src/advise/rerank.js';
import { FALLBACK_ENTRY, handRanking, rerankFeatures } from '../../src/advise/search.js';
import type { Phrasing } from './sets.js';

export interface Example {
  question: string;
  fits: string[];
  features: Map<string, number>;
  ranked: Ranked[];
}

export interface FitOptions {
  /** candidates re-ordered */
  candidates: number;
  /** L2 on the per-entry weights and biases */
  lambda: number;
  iterations: number;
  learningRate: number;
  /** a feature must occur in at least this many training questions */
  minCount: number;
  /**
   * Fixed weights of the PAIR_FEATURES (how much the hand ranking counts), not fitted: fitted on
   * phrasings the hand rules were tuned on, they would learn to trust the hand ranking always.
   */
  pair: number[];
}

/**
 * OURS: candidates and L2 fixed before the leave-one-set-out runs (iterations and step size then set
 * for speed, same optimum); docs/advice.md lists the few variants tried.
 */
export const DEFAULT_FIT: FitOptions = {
  candidates: 5,
  lambda: 1e-3,
  iterations: 150,
  learningRate: 0.1,
  minCount: 2,
  pair: [0, 0],
};

/**
 * The PAIR_FEATURES weights tried: [weight of the hand score, bonus of the hand's first place].
 * [0, 0] is the text model alone; larger values trust the hand ranking more.
 */
export const PAIR_GRID: number[][] = [0, 0.5, 1, 2, 4, 8, 16, 32].flatMap((s) => [0, 0.5, 1, 2].map((r) => [s, r]));

/**
 * The PAIR_FEATURES weights fit.ts writes into a table: the grid point the leave-one-set-out run
 * (loso.ts, defaults) chose for 10 of the 11 held-out sets (docs/advice.md). No table is shipped.
 */
export const SHIPPED_PAIR = [8, 0];

const cache = new Map<string, Example>();
export function example([question, fits]: Phrasing): Example {
  const key = question + '\u0000' + fits.join('|');
  let e = cache.get(key);
  if (!e) {
    const { ranked, understood } = handRanking(question);
    e = { question, fits, features: rerankFeatures(understood), ranked };
    cache.set(key, e);
  }
  return e;
}

export function fit(train: Example[], o: FitOptions = DEFAULT_FIT): RerankWeights {
  const entries = ENTRIES.map((e) => e.id);
  const col = new Map(entries.map((id, i) => [id, i]));
  const E = entries.length;
  const P = PAIR_FEATURES.length;
  // vocabulary: features seen in enough training questions, in first-seen order (deterministic)
  const count = new Map<string, number>();
  for (const ex of train) for (const f of ex.features.keys()) count.set(f, (count.get(f) ?? 0) + 1);
  const vocab = [...count].filter(([, c]) => c >= o.minCount).map(([f]) => f);
  const fIndex = new Map(vocab.map((f, i) => [f, i]));
  const V = vocab.length;
  // the training rows: candidates, their pair features, which fit, the sparse question features
  const rows = train.flatMap((ex) => {
    const head = ex.ranked.slice(0, o.candidates);
    if (head.length < 2) return [];
    const fit = head.map((c) => ex.fits.includes(c.id));
    if (!fit.some(Boolean)) return [];
    const x: [number, number][] = [];
    for (const [f, v] of ex.features) {
      const i = fIndex.get(f);
      if (i !== undefined) x.push([i, v]);
    }
    return [{ cols: head.map((c) => col.get(c.id)!), pf: head.map((c, r) => pairFeatures(r, c.score)), fit, x }];
  });
  const W = new Float64Array(V * E);
  const bias = new Float64Array(E);
  const pair = Float64Array.from(o.pair);
  const params = [W, bias];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const g = params.map((p) => new Float64Array(p.length));
  const b1 = 0.9,
    b2 = 0.999,
    eps = 1e-8;
  const n = rows.length || 1;
  for (let it = 1; it <= o.iterations; it++) {
    for (const x of g) x.fill(0);
    for (const r of rows) {
      const z = r.cols.map((e, k) => {
        let s = bias[e];
        for (let j = 0; j < P; j++) s += pair[j] * r.pf[k][j];
        for (const [i, xv] of r.x) s += W[i * E + e] * xv;
        return s;
      });
      const mx = Math.max(...z);
      const ex = z.map((s) => Math.exp(s - mx));
      const sum = ex.reduce((a, b) => a + b, 0);
      const p = ex.map((s) => s / sum);
      const fitMass = p.reduce((a, s, k) => a + (r.fit[k] ? s : 0), 0);
      // d(-log sum_fit p)/dz_k = p_k - [fit_k] p_k / fitMass
      r.cols.forEach((e, k) => {
        const d = (p[k] - (r.fit[k] ? p[k] / fitMass : 0)) / n;
        if (d === 0) return;
        g[1][e] += d;
        for (const [i, xv] of r.x) g[0][i * E + e] += d * xv;
      });
    }
    for (let i = 0; i < W.length; i++) g[0][i] += o.lambda * W[i];
    for (let i = 0; i < E; i++) g[1][i] += o.lambda * bias[i];
    const lr = (o.learningRate * Math.sqrt(1 - b2 ** it)) / (1 - b1 ** it);
    params.forEach((p, k) => {
      const gk = g[k],
        mk = m[k],
        vk = v[k];
      for (let i = 0; i < p.length; i++) {
        if (gk[i] === 0 && mk[i] === 0) continue;
        mk[i] = b1 * mk[i] + (1 - b1) * gk[i];
        vk[i] = b2 * vk[i] + (1 - b2) * gk[i] * gk[i];
        p[i] -= (lr * mk[i]) / (Math.sqrt(vk[i]) + eps);
      }
    });
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const features: Record<string, number[]> = {};
  vocab.forEach((f, i) => {
    const row: number[] = [];
    for (let e = 0; e < E; e++) {
      const w = round(W[i * E + e]);
      if (Math.abs(w) >= 1e-3) row.push(e, w);
    }
    if (row.length) features[f] = row;
  });
  return {
    version: 1,
    entries,
    candidates: o.candidates,
    pair: [...pair].map(round),
    bias: [...bias].map(round),
    features,
  };
}

/** the top-1 id with the re-ranker (same code path as search()) and without it */
export function top1(ex: Example, w: RerankWeights | null): string {
  return (w ? rerank(ex.features, ex.ranked, w) : ex.ranked)[0]?.id ?? FALLBACK_ENTRY;
}
