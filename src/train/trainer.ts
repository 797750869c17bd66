/**
 * The training loop: a stacked LSTM regressor written with TF.js core ops and trained with a custom
 * loop that does what Keras' model.fit does (per-epoch reshuffle, running-average train loss, val loss
 * at epoch end, regularisation in both, EarlyStopping, ReduceLROnPlateau, clipvalue / clipnorm), which
 * tf.layers cannot do (no gradient clipping, no ReduceLROnPlateau) and which is faster than tf.layers'
 * LSTM (input projection for all timesteps in one matMul, one sigmoid for three gates).
 *
 * Synchronous between epochs on purpose: it runs in a worker thread (pool.ts), never on the caller's
 * event loop. Every tensor it makes is disposed; `tensorsAfter` in the result lets tests check that.
 */
import type { Tensor, Tensor2D, Variable, Scalar, NamedTensorMap } from '@tensorflow/tfjs';
import type { Optimizer } from '@tensorflow/tfjs';
import { loadTf, type BackendName, type Tf } from './engine/backend.js';
import type { TrainConfig } from './config.js';
import { ConfigError, countParams, parseConfig } from './config.js';
import { buildDataset, type Dataset } from './data.js';
import { gaussian, rng, shuffleInPlace } from '../util/random.js';
import { bceWithLogits, type FusedDense, type FusedLstm } from './engine/fused.js';
import { FusedNet } from './engine/fused-net.js';
import { acquirePeer, parallelThreads } from './threads/parallel.js';

export interface EpochLog {
  epoch: number;
  epochs: number;
  loss: number;
  val_loss: number;
  /** regression */
  mae?: number;
  val_mae?: number;
  /** classification */
  accuracy?: number;
  val_accuracy?: number;
  lr: number;
  elapsed_ms: number;
  /** estimate of the time left, from the mean epoch time so far */
  eta_ms: number;
}

export type StopReason = 'completed' | 'early_stopping' | 'time_limit' | 'non_finite';

/** Keras' history.history: loss, mae, val_loss, val_mae (regression) or loss, accuracy, val_loss, val_accuracy (classification) */
export interface History {
  loss: number[];
  mae?: number[];
  val_loss: number[];
  val_mae?: number[];
  accuracy?: number[];
  val_accuracy?: number[];
  /** logged only with a schedule (as Keras' ReduceLROnPlateau / LearningRateScheduler add 'lr') */
  lr?: number[];
}

export interface TrainResult {
  history: History;
  backend: BackendName;
  backend_notes: string[];
  /** fused (our gate kernel + backend matMuls, hand-written BPTT, two row blocks per batch) or tf (TF.js ops + autodiff) */
  engine: Engine;
  /** threads that computed each batch (the fused engine splits batches in two row blocks; 2 when a peer thread took one) */
  threads: number;
  params: number;
  epochs_run: number;
  stop_reason: StopReason;
  /** 1-based epoch with the lowest val_loss */
  best_epoch: number;
  best_val_loss: number;
  /** weights were restored to best_epoch at the end (EarlyStopping(restore_best_weights=True)) */
  restored_best: boolean;
  /** val_loss of the final weights (after any restore) */
  final_val_loss: number;
  ms_total: number;
  ms_per_epoch: number;
  data: { description: string; train: number; val: number; scaling: string; scale: number };
  /** best_val_loss in the data's original units (MSE * scale^2), comparable across scalings; classification: the cross-entropy itself */
  best_val_loss_orig: number;
  /** tf.memory().numTensors before and after the run (equal when nothing leaked) */
  tensors_before: number;
  tensors_after: number;
}

export interface TrainHooks {
  onEpoch?: (e: EpochLog) => void;
  /** checked between batches; return true to stop (cancel) */
  shouldStop?: () => boolean;
  /** override the dataset (tests) */
  dataset?: Dataset;
  /** default: defaultEngine() */
  engine?: Engine;
}

