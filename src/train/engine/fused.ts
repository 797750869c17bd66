/**
 * The fast engine's compute (the network that owns the weights and the optimiser is fused-net.ts).
 * The LSTM's gate math runs in our WebAssembly SIMD kernel (gates.ts; a scalar JS loop where units are
 * not a multiple of 4), the dense head, the loss and the backward pass (BPTT written out by hand) in
 * plain JS over Float32Arrays; only the matrix products go to the TF.js backend (XNNPACK in wasm,
 * libtensorflow in tfjs-node). TF.js autodiff spends most of its
 * time per op (~10-30 µs each, and an LSTM step is ~14 ops forward plus the tape and ~30 ops backward);
 * here a step is one matMul forward and one backward.
 *
 * Every batch is cut into SHARDS row blocks whose gradients are summed (data parallelism): a second
 * thread (peer.ts) computes one block while this thread computes the other, or this thread computes
 * both in turn. Either way the arithmetic is the same, so a seed gives the same run on 1 or 2 threads.
 *
 * Same model, init, dropout semantics and loss as the TF.js-ops engine in tf-net.ts (a test checks
 * that the histories agree).
 */
import type { Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import { fexp } from './fastmath.js';
import { GateKernel } from './gates.js';
import {
  layoutOf,
  paramSizes,
  type DenseSpec,
  type FusedDense,
  type FusedLstm,
  type Layout,
  type LstmSpec,
  type Masks,
  type NetParams,
} from './layout.js';

export * from './layout.js';

/**
 * Row blocks per batch. Two: this machine class has 2 cores, and the blocks stay big enough for
 * XNNPACK's matmul to run at full speed (measured: 16 rows x 128 x 512 runs at the same GFLOPS as 32).
 * Fixed, not the thread count, so results do not depend on how many threads happen to be free.
 */
export const SHARDS = 2;

/** The SIMD gate kernel unless CURVE_TRIAGE_GATES=js. */
export const gatesWanted = () => process.env.CURVE_TRIAGE_GATES?.trim().toLowerCase() !== 'js';

/** Rows of the first block: the larger half (a one-row batch is one block). */
export const shardSplit = (B: number) => (B >= SHARDS ? Math.ceil(B / SHARDS) : B);

/** tanh through exp: V8's Math.tanh costs ~2x Math.exp */
const tanh = (x: number) => 1 - 2 / (fexp(2 * x) + 1);

/** [rows, cols] -> [cols, rows]. The wasm backend's matMul is 5-13x slower with transposeA/B (no XNNPACK path), so we transpose in JS. */
export function transpose(
  a: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array<ArrayBuffer> = new Float32Array(rows * cols),
): Float32Array<ArrayBuffer> {
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
      // sigmoid and tanh written out over fexp (fastmath.ts): V8 did not always inline a tanh helper here
      const ig = 1 / (1 + fexp(-zi));
      const fg = 1 / (1 + fexp(-zf));
      const og = 1 / (1 + fexp(-zoo));
      const gg = 1 - 2 / (fexp(2 * zc) + 1);
      const c = (t > 0 ? fg * C[po + j] : 0) + ig * gg;
      const tc = 1 - 2 / (fexp(2 * c) + 1);
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

interface LayerCache {
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
}
interface DenseCache {
  inp: Float32Array;
  pre: Float32Array;
  act: Float32Array;
  mask?: Float32Array;
}

/**
 * Forward and backward over one block of rows, reading the weights (which another thread may own) and
 * writing gradients into a flat array laid out as paramSizes(). Never updates the weights.
 */
/**
 * mse: the output is the prediction, loss (pred - y)^2, metric |pred - y|.
 * bce: the output is a logit z, loss = binary cross-entropy of sigmoid(z) computed stably on the logit
 * (max(z, 0) - z y + log(1 + e^-|z|), as tf.nn.sigmoid_cross_entropy_with_logits), metric = correct
 * (z > 0 predicts 1); its gradient sigmoid(z) - y has the same shape as MSE's 2 (pred - y).
 */
export type OutputLoss = 'mse' | 'bce';

/** binary cross-entropy of sigmoid(z) against label y, from the logit (stable for any z) */
export function bceWithLogits(z: number, y: number): number {
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

export class FusedShard {
  readonly loss: OutputLoss;
  /** reused per-call arrays (every one is fully overwritten before it is read) */
  private readonly bufs = new Map<string, Float32Array<ArrayBuffer>>();
  private readonly offsets: number[];
  /** the SIMD gate kernel (null: this runtime has no wasm SIMD, or it is off: CURVE_TRIAGE_GATES=js) */
  private readonly gates: GateKernel | null;

  constructor(
    private readonly tf: Tf,
    readonly net: NetParams,
    options: { gates?: boolean; loss?: OutputLoss } = {},
  ) {
    this.gates = (options.gates ?? gatesWanted()) ? GateKernel.create() : null;
    this.loss = options.loss ?? 'mse';
    let off = 0;
    this.offsets = paramSizes(layoutOf(net)).map((n) => ((off += n), off - n));
  }

  /** the SIMD gate kernel runs this shard's steps (where the units allow) */
  get usesGates(): boolean {
    return this.gates !== null;
  }

  private buf(key: string, n: number): Float32Array<ArrayBuffer> {
    if (n > POOL_MAX) return new Float32Array(n);
    const k = `${key}:${n}`;
    let a = this.bufs.get(k);
    if (!a) {
      a = new Float32Array(n);
      this.bufs.set(k, a);
    }
    return a;
  }

  /** C = A[m,k] · B[k,n] on the TF.js backend */
  private mm(
    a: Float32Array,
    aShape: [number, number],
    b: Float32Array | Tensor2D,
    bShape: [number, number],
  ): Float32Array {
    const tf = this.tf;
    // (views of the shared weights may be SharedArrayBuffer-backed: the wasm backend copies them into its
    // heap; the cpu backend keeps a reference, which is safe because the tensors die before this returns)
    const at = tf.tensor2d(a as Float32Array<ArrayBuffer>, aShape);
    const bt = b instanceof Float32Array ? tf.tensor2d(b as Float32Array<ArrayBuffer>, bShape) : b;
    try {
      const ct = tf.matMul(at, bt);
      try {
        return ct.dataSync() as Float32Array;
      } finally {
        ct.dispose();
      }
    } finally {
      at.dispose();
      if (b instanceof Float32Array) bt.dispose();
    }
  }

  /** predictions [B] for x [T*B] time-major (x[t*B + b]), no dropout */
  predict(x: Float32Array, B: number, T: number): Float32Array {
    return this.forward(x, B, T, undefined).pred;
  }

  /**
   * Forward + backward on B rows of a batch of Bfull rows (the loss is the mean over Bfull). Writes the
   * gradient of the data term into g (overwritten; L2 is the caller's) and returns the sums of squared
   * and absolute errors (with loss 'bce': the summed cross-entropy and the count of correct predictions).
   */
  grad(
    x: Float32Array,
    B: number,
    T: number,
    y: Float32Array,
    Bfull: number,
    masks: Masks,
    g: Float32Array,
  ): { sse: number; sae: number; pred: Float32Array } {
    const { pred, caches, denseCache } = this.forward(x, B, T, masks);
    const tf = this.tf;
    const layers = this.net.lstm;
    let sse = 0;
    let sae = 0;
    const dpred = new Float32Array(B);
    if (this.loss === 'bce') {
      // sse: summed cross-entropy; sae: correct predictions
      for (let b = 0; b < B; b++) {
        const z = pred[b];
        sse += bceWithLogits(z, y[b]);
        sae += (z > 0 ? 1 : 0) === (y[b] > 0.5 ? 1 : 0) ? 1 : 0;
        dpred[b] = (1 / (1 + Math.exp(-z)) - y[b]) / Bfull;
      }
    } else {
      for (let b = 0; b < B; b++) {
        const e = pred[b] - y[b];
        sse += e * e;
        sae += Math.abs(e);
        dpred[b] = (2 * e) / Bfull;
      }
    }
    const nL = layers.length;
    const view = (k: number, n: number) => g.subarray(this.offsets[k], this.offsets[k] + n);
    // ---- backward: dense head
    let da = dpred;
    const heads = [...this.net.dense, this.net.out];
    for (let k = heads.length - 1; k >= 0; k--) {
      const d = heads[k];
      const c = denseCache[k];
      const dpre = new Float32Array(B * d.out);
      for (let i = 0; i < dpre.length; i++) {
        let gv = da[i];
        if (c.mask) gv *= c.mask[i];
        if (d.activation === 'relu') gv = c.pre[i] > 0 ? gv : 0;
        else if (d.activation === 'tanh') gv *= 1 - c.act[i] * c.act[i];
        dpre[i] = gv;
      }
      const dW = view(3 * nL + 2 * k, d.in * d.out).fill(0);
      const db = view(3 * nL + 2 * k + 1, d.out).fill(0);
      const dinp = new Float32Array(B * d.in);
      for (let b = 0; b < B; b++) {
        for (let o = 0; o < d.out; o++) {
          const gv = dpre[b * d.out + o];
          if (gv === 0) continue;
          db[o] += gv;
          for (let q = 0; q < d.in; q++) {
            dW[q * d.out + o] += c.inp[b * d.in + q] * gv;
            dinp[b * d.in + q] += d.W[q * d.out + o] * gv;
          }
        }
      }
      da = dinp;
    }
    // ---- backward through time, top layer first
    let dH: Float32Array | undefined; // gradient w.r.t. every h_t of the current layer [T*B, u]
    for (let li = nL - 1; li >= 0; li--) {
      const L = layers[li];
      const c = caches[li];
      const u = L.units;
      const g4 = 4 * u;
      const n = T * B;
      const DZ = this.buf(`${li}DZ`, n * g4);
      let dhNext: Float32Array = new Float32Array(B * u);
      const dcNext = new Float32Array(B * u);
      let UTt: Tensor2D | undefined; // Uᵀ for dz · Uᵀ
      try {
        for (let t = T - 1; t >= 0; t--) {
          stepBackward(t, T, B, u, dhNext, dcNext, dH ?? null, dH ? null : da, c.I, c.F, c.O, c.G, c.C, c.TC, DZ);
          if (t > 0) {
            UTt ??= tf.tensor2d(transpose(L.U, u, g4, this.buf(`${li}UT`, u * g4)), [g4, u]);
            const dhp = this.mm(DZ.subarray(t * B * g4, (t + 1) * B * g4), [B, g4], UTt, [g4, u]);
            if (c.rmask) for (let k = 0; k < dhp.length; k++) dhp[k] *= c.rmask[k];
            dhNext = dhp;
          }
        }
      } finally {
        UTt?.dispose();
      }
      // W, U and b are contiguous in g (rows of [in + u + 1, 4u]), so one product gives all three:
      // [x_t ; h_{t-1} ; 1] (as rows, one column per (t, b)) times DZ: dW = Σ x_tᵀ dz_t, dU = Σ h_{t-1}ᵀ dz_t, db = Σ dz_t
      const K = L.in + u + 1;
      const A = this.buf(`${li}A`, K * n);
      const xin = c.xin;
      for (let q = 0; q < L.in; q++) for (let r = 0; r < n; r++) A[q * n + r] = xin[r * L.in + q];
      for (let q = 0; q < u; q++) {
        const row = (L.in + q) * n;
        A.fill(0, row, row + B); // h_{-1} = 0
        for (let r = B; r < n; r++) A[row + r] = c.hd[(r - B) * u + q];
      }
      A.fill(1, (K - 1) * n, K * n);
      g.set(this.mm(A, [K, n], DZ.subarray(0, n * g4), [n, g4]), this.offsets[3 * li]);
      if (li > 0) {
        const dX = this.mm(DZ, [n, g4], transpose(L.W, L.in, g4, this.buf(`${li}WT`, L.in * g4)), [g4, L.in]); // DZ · Wᵀ
        if (c.mask)
          for (let t = 0; t < T; t++)
            for (let b = 0; b < B; b++)
              for (let k = 0; k < L.in; k++) dX[(t * B + b) * L.in + k] *= c.mask[b * L.in + k];
        dH = dX;
      }
    }
    return { sse, sae, pred };
  }

  /** forward through the stack; with masks (training) keeps what backward needs */
  private forward(
    x: Float32Array,
    B: number,
    T: number,
    masks: Masks | undefined,
  ): { pred: Float32Array; caches: LayerCache[]; denseCache: DenseCache[] } {
    const tf = this.tf;
    const layers = this.net.lstm;
    const caches: LayerCache[] = [];
    // the SIMD gate kernel's arrays for every layer whose units are a multiple of 4:
    // [XW (or x for a one-feature layer), R, H, I, F, O, G, C, TC, W and b (one-feature layer)]
    const onKernel = layers.map((L) => this.gates !== null && L.units % 4 === 0);
    const kArrays = this.gates?.arrays(
      `${B}:${T}`,
      layers.flatMap((L, li) => {
        if (!onKernel[li]) return [];
        const n = T * B;
        const g4 = 4 * L.units;
        return [L.in === 1 ? n : n * g4, B * g4, ...Array<number>(7).fill(n * L.units), L.in === 1 ? 2 * g4 : 0];
      }),
    );
    let kNext = 0;
    let inp = x;
    for (let li = 0; li < layers.length; li++) {
      const L = layers[li];
      const u = L.units;
      const g4 = 4 * u;
      const n = T * B;
      const k = onKernel[li] && kArrays ? kArrays.slice(kNext, (kNext += 10)) : undefined;
      const mask = masks?.[2 * li];
      let xin = inp;
      if (mask) {
        xin = new Float32Array(inp.length);
        for (let t = 0; t < T; t++)
          for (let b = 0; b < B; b++)
            for (let q = 0; q < L.in; q++)
              xin[(t * B + b) * L.in + q] = inp[(t * B + b) * L.in + q] * mask[b * L.in + q];
      }
      // input projection for all timesteps at once
      const bias = L.b;
      let XW: Float32Array;
      let WB: Float32Array | undefined;
      if (L.in === 1 && k) {
        // the kernel computes x*W + b itself
        XW = k[0];
        XW.set(xin);
        WB = k[9];
        WB.set(L.W);
        WB.set(bias, g4);
      } else if (L.in === 1) {
        XW = this.buf(`${li}XW`, n * g4);
        const W = L.W;
        for (let r = 0; r < n; r++) {
          const v = xin[r];
          const o = r * g4;
          for (let j = 0; j < g4; j++) XW[o + j] = v * W[j] + bias[j];
        }
      } else {
        XW = this.mm(xin, [n, L.in], L.W, [L.in, g4]);
        if (k) XW = (k[0].set(XW), k[0]);
        for (let r = 0; r < n; r++) {
          const o = r * g4;
          for (let j = 0; j < g4; j++) XW[o + j] += bias[j];
        }
      }
      const rmask = masks?.[2 * li + 1];
      const Ut = tf.tensor2d(L.U as Float32Array<ArrayBuffer>, [u, g4]);
      const [H, I, F, O, G, C, TC] = k
        ? k.slice(2, 9)
        : ['H', 'I', 'F', 'O', 'G', 'C', 'TC'].map((name) => this.buf(`${li}${name}`, n * u));
      const hd = this.buf(`${li}hd`, Math.max(0, T - 1) * B * u);
      try {
        for (let t = 0; t < T; t++) {
          let R: Float32Array | undefined;
          if (t > 0) {
            const prev = hd.subarray((t - 1) * B * u, t * B * u);
            const hs = H.subarray((t - 1) * B * u, t * B * u);
            if (rmask) for (let q = 0; q < prev.length; q++) prev[q] = hs[q] * rmask[q];
            else prev.set(hs);
            R = this.mm(prev, [B, u], Ut, [u, g4]);
          }
          if (k) {
            if (R) k[1].set(R);
            this.gates!.step(XW, WB, R ? k[1] : undefined, t, B, u, I, F, O, G, C, TC, H);
          } else stepForward(XW, R, t, B, u, I, F, O, G, C, TC, H);
        }
      } finally {
        Ut.dispose();
      }
      caches.push({ xin, mask, rmask, hd, H, I, F, O, G, C, TC });
      inp = H;
    }
    // ---- dense head (small: plain JS)
    const top = layers[layers.length - 1];
    let a = caches[caches.length - 1].H.subarray((T - 1) * B * top.units, T * B * top.units);
    const denseCache: DenseCache[] = [];
    const heads = [...this.net.dense, this.net.out];
    for (let k = 0; k < heads.length; k++) {
      const d = heads[k];
      const pre = new Float32Array(B * d.out);
      for (let b = 0; b < B; b++) {
        for (let o = 0; o < d.out; o++) {
          let s = d.b[o];
          for (let q = 0; q < d.in; q++) s += a[b * d.in + q] * d.W[q * d.out + o];
          pre[b * d.out + o] = s;
        }
      }
      const act =
        d.activation === 'linear' ? pre : pre.map((v) => (d.activation === 'relu' ? (v > 0 ? v : 0) : tanh(v)));
      const mask = k < this.net.dense.length ? masks?.[2 * layers.length + k] : undefined;
      const outv = mask ? act.map((v, i) => v * mask[i]) : act;
      denseCache.push({ inp: a, pre, act, mask });
      a = outv;
    }
    return { pred: a, caches, denseCache };
  }
}
