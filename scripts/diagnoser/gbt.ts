/**
 * Fitting the diagnoser's gradient-boosted trees (offline; inference is src/diagnose/trees.ts): softmax
 * boosting with one tree per class per round, second-order leaves (-G / (H + l2)), histogram splits on
 * per-feature quantile bins, depth-limited trees, shrinkage. Soft targets (a borderline run's mass is
 * shared by its acceptable labels) and per-example weights enter through the gradients. Deterministic:
 * no sampling, ties broken by feature then bin order.
 *
 * The same algorithm as scikit-learn's HistGradientBoostingClassifier (checked side by side on the zoo's
 * dev split while choosing it: docs/diagnosis.md); written here because no maintained npm package fits
 * boosted trees with sample weights and soft targets, and the fit is ~200 lines.
 */
import type { Weights } from '../../src/diagnose/model.js';
import { leafValue, NO_SPLIT, type Forest, type Tree } from '../../src/diagnose/trees.js';
import type { Example } from './mlp.js';

export interface TreeOptions {
  rounds: number;
  depth: number;
  learningRate: number;
  /** L2 on the leaf values */
  l2: number;
  /** fewest examples on each side of a split */
  minLeaf: number;
  /** quantile bins per feature (at most 255: bin indices are bytes) */
  bins: number;
  /** class balancing: each class's examples weigh (N / (K n_class))^balance (0 = as sampled, 1 = balanced) */
  balance: number;
}

/** Chosen on the zoo's dev split (docs/diagnosis.md, "Boosted trees"). */
export const DEFAULT_TREES: TreeOptions = {
  rounds: 200,
  depth: 3,
  learningRate: 0.05,
  l2: 0,
  minLeaf: 20,
  bins: 64,
  balance: 1,
};

/** Split points per feature: midpoints between consecutive distinct quantiles of the training values. */
function binEdges(xs: Float64Array[], f: number, bins: number): number[] {
  const v = xs.map((x) => x[f]).sort((a, b) => a - b);
  const distinct: number[] = [];
  for (const x of v) if (distinct.length === 0 || x !== distinct[distinct.length - 1]) distinct.push(x);
  const picks =
    distinct.length <= bins
      ? distinct
      : Array.from({ length: bins }, (_, i) => v[Math.min(v.length - 1, Math.floor(((i + 1) * v.length) / bins) - 1)]);
  const uniq = [...new Set(picks)];
  const edges: number[] = [];
  for (let i = 0; i + 1 < uniq.length; i++) {
    const next = distinct.find((x) => x > uniq[i])!;
    edges.push(Number(((uniq[i] + next) / 2).toPrecision(5)));
  }
  // rounding can merge two close edges: keep them strictly increasing
  return edges.filter((e, i) => i === 0 || e > edges[i - 1]);
}