interface LstmParams {
  W: Variable; // [in, 4u]  gate order i, f, o, c (sigmoid gates first)
  U: Variable; // [u, 4u]
  b: Variable; // [4u]
  units: number;
  dropout: number;
  recurrentDropout: number;
  l2: number;
}
interface DenseParams {
  W: Variable;
  b: Variable;
  activation: 'relu' | 'tanh' | 'linear';
  dropout: number;
}
interface Net {
  lstm: LstmParams[];
  dense: DenseParams[];
  out: DenseParams;
  vars: Variable[];
  optimizer: Optimizer;
  seedRng: () => number;
}

let varCounter = 0;
/** validation windows per forward pass */
const VAL_CHUNK = 256;
/** ReduceLROnPlateau's default min_delta in Keras */
const PLATEAU_MIN_DELTA = 1e-4;
/** consecutive non-finite epochs logged before the run is stopped */
export const NON_FINITE_EPOCHS = 3;

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

function makeOptimizer(tf: Tf, c: TrainConfig['optimizer']): Optimizer {
  switch (c.name) {
    case 'adam':
      return tf.train.adam(c.lr, 0.9, 0.999, 1e-7);
    case 'rmsprop':
      return tf.train.rmsprop(c.lr, 0.9, 0, 1e-7);
    case 'sgd':
      return c.momentum > 0 ? tf.train.momentum(c.lr, c.momentum) : tf.train.sgd(c.lr);
  }
}

