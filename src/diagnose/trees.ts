/**
 * Gradient-boosted decision trees: the learned diagnoser's model (fitted offline by
 * scripts/diagnoser/gbt.ts, shipped in weights.ts). Each tree adds to one class's logit; a run's logits
 * are the class priors plus every tree's leaf for its feature vector. Pure and deterministic: exactly
 * `depth` comparisons per tree.
 */

/**
 * One complete tree of the forest's depth in heap order: internal node i (0 .. 2^depth - 2) sends x left
 * (node 2i+1) when x[feature[i]] <= threshold[i], else right (2i+2); the bottom level's 2^depth nodes are
 * `leaf`. A node the fit did not split has threshold NO_SPLIT, so every x goes left and its leaf repeats.
 */
export interface Tree {
  /** the class whose logit this tree adds to */
  k: number;
  feature: number[];
  threshold: number[];
  leaf: number[];
}

export interface Forest {
  depth: number;
  /** each class's starting logit (the log of its weighted share in the training data) */
  base: number[];
  trees: Tree[];
}

/** The threshold of a node the fit did not split: above any feature value (vector.ts clips them to a few units). */
export const NO_SPLIT = 1e300;

/** The leaf a feature vector falls into. Non-finite features were zeroed by vector.ts; a NaN here would go right. */
export function leafValue(t: Tree, depth: number, x: ArrayLike<number>): number {
  let i = 0;
  for (let level = 0; level < depth; level++) i = x[t.feature[i]] <= t.threshold[i] ? 2 * i + 1 : 2 * i + 2;
  return t.leaf[i - (2 ** depth - 1)];
}

/** The forest's logits for one (raw, unstandardised) feature vector. */
export function forestLogits(f: Forest, x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(f.base);
  for (const t of f.trees) out[t.k] += leafValue(t, f.depth, x);
  return out;
}

/** Every array the right length, every feature one the model has, every number finite (the weights file is checked before use). */
export function forestValid(f: Forest, features: number, classes: number): boolean {
  if (!Number.isInteger(f.depth) || f.depth < 1 || f.depth > 12) return false;
  if (f.base.length !== classes || !f.base.every(Number.isFinite)) return false;
  const internal = 2 ** f.depth - 1;
  return f.trees.every(
    (t) =>
      Number.isInteger(t.k) &&
      t.k >= 0 &&
      t.k < classes &&
      t.feature.length === internal &&
      t.threshold.length === internal &&
      t.leaf.length === internal + 1 &&
      t.feature.every((i) => Number.isInteger(i) && i >= 0 && i < features) &&
      t.threshold.every((v) => !Number.isNaN(v)) &&
      t.leaf.every(Number.isFinite),
  );
}
