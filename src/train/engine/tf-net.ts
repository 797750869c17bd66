/**
 * The TF.js-ops engine (CURVE_TRIAGE_TRAIN_ENGINE=tf): the same stacked LSTM regressor written with
 * TF.js core ops and trained with autodiff (tf.variableGrads), with Keras' optimisers, L2, dropout and
 * clipvalue / clipnorm. Regression only; the reference the fused engine is checked against.
 */
import type { Tensor, Tensor2D, Variable, Scalar, NamedTensorMap } from '@tensorflow/tfjs';
import type { Optimizer } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { TrainConfig } from '../config.js';
import { initArrays, maskSeed } from './init.js';
import { VAL_CHUNK, type Ctx, type Member } from './member.js';

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
  const dense: DenseParams[] = init.dense.map((d) => ({
    W: v(d.W, [d.in, d.out]),
    b: v(d.b, [d.out]),
    activation: d.activation,
    dropout: d.dropout,
  }));
  const out: DenseParams = {
    W: v(init.out.W, [init.out.in, 1]),
    b: v(init.out.b, [1]),
    activation: 'linear',
    dropout: 0,
  };
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

/** The TF.js-ops engine's member (see the header). */
export function tfMember(c: Ctx, seed: number): Member {
  const { tf, config, ds, T } = c;
  const net = buildNet(tf, config, seed);
  const xTr = tf.tensor2d(ds.xTrain, [ds.nTrain, T]);
  const yTr = tf.tensor2d(ds.yTrain, [ds.nTrain, 1]);
  const vaChunks: { x: Tensor2D; from: number; n: number }[] = [];
  for (let from = 0; from < ds.nVal; from += VAL_CHUNK) {
    const n = Math.min(VAL_CHUNK, ds.nVal - from);
    vaChunks.push({
      x: tf.tidy(() => timeMajor(tf, tf.tensor2d(ds.xVal.subarray(from * T, (from + n) * T), [n, T]))),
      from,
      n,
    });
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
      for (const c of vaChunks)
        pred.set(
          tf.tidy(() => forward(tf, net, c.x, c.n, T, false).dataSync() as Float32Array),
          c.from,
        );
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