function setLr(opt: Optimizer, lr: number): void {
  const o = opt as unknown as { setLearningRate?: (v: number) => void; learningRate: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** Initial weights (Keras' initialisers, seeded), shared by both engines. */
export function initArrays(config: TrainConfig, seed: number): { lstm: FusedLstm[]; dense: FusedDense[]; out: FusedDense } {
  const r = rng(seed * 7 + 13);
  let inDim = 1;
  const lstm: FusedLstm[] = config.model.lstm.map((l) => {
    const u = l.units;
    const bias = new Float32Array(4 * u);
    for (let k = u; k < 2 * u; k++) bias[k] = 1; // unit_forget_bias (gate order i, f, o, c)
    const p: FusedLstm = { W: glorot(r, inDim, 4 * u), U: orthogonal(r, u), b: bias, in: inDim, units: u, dropout: l.dropout, recurrentDropout: l.recurrent_dropout, l2: l.l2 };
    inDim = u;
    return p;
  });
  const dense: FusedDense[] = config.model.dense.map((d) => {
    const p: FusedDense = { W: glorot(r, inDim, d.units), b: new Float32Array(d.units), in: inDim, out: d.units, activation: d.activation, dropout: d.dropout };
    inDim = d.units;
    return p;
  });
  const out: FusedDense = { W: glorot(r, inDim, 1), b: new Float32Array(1), in: inDim, out: 1, activation: 'linear', dropout: 0 };
  return { lstm, dense, out };
}

export const maskSeed = (seed: number) => rng(seed * 31 + 5);

function buildNet(tf: Tf, config: TrainConfig, seed: number): Net {
  const init = initArrays(config, seed);
  const vars: Variable[] = [];
  const v = (vals: Float32Array, shape: number[]) => {
    const t0 = tf.tensor(vals, shape);
    const t = tf.variable(t0, true, `ct_${++varCounter}`);
    t0.dispose();
    vars.push(t);
    return t;
  };
  const lstm: LstmParams[] = init.lstm.map((l) => ({
    W: v(l.W, [l.in, 4 * l.units]),
    U: v(l.U, [l.units, 4 * l.units]),
    b: v(l.b, [4 * l.units]),
    units: l.units,
    dropout: l.dropout,
    recurrentDropout: l.recurrentDropout,
    l2: l.l2,
  }));
  const dense: DenseParams[] = init.dense.map((d) => ({ W: v(d.W, [d.in, d.out]), b: v(d.b, [d.out]), activation: d.activation, dropout: d.dropout }));
  const out: DenseParams = { W: v(init.out.W, [init.out.in, 1]), b: v(init.out.b, [1]), activation: 'linear', dropout: 0 };
  return { lstm, dense, out, vars, optimizer: makeOptimizer(tf, config.optimizer), seedRng: maskSeed(seed) };
}

/** Inverted-dropout mask [rows, cols] with keep probability 1 - p, scaled by 1 / (1 - p). */
function mask(tf: Tf, r: () => number, rows: number, cols: number, p: number): Tensor2D {
  const a = new Float32Array(rows * cols);
  const s = 1 / (1 - p);
  for (let i = 0; i < a.length; i++) a[i] = r() >= p ? s : 0;
  return tf.tensor2d(a, [rows, cols]);
}

/**
 * Forward pass. x: [T * B, 1] time-major (row t*B + b is sample b at step t). Returns [B, 1].
 * Dropout masks are drawn once per batch and shared over timesteps, as Keras' LSTM does.
 */
function forward(tf: Tf, net: Net, x: Tensor2D, B: number, T: number, training: boolean): Tensor2D {
  let seqIn: Tensor2D = x; // [T*B, in]
  let last!: Tensor2D;
  net.lstm.forEach((p, li) => {
    const u = p.units;
    const inDim = seqIn.shape[1];
    let xin = seqIn;
    if (training && p.dropout > 0) {
      const m = mask(tf, net.seedRng, B, inDim, p.dropout);
      xin = tf.mul(seqIn, tf.tile(m, [T, 1])) as Tensor2D;
    }
    const xw = tf.add(tf.matMul(xin, p.W), p.b) as Tensor2D; // [T*B, 4u]
    const steps = tf.split(xw, T, 0) as Tensor2D[];
    const rmask = training && p.recurrentDropout > 0 ? mask(tf, net.seedRng, B, u, p.recurrentDropout) : undefined;
    let h: Tensor2D | undefined;
    let c: Tensor2D | undefined;
    const hs: Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const z = h ? (tf.add(steps[t], tf.matMul(rmask ? tf.mul(h, rmask) : h, p.U)) as Tensor2D) : steps[t];
      const s = tf.sigmoid(tf.slice(z, [0, 0], [B, 3 * u])) as Tensor2D;
      const g = tf.tanh(tf.slice(z, [0, 3 * u], [B, u]));
      const [i, f, o] = tf.split(s, 3, 1) as Tensor2D[];
      c = c ? (tf.add(tf.mul(f, c), tf.mul(i, g)) as Tensor2D) : (tf.mul(i, g) as Tensor2D);
      h = tf.mul(o, tf.tanh(c)) as Tensor2D;
      if (li < net.lstm.length - 1) hs.push(h);
    }
    last = h!;
    if (li < net.lstm.length - 1) seqIn = tf.concat(hs, 0) as Tensor2D;
  });
  let a = last;
  for (const d of net.dense) {
    a = tf.add(tf.matMul(a, d.W), d.b) as Tensor2D;
    if (d.activation === 'relu') a = tf.relu(a);
    else if (d.activation === 'tanh') a = tf.tanh(a);
    if (training && d.dropout > 0) a = tf.mul(a, mask(tf, net.seedRng, B, a.shape[1], d.dropout)) as Tensor2D;
  }
  return tf.add(tf.matMul(a, net.out.W), net.out.b) as Tensor2D;
}

function l2Penalty(tf: Tf, net: Net): Scalar | undefined {
  let pen: Scalar | undefined;
  for (const p of net.lstm) {
    if (p.l2 > 0) {
      const term = tf.mul(tf.sum(tf.square(p.W)), p.l2) as Scalar;
      pen = pen ? (tf.add(pen, term) as Scalar) : term;
    }
  }
  return pen;
}

/** x [N, T] row-major -> [T*N, 1] time-major */
function timeMajor(tf: Tf, x: Tensor2D): Tensor2D {
  const [n, T] = x.shape;
  return tf.reshape(tf.transpose(x), [T * n, 1]);
}

function clipGrads(tf: Tf, grads: NamedTensorMap, c: TrainConfig['optimizer']): NamedTensorMap {
  if (c.clipvalue === undefined && c.clipnorm === undefined) return grads;
  const out: NamedTensorMap = {};
  for (const [k, g] of Object.entries(grads)) {
    if (c.clipvalue !== undefined) out[k] = tf.clipByValue(g, -c.clipvalue, c.clipvalue);
    else {
      // Keras clipnorm: each gradient tensor clipped to its own L2 norm
      const n = tf.norm(g);
      out[k] = tf.mul(g, tf.div(c.clipnorm!, tf.maximum(n, c.clipnorm!)));
    }
  }
  return out;
}

export type Engine = 'fused' | 'tf';

/** CURVE_TRIAGE_TRAIN_ENGINE=tf selects the TF.js-ops engine (autodiff); default: fused (fused.ts). */
export function defaultEngine(): Engine {
  return process.env.CURVE_TRIAGE_TRAIN_ENGINE?.trim().toLowerCase() === 'tf' ? 'tf' : 'fused';
}

/** One model, whichever engine: train on a batch of training rows, predict the validation set. */
interface Member {
  trainBatch(idx: Int32Array): { loss: number; mae: number };
  predictVal(): Float32Array;
  penalty(): number;
  setLr(lr: number): void;
  snapshot(): void;
  restore(): void;
  dispose(): void;
  /** fused only: let a peer thread compute half of each batch; says why not when it cannot */
  parallelise?(owner: object, batch: number, maxRows: number): Promise<string | undefined>;
  threads(): number;
}

interface Ctx {
  tf: Tf;
  backend: BackendName;
  config: TrainConfig;
  ds: Dataset;
  T: number;
}

function tfMember(c: Ctx, seed: number): Member {
  const { tf, config, ds, T } = c;
  const net = buildNet(tf, config, seed);
  const xTr = tf.tensor2d(ds.xTrain, [ds.nTrain, T]);
  const yTr = tf.tensor2d(ds.yTrain, [ds.nTrain, 1]);
  const vaChunks: { x: Tensor2D; from: number; n: number }[] = [];
  for (let from = 0; from < ds.nVal; from += VAL_CHUNK) {
    const n = Math.min(VAL_CHUNK, ds.nVal - from);
    vaChunks.push({ x: tf.tidy(() => timeMajor(tf, tf.tensor2d(ds.xVal.subarray(from * T, (from + n) * T), [n, T]))), from, n });
  }
  let best: Tensor[] | undefined;
  return {
    trainBatch(idx) {
      const B = idx.length;
      return tf.tidy(() => {
        const ix = tf.tensor1d(idx, 'int32');
        const xb = timeMajor(tf, tf.gather(xTr, ix) as Tensor2D);
        const yb = tf.gather(yTr, ix) as Tensor2D;
        let mae!: Scalar;
        const { value, grads } = tf.variableGrads(() => {
          const pred = forward(tf, net, xb, B, T, true);
          const err = tf.sub(pred, yb);
          mae = tf.keep(tf.mean(tf.abs(err)) as Scalar);
          const mse = tf.mean(tf.square(err)) as Scalar;
          const pen = l2Penalty(tf, net);
          return pen ? (tf.add(mse, pen) as Scalar) : mse;
        }, net.vars);
        net.optimizer.applyGradients(clipGrads(tf, grads, config.optimizer));
        const out = { loss: value.dataSync()[0], mae: mae.dataSync()[0] };
        mae.dispose();
        return out;
      });
    },
    predictVal() {
      const pred = new Float32Array(ds.nVal);
      for (const c of vaChunks) pred.set(tf.tidy(() => forward(tf, net, c.x, c.n, T, false).dataSync() as Float32Array), c.from);
      return pred;
    },
    penalty() {
      return tf.tidy(() => l2Penalty(tf, net)?.dataSync()[0] ?? 0);
    },
    setLr(lr) {
      setLr(net.optimizer, lr);
    },
    snapshot() {
      best?.forEach((w) => w.dispose());
      best = net.vars.map((w) => tf.clone(w));
    },
    restore() {
      if (best) net.vars.forEach((w, j) => w.assign(best![j]));
    },
    dispose() {
      best?.forEach((w) => w.dispose());
      net.vars.forEach((w) => w.dispose());
      // MomentumOptimizer.dispose() forgets SGD's learning-rate scalar
      const lrScalar = (net.optimizer as unknown as { c?: Tensor }).c;
      net.optimizer.dispose();
      if (lrScalar && !lrScalar.isDisposed) lrScalar.dispose();
      tf.dispose([xTr, yTr, ...vaChunks.map((c) => c.x)]);
    },
    threads: () => 1,
  };
}

function fusedMember(c: Ctx, seed: number): Member {
  const { tf, config, ds, T } = c;
  const bce = config.task === 'classification';
  const net = new FusedNet(tf, initArrays(config, seed), config.optimizer, maskSeed(seed), { shared: !bce && parallelThreads() >= 2, ...(bce ? { loss: 'bce' as const } : {}) });
  // validation windows, time-major, in chunks (a whole large validation set at once would need GBs)
  const chunks: { x: Float32Array; from: number; n: number }[] = [];
  for (let from = 0; from < ds.nVal; from += VAL_CHUNK) {
    const n = Math.min(VAL_CHUNK, ds.nVal - from);
    const x = new Float32Array(n * T);
    for (let b = 0; b < n; b++) for (let t = 0; t < T; t++) x[t * n + b] = ds.xVal[(from + b) * T + t];
    chunks.push({ x, from, n });
  }
  let best: Float32Array[] | undefined;
  return {
    trainBatch(idx) {
      const B = idx.length;
      const xb = new Float32Array(B * T);
      const yb = new Float32Array(B);
      for (let b = 0; b < B; b++) {
        const r = idx[b];
        yb[b] = ds.yTrain[r];
        for (let t = 0; t < T; t++) xb[t * B + b] = ds.xTrain[r * T + t];
      }
      const out = net.run(xb, B, T, true, yb);
      return { loss: out.loss!, mae: out.mae! };
    },
    predictVal() {
      const pred = new Float32Array(ds.nVal);
      for (const c of chunks) pred.set(net.run(c.x, c.n, T, false).pred, c.from);
      return pred;
    },
    penalty() {
      let pen = 0;
      for (const L of net.lstm) if (L.l2 > 0) for (const w of L.W) pen += L.l2 * w * w;
      return pen;
    },
    setLr(lr) {
      net.lr = lr;
    },
    snapshot() {
      best = net.snapshot();
    },
    restore() {
      if (best) net.restore(best);
    },
    dispose() {
      net.release();
    },
    async parallelise(owner, batch, maxRows) {
      if (bce) return undefined; // the peer thread computes MSE only: classification runs on one thread
      const { peer, note } = await acquirePeer(owner, net, c.backend, batch, T, maxRows);
      net.attach(peer);
      return note;
    },
    threads: () => net.threads,
  };
}

/** Train per the config. Runs synchronously between epochs; call it in a worker for anything real. */
export async function train(configIn: TrainConfig, hooks: TrainHooks = {}): Promise<TrainResult> {
  const config = parseConfig(configIn);
  const engine = hooks.engine ?? defaultEngine();
  const classify = config.task === 'classification';
  if (classify && engine === 'tf') throw new ConfigError('task "classification" runs on the fused engine only (CURVE_TRIAGE_TRAIN_ENGINE=tf trains regression): unset CURVE_TRIAGE_TRAIN_ENGINE');
  const { tf, backend, notes } = await loadTf();
  const tensorsBefore = tf.memory().numTensors;
  const t0 = performance.now();
  const ds = hooks.dataset ?? buildDataset(config);
  const T = ds.nSteps;
  const E = config.fit.epochs;
  const bs = Math.min(config.fit.batch_size, ds.nTrain);
  const members: Member[] = [];
  const history: History = classify
    ? { loss: [], accuracy: [], val_loss: [], val_accuracy: [], ...(config.schedule.kind !== 'none' ? { lr: [] } : {}) }
    : { loss: [], mae: [], val_loss: [], val_mae: [], ...(config.schedule.kind !== 'none' ? { lr: [] } : {}) };
  let deadline = t0 + config.max_seconds * 1000;
  let stop: StopReason = 'completed';
  let best = Infinity;
  let bestEpoch = 0;
  let wait = 0;
  let lr = config.optimizer.lr;
  let plateauWait = 0;
  let plateauBest = Infinity;
  let restored = false;
  let finalVal = NaN;
  let nonFinite = 0;
  let threads = 1;
  const shuffleRng = rng(config.fit.seed * 101 + 1);
  const order = new Int32Array(ds.nTrain).map((_, i) => i);
  const es = config.fit.early_stopping;

  const evaluate = (): { loss: number; mae: number } => {
    // an ensemble predicts the mean of its members
    const preds = members.map((m) => m.predictVal());
    let mse = 0;
    let mae = 0;
    for (let b = 0; b < ds.nVal; b++) {
      let p = 0;
      for (const pr of preds) p += pr[b];
      if (classify) {
        // an ensemble averages its members' logits; mse: cross-entropy, mae: correct predictions
        const z = p / preds.length;
        mse += bceWithLogits(z, ds.yVal[b]);
        mae += (z > 0 ? 1 : 0) === (ds.yVal[b] > 0.5 ? 1 : 0) ? 1 : 0;
        continue;
      }
      const e = p / preds.length - ds.yVal[b];
      mse += e * e;
      mae += Math.abs(e);
    }
    const pen = members.reduce((a, m) => a + m.penalty(), 0) / members.length;
    return { loss: mse / ds.nVal + pen, mae: mae / ds.nVal };
  };

  try {
    const ctx: Ctx = { tf, backend, config, ds, T };
    for (let k = 0; k < config.fit.ensemble; k++) members.push((engine === 'tf' ? tfMember : fusedMember)(ctx, config.fit.seed + k * 1009));
    // the peer's block is the smaller half of a training batch or of a validation chunk
    const owner = {};
    const maxRows = Math.max(1, Math.floor(Math.max(bs, Math.min(VAL_CHUNK, ds.nVal)) / 2));
    const beforePeer = performance.now();
    for (const m of members) {
      const note = await m.parallelise?.(owner, bs, maxRows);
      if (note && !notes.includes(note)) notes.push(note);
    }
    threads = Math.max(...members.map((m) => m.threads()));
    // starting the peer thread (TF.js load, once per training thread) is not the run's time
    deadline += performance.now() - beforePeer;
    for (let epoch = 1; epoch <= E; epoch++) {
      if (config.schedule.kind === 'cosine') {
        const { min_lr } = config.schedule;
        lr = min_lr + (config.optimizer.lr - min_lr) * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / E));
      } else if (config.schedule.kind !== 'none' && config.schedule.kind !== 'reduce_on_plateau') lr = scheduledLr(config, epoch);
      for (const m of members) m.setLr(lr);
      let sumLoss = 0;
      let sumMae = 0;
      let seen = 0;
      for (const m of members) {
        shuffleInPlace(order, shuffleRng);
        for (let start = 0; start < ds.nTrain; start += bs) {
          const B = Math.min(bs, ds.nTrain - start);
          const r = m.trainBatch(order.subarray(start, start + B));
          sumLoss += r.loss * B;
          sumMae += r.mae * B;
          seen += B;
          if (hooks.shouldStop?.()) throw new CancelledError();
          if (performance.now() > deadline) {
            stop = 'time_limit';
            break;
          }
        }
        if (stop === 'time_limit') break;
      }
      if (stop === 'time_limit' && seen < ds.nTrain * members.length * 0.5 && epoch > 1) break; // drop a mostly-unfinished epoch
      const v = evaluate();
      history.loss.push(sumLoss / seen);
      (classify ? history.accuracy! : history.mae!).push(sumMae / seen);
      history.val_loss.push(v.loss);
      (classify ? history.val_accuracy! : history.val_mae!).push(v.mae);
      history.lr?.push(lr);
      const elapsed = performance.now() - t0;
      hooks.onEpoch?.({
        epoch,
        epochs: E,
        loss: sumLoss / seen,
        val_loss: v.loss,
        ...(classify ? { accuracy: sumMae / seen, val_accuracy: v.mae } : { mae: sumMae / seen, val_mae: v.mae }),
        lr,
        elapsed_ms: Math.round(elapsed),
        eta_ms: Math.round((elapsed / epoch) * (E - epoch)),
      });
      if (stop === 'time_limit') break;
      if (!Number.isFinite(v.loss) || !Number.isFinite(sumLoss)) {
        // Keras keeps going and logs nan; we log a few so the curve shows it, then stop (nothing more to learn)
        if (++nonFinite >= NON_FINITE_EPOCHS) {
          stop = 'non_finite';
          break;
        }
      }
      const improved = v.loss < best - (es?.min_delta ?? 0);
      if (v.loss < best) {
        best = v.loss;
        bestEpoch = epoch;
        if (es?.restore_best) for (const m of members) m.snapshot();
      }
      if (es) {
        wait = improved ? 0 : wait + 1;
        if (wait >= es.patience) {
          stop = 'early_stopping';
          break;
        }
      }
      if (config.schedule.kind === 'reduce_on_plateau') {
        if (v.loss < plateauBest - PLATEAU_MIN_DELTA) {
          plateauBest = v.loss;
          plateauWait = 0;
        } else if (++plateauWait >= config.schedule.patience) {
          lr = Math.max(config.schedule.min_lr, lr * config.schedule.factor);
          plateauWait = 0;
        }
      }
    }
    finalVal = history.val_loss[history.val_loss.length - 1] ?? NaN;
    if (es?.restore_best && bestEpoch > 0 && bestEpoch !== history.val_loss.length) {
      for (const m of members) m.restore();
      restored = true;
      finalVal = evaluate().loss;
    }
  } finally {
    for (const m of members) m.dispose();
  }
  const ms = performance.now() - t0;
  const n = history.loss.length;
  return {
    history,
    backend,
    backend_notes: notes,
    engine,
    threads,
    params: countParams(config.model) * config.fit.ensemble,
    epochs_run: n,
    stop_reason: stop,
    best_epoch: bestEpoch,
    best_val_loss: best,
    restored_best: restored,
    final_val_loss: finalVal,
    ms_total: Math.round(ms),
    ms_per_epoch: n ? Math.round(ms / n) : 0,
    data: { description: ds.description, train: ds.nTrain, val: ds.nVal, scaling: ds.scaler.kind, scale: ds.scaler.scale },
    best_val_loss_orig: classify ? best : best * ds.scaler.scale ** 2,
    tensors_before: tensorsBefore,
    tensors_after: tf.memory().numTensors,
  };
}

