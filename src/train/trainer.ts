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
import { loadTf, type BackendName, type Tf } from './backend.js';
import type { TrainConfig } from './config.js';
import { countParams, parseConfig } from './config.js';
import { buildDataset, gaussian, rng, shuffleInPlace, type Dataset } from './data.js';

export interface EpochLog {
  epoch: number;
  epochs: number;
  loss: number;
  val_loss: number;
  mae: number;
  val_mae: number;
  lr: number;
  elapsed_ms: number;
  /** estimate of the time left, from the mean epoch time so far */
  eta_ms: number;
}

export type StopReason = 'completed' | 'early_stopping' | 'time_limit' | 'non_finite';

export interface History {
  loss: number[];
  mae: number[];
  val_loss: number[];
  val_mae: number[];
  /** logged only with a schedule (as Keras' ReduceLROnPlateau / LearningRateScheduler add 'lr') */
  lr?: number[];
}

export interface TrainResult {
  history: History;
  backend: BackendName;
  backend_notes: string[];
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
  /** best_val_loss in the data's original units (MSE * scale^2), comparable across scalings */
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

function buildNet(tf: Tf, config: TrainConfig, seed: number): Net {
  const r = rng(seed * 7 + 13);
  const vars: Variable[] = [];
  const v = (vals: Float32Array, shape: number[]) => {
    const init = tf.tensor(vals, shape);
    const t = tf.variable(init, true, `ct_${++varCounter}`);
    init.dispose();
    vars.push(t);
    return t;
  };
  let inDim = 1;
  const lstm: LstmParams[] = config.model.lstm.map((l) => {
    const u = l.units;
    const bias = new Float32Array(4 * u);
    for (let k = u; k < 2 * u; k++) bias[k] = 1; // unit_forget_bias (gate order i, f, o, c)
    const p: LstmParams = {
      W: v(glorot(r, inDim, 4 * u), [inDim, 4 * u]),
      U: v(orthogonal(r, u), [u, 4 * u]),
      b: v(bias, [4 * u]),
      units: u,
      dropout: l.dropout,
      recurrentDropout: l.recurrent_dropout,
      l2: l.l2,
    };
    inDim = u;
    return p;
  });
  const dense: DenseParams[] = config.model.dense.map((d) => {
    const p: DenseParams = { W: v(glorot(r, inDim, d.units), [inDim, d.units]), b: v(new Float32Array(d.units), [d.units]), activation: d.activation, dropout: d.dropout };
    inDim = d.units;
    return p;
  });
  const out: DenseParams = { W: v(glorot(r, inDim, 1), [inDim, 1]), b: v(new Float32Array(1), [1]), activation: 'linear', dropout: 0 };
  return { lstm, dense, out, vars, optimizer: makeOptimizer(tf, config.optimizer), seedRng: rng(seed * 31 + 5) };
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

/** Train per the config. Runs synchronously between epochs; call it in a worker for anything real. */
export async function train(configIn: TrainConfig, hooks: TrainHooks = {}): Promise<TrainResult> {
  const config = parseConfig(configIn);
  const { tf, backend, notes } = await loadTf();
  const tensorsBefore = tf.memory().numTensors;
  const t0 = performance.now();
  const ds = hooks.dataset ?? buildDataset(config);
  const T = ds.nSteps;
  const E = config.fit.epochs;
  const bs = Math.min(config.fit.batch_size, ds.nTrain);
  const nets: Net[] = [];
  const history: History = { loss: [], mae: [], val_loss: [], val_mae: [], ...(config.schedule.kind !== 'none' ? { lr: [] } : {}) };
  const deadline = t0 + config.max_seconds * 1000;
  let stop: StopReason = 'completed';
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: Tensor[][] | undefined;
  let wait = 0;
  let lr = config.optimizer.lr;
  let plateauWait = 0;
  let plateauBest = Infinity;
  let restored = false;
  let finalVal = NaN;
  let nonFinite = 0;
  const xTr = tf.tensor2d(ds.xTrain, [ds.nTrain, T]);
  const yTr = tf.tensor2d(ds.yTrain, [ds.nTrain, 1]);
  const xVa = tf.tidy(() => timeMajor(tf, tf.tensor2d(ds.xVal, [ds.nVal, T])));
  const yVa = tf.tensor2d(ds.yVal, [ds.nVal, 1]);
  const shuffleRng = rng(config.fit.seed * 101 + 1);
  const order = new Int32Array(ds.nTrain).map((_, i) => i);
  const es = config.fit.early_stopping;

  const evaluate = (): { loss: number; mae: number } =>
    tf.tidy(() => {
      // an ensemble predicts the mean of its members
      const preds = nets.map((n) => forward(tf, n, xVa, ds.nVal, T, false));
      const pred = preds.length === 1 ? preds[0] : (tf.div(tf.addN(preds), preds.length) as Tensor2D);
      const err = tf.sub(pred, yVa);
      let loss = tf.mean(tf.square(err)) as Scalar;
      const pens = nets.map((n) => l2Penalty(tf, n)).filter((p): p is Scalar => p !== undefined);
      if (pens.length) loss = tf.add(loss, tf.div(tf.addN(pens), nets.length)) as Scalar;
      return { loss: loss.dataSync()[0], mae: (tf.mean(tf.abs(err)) as Scalar).dataSync()[0] };
    });

  try {
    for (let k = 0; k < config.fit.ensemble; k++) nets.push(buildNet(tf, config, config.fit.seed + k * 1009));
    for (let epoch = 1; epoch <= E; epoch++) {
      if (config.schedule.kind === 'cosine') {
        const { min_lr } = config.schedule;
        lr = min_lr + (config.optimizer.lr - min_lr) * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / E));
      }
      for (const n of nets) setLr(n.optimizer, lr);
      let sumLoss = 0;
      let sumMae = 0;
      let seen = 0;
      for (let m = 0; m < nets.length; m++) {
        const net = nets[m];
        shuffleInPlace(order, shuffleRng);
        for (let start = 0; start < ds.nTrain; start += bs) {
          const B = Math.min(bs, ds.nTrain - start);
          const idx = order.subarray(start, start + B);
          const [lossV, maeV] = tf.tidy(() => {
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
            const out = [value.dataSync()[0], mae.dataSync()[0]];
            mae.dispose();
            return out;
          });
          sumLoss += lossV * B;
          sumMae += maeV * B;
          seen += B;
          if (hooks.shouldStop?.()) throw new CancelledError();
          if (performance.now() > deadline) {
            stop = 'time_limit';
            break;
          }
        }
        if (stop === 'time_limit') break;
      }
      if (stop === 'time_limit' && seen < ds.nTrain * nets.length * 0.5 && epoch > 1) break; // drop a mostly-unfinished epoch
      const v = evaluate();
      history.loss.push(sumLoss / seen);
      history.mae.push(sumMae / seen);
      history.val_loss.push(v.loss);
      history.val_mae.push(v.mae);
      history.lr?.push(lr);
      const elapsed = performance.now() - t0;
      hooks.onEpoch?.({
        epoch,
        epochs: E,
        loss: sumLoss / seen,
        val_loss: v.loss,
        mae: sumMae / seen,
        val_mae: v.mae,
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
        if (es?.restore_best) {
          bestWeights?.forEach((ws) => ws.forEach((w) => w.dispose()));
          bestWeights = nets.map((n) => n.vars.map((w) => tf.clone(w)));
        }
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
    if (es?.restore_best && bestWeights && bestEpoch !== history.val_loss.length) {
      nets.forEach((n, k) => n.vars.forEach((w, j) => w.assign(bestWeights![k][j])));
      restored = true;
      finalVal = evaluate().loss;
    }
  } finally {
    bestWeights?.forEach((ws) => ws.forEach((w) => w.dispose()));
    for (const n of nets) {
      n.vars.forEach((w) => w.dispose());
      // MomentumOptimizer.dispose() forgets SGD's learning-rate scalar
      const lrScalar = (n.optimizer as unknown as { c?: Tensor }).c;
      n.optimizer.dispose();
      if (lrScalar && !lrScalar.isDisposed) lrScalar.dispose();
    }
    tf.dispose([xTr, yTr, xVa, yVa]);
  }
  const ms = performance.now() - t0;
  const n = history.loss.length;
  return {
    history,
    backend,
    backend_notes: notes,
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
    best_val_loss_orig: best * ds.scaler.scale ** 2,
    tensors_before: tensorsBefore,
    tensors_after: tf.memory().numTensors,
  };
}

export class CancelledError extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'CancelledError';
  }
}