function binOf(edges: number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The gradients' and hessians' sums over the examples `r`. */
function sums(g: Float64Array, h: Float64Array, r: number[]): { G: number; H: number } {
  let G = 0;
  let H = 0;
  for (const i of r) {
    G += g[i];
    H += h[i];
  }
  return { G, H };
}

/** Grow one complete tree of depth o.depth on gradients g and hessians h (heap order, as trees.ts walks it). */
function growTree(
  binned: Uint8Array[],
  edges: number[][],
  g: Float64Array,
  h: Float64Array,
  rows: number[],
  o: TreeOptions,
): Omit<Tree, 'k'> {
  const internal = 2 ** o.depth - 1;
  const t = {
    feature: new Array<number>(internal).fill(0),
    threshold: new Array<number>(internal).fill(NO_SPLIT),
    leaf: [] as number[],
  };
  const leafOf = (r: number[]) => {
    const { G, H } = sums(g, h, r);
    // an unreachable leaf (under an unsplit node) has no examples: 0
    return H + o.l2 > 0 ? Number(((-G / (H + o.l2)) * o.learningRate).toPrecision(5)) : 0;
  };
  const grow = (node: number, r: number[]): void => {
    if (node >= internal) {
      t.leaf[node - internal] = leafOf(r);
      return;
    }
    const best = bestSplit(binned, edges, g, h, r, o);
    if (!best) {
      // unsplit: threshold NO_SPLIT sends everything left; the right subtree is never reached
      grow(2 * node + 1, r);
      grow(2 * node + 2, []);
      return;
    }
    const col = binned[best.f];
    t.feature[node] = best.f;
    t.threshold[node] = edges[best.f][best.bin];
    grow(
      2 * node + 1,
      r.filter((i) => col[i] <= best.bin),
    );
    grow(
      2 * node + 2,
      r.filter((i) => col[i] > best.bin),
    );
  };
  grow(0, rows);
  return t;
}

/** The split of `r` with the largest second-order gain (scikit-learn's), or undefined when none leaves minLeaf on both sides. */
function bestSplit(
  binned: Uint8Array[],
  edges: number[][],
  g: Float64Array,
  h: Float64Array,
  r: number[],
  o: TreeOptions,
): { f: number; bin: number } | undefined {
  if (r.length < 2 * o.minLeaf) return undefined;
  const { G, H } = sums(g, h, r);
  const parent = (G * G) / (H + o.l2);
  let best = { gain: 1e-9, f: -1, bin: -1 };
  for (let f = 0; f < edges.length; f++) {
    const nb = edges[f].length + 1;
    if (nb < 2) continue;
    const hg = new Float64Array(nb);
    const hh = new Float64Array(nb);
    const hc = new Int32Array(nb);
    const col = binned[f];
    for (const i of r) {
      hg[col[i]] += g[i];
      hh[col[i]] += h[i];
      hc[col[i]]++;
    }
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b + 1 < nb; b++) {
      gl += hg[b];
      hl += hh[b];
      cl += hc[b];
      if (cl < o.minLeaf || r.length - cl < o.minLeaf) continue;
      const gr = G - gl;
      const hr = H - hl;
      if (hl < 1e-3 || hr < 1e-3) continue;
      const gain = (gl * gl) / (hl + o.l2) + (gr * gr) / (hr + o.l2) - parent;
      if (gain > best.gain) best = { gain, f, bin: b };
    }
  }
  return best.f < 0 ? undefined : { f: best.f, bin: best.bin };
}

/** Fit the forest (temperature 1; mlp.ts calibrate() sets it and the rules' share). */
export function fitTrees(
  data: Example[],
  features: readonly string[],
  classes: readonly string[],
  o: TreeOptions = DEFAULT_TREES,
): Weights {
  const K = classes.length;
  const N = data.length;
  const xs = data.map((e) => e.x);
  const edges = features.map((_, f) => binEdges(xs, f, Math.min(o.bins, 255)));
  const binned = edges.map((e, f) => Uint8Array.from(xs, (x) => binOf(e, x[f])));
  const count = new Float64Array(K);
  for (const e of data) count[e.label]++;
  const w = Float64Array.from(data, (e) => e.weight * (N / (K * Math.max(1, count[e.label]))) ** o.balance);
  const total = w.reduce((a, b) => a + b, 0);
  const prior = new Float64Array(K);
  data.forEach((e, i) => e.y.forEach((y, k) => (prior[k] += (w[i] * y) / total)));
  const base = Array.from(prior, (p) => Number(Math.log(Math.max(p, 1e-6)).toPrecision(6)));
  const F = data.map(() => Float64Array.from(base));
  const all = data.map((_, i) => i);
  const trees: Tree[] = [];
  const g = new Float64Array(N);
  const h = new Float64Array(N);
  for (let round = 0; round < o.rounds; round++) {
    const P = F.map((z) => {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
    const grown: Tree[] = [];
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < N; i++) {
        const p = P[i][k];
        g[i] = w[i] * (p - data[i].y[k]);
        h[i] = w[i] * Math.max(p * (1 - p), 1e-6);
      }
      grown.push({ k, ...growTree(binned, edges, g, h, all, o) });
    }
    for (const t of grown) {
      // the walk inference does (the thresholds are bin edges, so x <= threshold is the bin test the split used)
      for (let i = 0; i < N; i++) F[i][t.k] += leafValue(t, o.depth, xs[i]);
    }
    trees.push(...grown);
  }
  return {
    version: 2,
    features,
    classes,
    mean: [],
    std: [],
    hidden: 0,
    members: [],
    forest: { depth: o.depth, base, trees } satisfies Forest,
    temperature: 1,
    provenance: {},
  };
}
