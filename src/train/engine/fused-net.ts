/**
 * The network as the trainer sees it: owns the weights and the optimiser state, cuts each batch in
 * SHARDS row blocks and runs them (the second on a peer thread when one is attached, parallel.ts),
 * sums the gradients and updates the weights (each thread half of them when there is a peer).
 * With or without a peer the arithmetic is the same, so a seed gives the same run either way.
 */
import type { Tf } from './backend.js';
import type { TrainConfig } from '../config.js';
import {
  FusedShard,
  type OutputLoss,
  layoutOf,
  maskColumns,
  paramArrays,
  paramSizes,
  shardSplit,
  sliceMasks,
  viewParams,
  type FusedDense,
  type FusedLstm,
  type Layout,
  type Masks,
  type NetParams,
} from './fused.js';
import { clipnormScales, segments, updateRange, type UpdateArrays } from './update.js';

/** The other block's thread: computes the rows it is given while this thread computes its own. */
export interface ShardPeer {
  /** start predicting (returns at once); collect with wait() */
  startPredict(x: Float32Array, B: number, T: number): void;
  startGrad(x: Float32Array, B: number, T: number, y: Float32Array, Bfull: number, masks: Masks): void;
  /** update params[lo, hi) from g0 + the peer's gradient (see update.ts) */
  startUpdate(lo: number, hi: number, lr: number, step: number): void;
  wait(): { sse: number; sae: number; pred: Float32Array };
  /** the peer's gradient of its last block (shared memory) */
  readonly grad: Float32Array;
  release(): void;
}

/** rows of a time-major [T*B] input, [from, to) -> [T*(to-from)] */
function sliceRows(x: Float32Array, B: number, T: number, from: number, to: number): Float32Array {
  const n = to - from;
  const out = new Float32Array(T * n);
  for (let t = 0; t < T; t++) out.set(x.subarray(t * B + from, t * B + to), t * n);
  return out;
}

const floats = (n: number, shared: boolean) =>
  new Float32Array(shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4));

export class FusedNet {
  readonly lstm: FusedLstm[];
  readonly dense: FusedDense[];
  readonly out: FusedDense;
  readonly layout: Layout;
  /** every weight, in paramSizes() order; with `shared`, on SharedArrayBuffers (as are g0, m, v) the peer reads and writes */
  readonly flat: Float32Array;
  readonly g0: Float32Array;
  readonly m: Float32Array;
  readonly v: Float32Array;
  readonly opt: TrainConfig['optimizer'];
  lr: number;
  private step = 0;
  private readonly g1: Float32Array;
  private readonly shard: FusedShard;
  private readonly cols: (number | undefined)[];
  private readonly segs: [number, number, number][];
  private peer: ShardPeer | undefined;

  constructor(
    tf: Tf,
    init: NetParams,
    opt: TrainConfig['optimizer'],
    private readonly maskRng: () => number,
    options: { shared?: boolean; loss?: OutputLoss } = {},
  ) {
    const shared = options.shared ?? false;
    this.layout = layoutOf(init);
    const total = paramSizes(this.layout).reduce((a, b) => a + b, 0);
    this.flat = floats(total, shared);
    const views = viewParams(this.layout, this.flat);
    const from = paramArrays(init);
    paramArrays(views).forEach((v, k) => v.set(from[k]));
    this.lstm = views.lstm;
    this.dense = views.dense;
    this.out = views.out;
    this.opt = opt;
    this.lr = opt.lr;
    this.shard = new FusedShard(tf, views, { loss: options.loss });
    this.cols = maskColumns(this.layout);
    this.segs = segments(this.layout);
    this.g0 = floats(total, shared);
    this.g1 = new Float32Array(total);
    this.m = floats(total, shared);
    this.v = floats(total, shared);
  }

  /** whether the SIMD gate kernel computes this network's steps (a peer must do the same) */
  get gates(): boolean {
    return this.shard.usesGates;
  }

  /** let a peer thread compute the second block of each batch (it reads this.flat) */
  attach(peer: ShardPeer | undefined): void {
    this.peer = peer;
  }

  release(): void {
    this.peer?.release();
    this.peer = undefined;
  }

  /** the output loss (a peer computes MSE only, so a bce net is never given one) */
  get loss(): OutputLoss {
    return this.shard.loss;
  }

