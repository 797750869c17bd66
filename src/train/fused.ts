/**
 * The fast engine: the LSTM's elementwise gate math, the dense head, the loss, the backward pass (BPTT
 * written out by hand) and the optimiser run in plain JS over Float32Arrays; only the matrix products go
 * to the TF.js backend (XNNPACK in wasm, libtensorflow in tfjs-node). TF.js autodiff spends most of its
 * time per op (~10-30 µs each, and an LSTM step is ~14 ops forward plus the tape and ~30 ops backward);
 * here a step is one matMul forward and one backward.
 *
 * Same model, init, dropout semantics, loss and optimiser formulas as the TF.js-ops engine in
 * trainer.ts (a test checks that one update gives the same weights).
 */
import type { Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { TrainConfig } from './config.js';

export interface FusedLstm {
  W: Float32Array; // [in, 4u] gate order i, f, o, c
  U: Float32Array; // [u, 4u]
  b: Float32Array; // [4u]
  in: number;
  units: number;
  dropout: number;
  recurrentDropout: number;
  l2: number;
}
export interface FusedDense {
  W: Float32Array; // [in, out]
  b: Float32Array;
  in: number;
  out: number;
  activation: 'relu' | 'tanh' | 'linear';
  dropout: number;
}

interface OptState {
  m: Float32Array[];
  v: Float32Array[];
  step: number;
}

/** tanh through exp: V8's Math.tanh costs ~2x Math.exp, and this is the hottest loop (error ~1e-16 absolute) */
const tanh = (x: number) => 1 - 2 / (Math.exp(2 * x) + 1);

/** [rows, cols] -> [cols, rows]. The wasm backend's matMul is 5-13x slower with transposeA/B (no XNNPACK path), so we transpose in JS. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[o + c];
  }
  return out;
}

/** One LSTM step forward for the whole batch (kept small and monomorphic so V8 optimises it). */
function stepForward(
  XW: Float32Array,
  R: Float32Array | undefined,
  t: number,
  B: number,
  u: number,
  I: Float32Array,
  F: Float32Array,
  O: Float32Array,
  G: Float32Array,
  C: Float32Array,
  TC: Float32Array,
  H: Float32Array,
): void {
  const g4 = 4 * u;
  for (let b = 0; b < B; b++) {
    const zo = (t * B + b) * g4;
    const ro = b * g4;
    const so = (t * B + b) * u;
    const po = so - B * u;
    for (let j = 0; j < u; j++) {
      let zi = XW[zo + j];
      let zf = XW[zo + u + j];
      let zoo = XW[zo + 2 * u + j];
      let zc = XW[zo + 3 * u + j];
      if (R !== undefined) {
        zi += R[ro + j];
        zf += R[ro + u + j];
        zoo += R[ro + 2 * u + j];
        zc += R[ro + 3 * u + j];
      }
      const ig = 1 / (1 + Math.exp(-zi));
      const fg = 1 / (1 + Math.exp(-zf));
      const og = 1 / (1 + Math.exp(-zoo));
      const gg = tanh(zc);
      const c = (t > 0 ? fg * C[po + j] : 0) + ig * gg;
      const tc = tanh(c);
      I[so + j] = ig;
      F[so + j] = fg;
      O[so + j] = og;
      G[so + j] = gg;
      C[so + j] = c;
      TC[so + j] = tc;
      H[so + j] = og * tc;
    }
  }
}

/** One LSTM step backward: fills DZ for step t, carries dc in dcNext (dh from above: dH rows, or dTop for the last step). */
function stepBackward(
  t: number,
  T: number,
  B: number,
  u: number,
  dhNext: Float32Array,
  dcNext: Float32Array,
  dH: Float32Array | null,
  dTop: Float32Array | null,
  I: Float32Array,
  F: Float32Array,
  O: Float32Array,
  G: Float32Array,
  C: Float32Array,
  TC: Float32Array,
  DZ: Float32Array,
): void {
  const g4 = 4 * u;
  for (let b = 0; b < B; b++) {
    const so = (t * B + b) * u;
    const po = so - B * u;
    const zo = (t * B + b) * g4;
    const bo = b * u;
    for (let j = 0; j < u; j++) {
      let dh = dhNext[bo + j];
      if (dH !== null) dh += dH[so + j];
      else if (t === T - 1 && dTop !== null) dh += dTop[bo + j];
      const ig = I[so + j];
      const fg = F[so + j];
      const og = O[so + j];
      const gg = G[so + j];
      const tc = TC[so + j];
      const dc = dh * og * (1 - tc * tc) + dcNext[bo + j];
      const cp = t > 0 ? C[po + j] : 0;
      DZ[zo + j] = dc * gg * ig * (1 - ig);
      DZ[zo + u + j] = dc * cp * fg * (1 - fg);
      DZ[zo + 2 * u + j] = dh * tc * og * (1 - og);
      DZ[zo + 3 * u + j] = dc * ig * (1 - gg * gg);
      dcNext[bo + j] = dc * fg;
    }
  }
}

/** arrays up to this many floats are pooled (larger ones: validation chunks of big models, allocated per call) */
const POOL_MAX = 500_000;

export class FusedNet {
  readonly lstm: FusedLstm[];
  readonly dense: FusedDense[];
  readonly out: FusedDense;
  lr: number;
  private readonly opt: TrainConfig['optimizer'];
  private readonly state: OptState;
  /** reused per-batch arrays (every one is fully overwritten before it is read) */
  private readonly bufs = new Map<string, Float32Array>();

  private buf(key: string, n: number): Float32Array {
    if (n > POOL_MAX) return new Float32Array(n);
    const k = `${key}:${n}`;
    let a = this.bufs.get(k);
    if (!a) {
      a = new Float32Array(n);
      this.bufs.set(k, a);
    }
    return a;
  }

  constructor(
    private readonly tf: Tf,
    init: { lstm: FusedLstm[]; dense: FusedDense[]; out: FusedDense },
    opt: TrainConfig['optimizer'],
    private readonly maskRng: () => number,
  ) {
    this.lstm = init.lstm;
    this.dense = init.dense;
    this.out = init.out;
    this.opt = opt;
    this.lr = opt.lr;
    const params = this.params();
    this.state = { m: params.map((p) => new Float32Array(p.length)), v: params.map((p) => new Float32Array(p.length)), step: 0 };
  }

  /** every trainable array, in a fixed order (W, U, b per LSTM; W, b per dense; W, b out) */
  params(): Float32Array[] {
    return [...this.lstm.flatMap((l) => [l.W, l.U, l.b]), ...this.dense.flatMap((d) => [d.W, d.b]), this.out.W, this.out.b];
  }

  /** C = A[m,k] · B[k,n] (or with transposes) on the TF.js backend */
  private mm(a: Float32Array, aShape: [number, number], b: Float32Array | Tensor2D, bShape: [number, number], transA = false, transB = false): Float32Array {
    const tf = this.tf;
    const at = tf.tensor2d(a, aShape);
    const bt = b instanceof Float32Array ? tf.tensor2d(b, bShape) : b;
    const ct = tf.matMul(at, bt, transA, transB);
    const out = ct.dataSync() as Float32Array;
    at.dispose();
    ct.dispose();
    if (b instanceof Float32Array) bt.dispose();
    return out;
  }

  private mask(rows: number, cols: number, p: number): Float32Array | undefined {
    if (p <= 0) return undefined;
    const a = new Float32Array(rows * cols);
    const s = 1 / (1 - p);
    for (let i = 0; i < a.length; i++) a[i] = this.maskRng() >= p ? s : 0;
    return a;
  }

  /**
   * Forward (and, when `y` is given and training, backward + update) on a batch.
   * x: [T*B] time-major (x[t*B + b]). Returns predictions [B] and, when training, the loss and MAE.
   */
  run(x: Float32Array, B: number, T: number, training: boolean, y?: Float32Array): { pred: Float32Array; loss?: number; mae?: number } {
    const tf = this.tf;
    const layers = this.lstm;
    // ---- forward through the LSTM stack, keeping what backward needs
    type Cache = {
      xin: Float32Array; // dropped input [T*B, in]
      mask?: Float32Array; // [B, in]
      rmask?: Float32Array; // [B, u]
      hd: Float32Array; // recurrent input h_{t-1} * rmask, rows for t = 0..T-2: [(T-1)*B, u]
      H: Float32Array; // outputs h_t [T*B, u]
      I: Float32Array;
      F: Float32Array;
      O: Float32Array;
      G: Float32Array;
      C: Float32Array;
      TC: Float32Array; // tanh(c_t)
      Ut?: Tensor2D;
      UTt?: Tensor2D; // Uᵀ for the backward pass
    };
    const caches: Cache[] = [];
    let inp = x;
    for (let li = 0; li < layers.length; li++) {
      const L = layers[li];
      const u = L.units;
      const g4 = 4 * u;
      const n = T * B;
      const mask = training ? this.mask(B, L.in, L.dropout) : undefined;
      let xin = inp;
      if (mask) {
        xin = new Float32Array(inp.length);
        for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) for (let k = 0; k < L.in; k++) xin[(t * B + b) * L.in + k] = inp[(t * B + b) * L.in + k] * mask[b * L.in + k];
      }
      // input projection for all timesteps at once
      let XW: Float32Array;
      if (L.in === 1) {
        XW = this.buf(`${li}XW`, n * g4);
        for (let r = 0; r < n; r++) {
          const v = xin[r];
          const o = r * g4;
          for (let j = 0; j < g4; j++) XW[o + j] = v * L.W[j] + L.b[j];
        }
      } else {
        XW = this.mm(xin, [n, L.in], L.W, [L.in, g4]);
        for (let r = 0; r < n; r++) {
          const o = r * g4;
          for (let j = 0; j < g4; j++) XW[o + j] += L.b[j];
        }
      }
      const rmask = training ? this.mask(B, u, L.recurrentDropout) : undefined;
      const Ut = tf.tensor2d(L.U, [u, g4]);
      const H = this.buf(`${li}H`, n * u);
      const I = this.buf(`${li}I`, n * u);
      const F = this.buf(`${li}F`, n * u);
      const O = this.buf(`${li}O`, n * u);
      const G = this.buf(`${li}G`, n * u);
      const C = this.buf(`${li}C`, n * u);
      const TC = this.buf(`${li}TC`, n * u);
      const hd = this.buf(`${li}hd`, Math.max(0, T - 1) * B * u);
      for (let t = 0; t < T; t++) {
        let R: Float32Array | undefined;
        if (t > 0) {
          const prev = hd.subarray((t - 1) * B * u, t * B * u);
          const hs = H.subarray((t - 1) * B * u, t * B * u);
          for (let k = 0; k < prev.length; k++) prev[k] = rmask ? hs[k] * rmask[k] : hs[k];
          R = this.mm(prev, [B, u], Ut, [u, g4]);
        }
        stepForward(XW, R, t, B, u, I, F, O, G, C, TC, H);
      }
      caches.push({ xin, mask, rmask, hd, H, I, F, O, G, C, TC, Ut });
      inp = H;
    }
    // ---- dense head (small: plain JS)
    const top = layers[layers.length - 1];
    let a = caches[caches.length - 1].H.subarray((T - 1) * B * top.units, T * B * top.units);
    const denseCache: { inp: Float32Array; pre: Float32Array; act: Float32Array; mask?: Float32Array }[] = [];
    for (const d of [...this.dense, this.out]) {
      const pre = new Float32Array(B * d.out);
      for (let b = 0; b < B; b++) {
        for (let o = 0; o < d.out; o++) {
          let s = d.b[o];
          for (let k = 0; k < d.in; k++) s += a[b * d.in + k] * d.W[k * d.out + o];
          pre[b * d.out + o] = s;
        }
      }
      const act = d.activation === 'linear' ? pre : pre.map((v) => (d.activation === 'relu' ? (v > 0 ? v : 0) : Math.tanh(v)));
      const mask = training && d !== this.out ? this.mask(B, d.out, d.dropout) : undefined;
      const outv = mask ? act.map((v, i) => v * mask[i]) : act;
      denseCache.push({ inp: a, pre, act, mask });
      a = outv;
    }
    const pred = a; // [B] (out has 1 unit)
    if (!y) {
      caches.forEach((c) => c.Ut?.dispose());
      return { pred };
    }
    // ---- loss: MSE + L2
    let mse = 0;
    let mae = 0;
    const dpred = new Float32Array(B);
    for (let b = 0; b < B; b++) {
      const e = pred[b] - y[b];
      mse += e * e;
      mae += Math.abs(e);
      dpred[b] = (2 * e) / B;
    }
    mse /= B;
    mae /= B;
    let pen = 0;
    for (const L of layers) if (L.l2 > 0) for (const w of L.W) pen += L.l2 * w * w;
    if (!training) {
      caches.forEach((c) => c.Ut?.dispose());
      return { pred, loss: mse + pen, mae };
    }
    // ---- backward: dense head
    const grads = new Map<Float32Array, Float32Array>();
    let da = dpred;
    const heads = [...this.dense, this.out];
    for (let k = heads.length - 1; k >= 0; k--) {
      const d = heads[k];
      const c = denseCache[k];
      const dpre = new Float32Array(B * d.out);
      for (let i = 0; i < dpre.length; i++) {
        let g = da[i];
        if (c.mask) g *= c.mask[i];
        if (d.activation === 'relu') g = c.pre[i] > 0 ? g : 0;
        else if (d.activation === 'tanh') g *= 1 - c.act[i] * c.act[i];
        dpre[i] = g;
      }
      const dW = new Float32Array(d.in * d.out);
      const db = new Float32Array(d.out);
      const dinp = new Float32Array(B * d.in);
      for (let b = 0; b < B; b++) {
        for (let o = 0; o < d.out; o++) {
          const g = dpre[b * d.out + o];
          if (g === 0) continue;
          db[o] += g;
          for (let q = 0; q < d.in; q++) {
            dW[q * d.out + o] += c.inp[b * d.in + q] * g;
            dinp[b * d.in + q] += d.W[q * d.out + o] * g;
          }
        }
      }
      grads.set(d.W, dW);
      grads.set(d.b, db);
      da = dinp;
    }
    // ---- backward through time, top layer first
    let dH: Float32Array | undefined; // gradient w.r.t. every h_t of the current layer [T*B, u]
    for (let li = layers.length - 1; li >= 0; li--) {
      const L = layers[li];
      const c = caches[li];
      const u = L.units;
      const g4 = 4 * u;
      const n = T * B;
      const DZ = this.buf(`${li}DZ`, n * g4);
      let dhNext: Float32Array = new Float32Array(B * u);
      const dcNext = new Float32Array(B * u);
      for (let t = T - 1; t >= 0; t--) {
        stepBackward(t, T, B, u, dhNext, dcNext, dH ?? null, dH ? null : da, c.I, c.F, c.O, c.G, c.C, c.TC, DZ);
        if (t > 0) {
          const dzt = DZ.subarray(t * B * g4, (t + 1) * B * g4);
          c.UTt ??= tf.tensor2d(transpose(L.U, u, g4), [g4, u]);
          const dhp = this.mm(dzt, [B, g4], c.UTt, [g4, u]); // dz · Uᵀ
          if (c.rmask) for (let k = 0; k < dhp.length; k++) dhp[k] *= c.rmask[k];
          dhNext = dhp;
        }
      }
      // dU = Σ_t hd_{t-1}ᵀ dz_t
      const dU = T > 1 ? this.mm(transpose(c.hd, (T - 1) * B, u), [u, (T - 1) * B], DZ.subarray(B * g4), [(T - 1) * B, g4]) : new Float32Array(u * g4);
      const db = new Float32Array(g4);
      for (let r = 0; r < n; r++) for (let j = 0; j < g4; j++) db[j] += DZ[r * g4 + j];
      let dW: Float32Array;
      if (L.in === 1) {
        dW = new Float32Array(g4);
        for (let r = 0; r < n; r++) {
          const v = c.xin[r];
          if (v !== 0) for (let j = 0; j < g4; j++) dW[j] += v * DZ[r * g4 + j];
        }
      } else dW = this.mm(transpose(c.xin, n, L.in), [L.in, n], DZ, [n, g4]);
      if (L.l2 > 0) for (let k = 0; k < dW.length; k++) dW[k] += 2 * L.l2 * L.W[k];
      grads.set(L.W, dW);
      grads.set(L.U, dU);
      grads.set(L.b, db);
      if (li > 0) {
        const dX = this.mm(DZ, [n, g4], transpose(L.W, L.in, g4), [g4, L.in]); // DZ · Wᵀ
        if (c.mask) for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) for (let k = 0; k < L.in; k++) dX[(t * B + b) * L.in + k] *= c.mask[b * L.in + k];
        dH = dX;
      }
      c.Ut?.dispose();
      c.UTt?.dispose();
    }
    this.apply(grads);
    return { pred, loss: mse + pen, mae };
  }

  /** clip, then Adam / RMSprop / SGD(momentum) with TF.js' formulas */
  private apply(grads: Map<Float32Array, Float32Array>): void {
    const o = this.opt;
    const params = this.params();
    this.state.step++;
    const lr = this.lr;
    const b1 = 0.9;
    const b2 = 0.999;
    const eps = 1e-7;
    const c1 = 1 - b1 ** this.state.step;
    const c2 = 1 - b2 ** this.state.step;
    params.forEach((p, k) => {
      const g = grads.get(p)!;
      if (o.clipvalue !== undefined) for (let i = 0; i < g.length; i++) g[i] = Math.max(-o.clipvalue, Math.min(o.clipvalue, g[i]));
      else if (o.clipnorm !== undefined) {
        let s = 0;
        for (const v of g) s += v * v;
        const norm = Math.sqrt(s);
        if (norm > o.clipnorm) for (let i = 0; i < g.length; i++) g[i] *= o.clipnorm / norm;
      }
      const m = this.state.m[k];
      const v = this.state.v[k];
      if (o.name === 'adam') {
        for (let i = 0; i < p.length; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
        }
      } else if (o.name === 'rmsprop') {
        for (let i = 0; i < p.length; i++) {
          v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
          p[i] -= (lr * g[i]) / Math.sqrt(v[i] + eps);
        }
      } else if (o.momentum > 0) {
        for (let i = 0; i < p.length; i++) {
          m[i] = o.momentum * m[i] + g[i];
          p[i] -= lr * m[i];
        }
      } else for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
    });
  }

  snapshot(): Float32Array[] {
    return this.params().map((p) => p.slice());
  }

  restore(s: Float32Array[]): void {
    this.params().forEach((p, k) => p.set(s[k]));
  }
}