/**
 * The learning rate of an epoch (1-based) under step / warmup / warmup_cosine:
 *   step:          lr * factor^floor((epoch - 1) / step_every)            (step_every default 10)
 *   warmup:        lr * min(1, epoch / warmup_epochs)                      (warmup_epochs default 5)
 *   warmup_cosine: the warmup, then a cosine from lr to min_lr over the remaining epochs
 */
export const DEFAULT_STEP_EVERY = 10;
export const DEFAULT_WARMUP_EPOCHS = 5;
export function scheduledLr(config: TrainConfig, epoch: number): number {
  const s = config.schedule;
  const lr0 = config.optimizer.lr;
  const E = config.fit.epochs;
  switch (s.kind) {
    case 'step':
      return lr0 * s.factor ** Math.floor((epoch - 1) / (s.step_every ?? DEFAULT_STEP_EVERY));
    case 'warmup':
    case 'warmup_cosine': {
      const w = s.warmup_epochs ?? DEFAULT_WARMUP_EPOCHS;
      if (epoch <= w) return (lr0 * epoch) / w;
      if (s.kind === 'warmup') return lr0;
      const rest = Math.max(1, E - w);
      return s.min_lr + (lr0 - s.min_lr) * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1 - w)) / rest));
    }
    default:
      return lr0;
  }
}

export class CancelledError extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'CancelledError';
  }
}
