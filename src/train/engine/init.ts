/**
 * Initial weights, shared by both engines: Keras' initialisers (glorot_uniform kernels, orthogonal
 * recurrent kernels, unit_forget_bias), drawn from the one seeded random source, and the seed of the
 * dropout masks. Same seed, same weights.
 */
import type { TrainConfig } from '../config.js';
import { gaussian, rng } from '../../util/random.js';
import type { FusedDense, FusedLstm } from './fused.js';

function glorot(r: () => number, fanIn: number, fanOut: number): Float32Array {
  const lim = Math.sqrt(6 / (fanIn + fanOut));
  const a = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < a.length; i++) a[i] = (r() * 2 - 1) * lim;
  return a;
}

/** Keras' Orthogonal on a (u, 4u) kernel: rows orthonormal (QR of a Gaussian (4u, u), transposed). */
function orthogonal(r: () => number, u: number): Float32Array {
  const g = gaussian(r);
  const rows = 4 * u;
  // u column vectors of length 4u, Gram-Schmidt
  const cols: Float64Array[] = [];
  for (let j = 0; j < u; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = g();
    for (const q of cols) {
      let d = 0;
      for (let i = 0; i < rows; i++) d += v[i] * q[i];
      for (let i = 0; i < rows; i++) v[i] -= d * q[i];
    }
    let n = 0;
    for (let i = 0; i < rows; i++) n += v[i] * v[i];
    n = Math.sqrt(n) || 1;
    for (let i = 0; i < rows; i++) v[i] /= n;
    cols.push(v);
  }
  // U[j, i] = cols[j][i]  (u x 4u)
  const out = new Float32Array(u * rows);
  for (let j = 0; j < u; j++) for (let i = 0; i < rows; i++) out[j * rows + i] = cols[j][i];
  return out;
}

/** Initial weights (Keras' initialisers, seeded), shared by both engines. */
export function initArrays(
  config: TrainConfig,
  seed: number,
): { lstm: FusedLstm[]; dense: FusedDense[]; out: FusedDense } {
  const r = rng(seed * 7 + 13);
  let inDim = 1;
  const lstm: FusedLstm[] = config.model.lstm.map((l) => {
    const u = l.units;
    const bias = new Float32Array(4 * u);
    for (let k = u; k < 2 * u; k++) bias[k] = 1; // unit_forget_bias (gate order i, f, o, c)
    const p: FusedLstm = {
      W: glorot(r, inDim, 4 * u),
      U: orthogonal(r, u),
      b: bias,
      in: inDim,
      units: u,
      dropout: l.dropout,
      recurrentDropout: l.recurrent_dropout,
      l2: l.l2,
    };
    inDim = u;
    return p;
  });
  const dense: FusedDense[] = config.model.dense.map((d) => {
    const p: FusedDense = {
      W: glorot(r, inDim, d.units),
      b: new Float32Array(d.units),
      in: inDim,
      out: d.units,
      activation: d.activation,
      dropout: d.dropout,
    };
    inDim = d.units;
    return p;
  });
  const out: FusedDense = {
    W: glorot(r, inDim, 1),
    b: new Float32Array(1),
    in: inDim,
    out: 1,
    activation: 'linear',
    dropout: 0,
  };
  return { lstm, dense, out };
}

export const maskSeed = (seed: number) => rng(seed * 31 + 5);
