/**
 * The weight update over a range of the flat parameter array: sum the two row blocks' gradients, add
 * L2, clip by value, then Adam / RMSprop / SGD(momentum) with TF.js' formulas. Pure and elementwise,
 * so the training thread and its peer can each update half of the weights and get exactly what one
 * thread would (clipnorm, which needs whole-tensor norms, is applied by one thread: see FusedNet).
 */
import type { TrainConfig } from '../config.js';
import { paramSizes, type Layout } from './fused.js';

export type OptimizerConfig = TrainConfig['optimizer'];

export interface UpdateArrays {
  params: Float32Array;
  /** the first block's gradient; receives the sum */
  g0: Float32Array;
  /** the second block's gradient (absent when one block covered the batch) */
  g1?: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

/** Adam's constants as TF.js has them */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;
/** RMSprop's decay (rho) and epsilon in TF.js / Keras */
const RHO = 0.9;

/** per parameter array: [offset, length, L2 coefficient applying to it] */
export function segments(layout: Layout): [number, number, number][] {
  const l2 = [...layout.lstm.flatMap((l) => [l.l2, 0, 0]), ...[...layout.dense, layout.out].flatMap(() => [0, 0])];
  let off = 0;
  return paramSizes(layout).map((n, k) => [(off += n) - n, n, l2[k]]);
}

/** Per-tensor clipnorm scale factors of g0 + g1 (+ L2), for the one-thread path. */
export function clipnormScales(a: UpdateArrays, segs: [number, number, number][], clipnorm: number): number[] {
  return segs.map(([off, n, l2]) => {
    let s = 0;
    for (let i = off; i < off + n; i++) {
      let g = a.g0[i] + (a.g1 ? a.g1[i] : 0);
      if (l2 > 0) g += 2 * l2 * a.params[i];
      s += g * g;
    }
    const norm = Math.sqrt(s);
    return norm > clipnorm ? clipnorm / norm : 1;
  });
}

/**
 * Update params[lo, hi) in place. `step` is the 1-based update count (Adam's bias correction);
 * `scales` (clipnorm) multiplies each tensor's gradient.
 */
export function updateRange(
  a: UpdateArrays,
  segs: [number, number, number][],
  o: OptimizerConfig,
  lr: number,
  step: number,
  lo: number,
  hi: number,
  scales?: number[],
): void {
  const { params: p, g0, g1, m, v } = a;
  const c1 = 1 - BETA1 ** step;
  const c2 = 1 - BETA2 ** step;
  const cv = o.clipvalue;
  for (let k = 0; k < segs.length; k++) {
    const [off, n, l2] = segs[k];
    const from = Math.max(lo, off);
    const to = Math.min(hi, off + n);
    if (from >= to) continue;
    const scale = scales ? scales[k] : 1;
    // the gradient first (into g0), then one tight loop per optimiser
    for (let i = from; i < to; i++) {
      let g = g0[i];
      if (g1) g += g1[i];
      if (l2 > 0) g += 2 * l2 * p[i];
      if (scale !== 1) g *= scale;
      if (cv !== undefined) g = Math.max(-cv, Math.min(cv, g));
      g0[i] = g;
    }
    if (o.name === 'adam') {
      for (let i = from; i < to; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * g0[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * g0[i] * g0[i];
        p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + EPSILON);
      }
    } else if (o.name === 'rmsprop') {
      for (let i = from; i < to; i++) {
        v[i] = RHO * v[i] + (1 - RHO) * g0[i] * g0[i];
        p[i] -= (lr * g0[i]) / Math.sqrt(v[i] + EPSILON);
      }
    } else if (o.momentum > 0) {
      for (let i = from; i < to; i++) {
        m[i] = o.momentum * m[i] + g0[i];
        p[i] -= lr * m[i];
      }
    } else for (let i = from; i < to; i++) p[i] -= lr * g0[i];
  }
}