  get threads(): number {
    return this.peer ? 2 : 1;
  }

  /** every trainable array, in a fixed order (W, U, b per LSTM; W, b per dense; W, b out) */
  params(): Float32Array[] {
    return paramArrays(this);
  }

  private drawMasks(B: number): Masks {
    const nL = this.lstm.length;
    return this.cols.map((c, k) => {
      const p =
        k < 2 * nL
          ? k % 2 === 0
            ? this.lstm[k >> 1].dropout
            : this.lstm[k >> 1].recurrentDropout
          : this.dense[k - 2 * nL].dropout;
      if (c === undefined || p <= 0) return undefined;
      const a = new Float32Array(B * c);
      const s = 1 / (1 - p);
      for (let i = 0; i < a.length; i++) a[i] = this.maskRng() >= p ? s : 0;
      return a;
    });
  }

  /**
   * Forward (and, when `y` is given and training, backward + update) on a batch.
   * x: [T*B] time-major (x[t*B + b]). Returns predictions [B] and, when training, the loss and MAE
   * (with loss 'bce': predictions are logits, loss the mean cross-entropy, mae the accuracy).
   */
  run(
    x: Float32Array,
    B: number,
    T: number,
    training: boolean,
    y?: Float32Array,
  ): { pred: Float32Array; loss?: number; mae?: number } {
    const B0 = shardSplit(B);
    const B1 = B - B0;
    const peer = this.peer;
    if (!training || !y) {
      if (B1 === 0) return { pred: this.shard.predict(x, B, T) };
      const pred = new Float32Array(B);
      const x1 = sliceRows(x, B, T, B0, B);
      peer?.startPredict(x1, B1, T);
      pred.set(this.shard.predict(sliceRows(x, B, T, 0, B0), B0, T));
      pred.set(peer ? peer.wait().pred : this.shard.predict(x1, B1, T), B0);
      return { pred };
    }
    const masks = this.drawMasks(B);
    const pred = new Float32Array(B);
    let sse: number;
    let sae: number;
    let g1: Float32Array | undefined;
    if (B1 === 0) {
      const r = this.shard.grad(x, B, T, y, B, masks, this.g0);
      sse = r.sse;
      sae = r.sae;
      pred.set(r.pred);
    } else {
      const x1 = sliceRows(x, B, T, B0, B);
      const y1 = y.subarray(B0);
      const m1 = sliceMasks(masks, this.cols, B0, B);
      peer?.startGrad(x1, B1, T, y1, B, m1);
      const r0 = this.shard.grad(
        sliceRows(x, B, T, 0, B0),
        B0,
        T,
        y.subarray(0, B0),
        B,
        sliceMasks(masks, this.cols, 0, B0),
        this.g0,
      );
      const r1 = peer ? peer.wait() : this.shard.grad(x1, B1, T, y1, B, m1, this.g1);
      g1 = peer ? peer.grad : this.g1;
      pred.set(r0.pred);
      pred.set(r1.pred, B0);
      sse = r0.sse + r1.sse;
      sae = r0.sae + r1.sae;
    }
    let pen = 0;
    for (const L of this.lstm) if (L.l2 > 0) for (const w of L.W) pen += L.l2 * w * w;
    this.update(g1);
    return { pred, loss: sse / B + pen, mae: sae / B };
  }

  /** sum the blocks' gradients, L2, clip, optimiser step: split between the threads when there is a peer */
  private update(g1: Float32Array | undefined): void {
    this.step++;
    const a: UpdateArrays = { params: this.flat, g0: this.g0, g1, m: this.m, v: this.v };
    const P = this.flat.length;
    const clipnorm = this.opt.clipnorm;
    if (this.peer && g1 && clipnorm === undefined) {
      const half = Math.ceil(P / 2);
      this.peer.startUpdate(half, P, this.lr, this.step);
      updateRange(a, this.segs, this.opt, this.lr, this.step, 0, half);
      this.peer.wait();
    } else {
      const scales = clipnorm !== undefined ? clipnormScales(a, this.segs, clipnorm) : undefined;
      updateRange(a, this.segs, this.opt, this.lr, this.step, 0, P, scales);
    }
  }

  snapshot(): Float32Array[] {
    return this.params().map((p) => p.slice());
  }

  restore(s: Float32Array[]): void {
    this.params().forEach((p, k) => p.set(s[k]));
  }
}
