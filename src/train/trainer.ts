/**
 * The training loop: what Keras' model.fit does (per-epoch reshuffle, running-average train loss, val
 * loss at epoch end, regularisation in both, EarlyStopping, ReduceLROnPlateau, lr schedules), driving
 * one model or an ensemble through the engine's Member interface (engine/member.ts: the fused
 * WebAssembly engine; engine/tf-net.ts: TF.js ops with autodiff). tf.layers cannot do this (no gradient
 * clipping, no ReduceLROnPlateau) and is slower than the fused LSTM.
 *
 * Synchronous between epochs on purpose: it runs in a worker thread (threads/pool.ts), never on the
 * caller's event loop. Every tensor it makes is disposed; `tensorsAfter` in the result lets tests check that.
 */
import { loadTf, type BackendName } from './engine/backend.js';
import type { TrainConfig } from './config.js';
import { ConfigError, countParams, parseConfig } from './config.js';
import { buildDataset, type Dataset } from './data.js';
import { rng, shuffleInPlace } from '../util/random.js';
import { bceWithLogits } from './engine/fused.js';
import { fusedMember, VAL_CHUNK, type Ctx, type Member } from './engine/member.js';
import { tfMember } from './engine/tf-net.js';
import { epochLr } from './schedule.js';
import { shouldPrune } from './search/prune.js';

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

/** pruned: the search's median-stopping rule stopped a losing trial (search/prune.ts) */
export type StopReason = 'completed' | 'early_stopping' | 'time_limit' | 'non_finite' | 'pruned';

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
  /** per-epoch pruning thresholds of a search (search/prune.ts): stop when the best val_loss so far is above */
  pruneAbove?: readonly (number | null)[];
}

/** ReduceLROnPlateau's default min_delta in Keras */
const PLATEAU_MIN_DELTA = 1e-4;
/** consecutive non-finite epochs logged before the run is stopped */
export const NON_FINITE_EPOCHS = 3;

export type Engine = 'fused' | 'tf';

/** CURVE_TRIAGE_TRAIN_ENGINE=tf selects the TF.js-ops engine (autodiff); default: fused (fused.ts). */
export function defaultEngine(): Engine {
  return process.env.CURVE_TRIAGE_TRAIN_ENGINE?.trim().toLowerCase() === 'tf' ? 'tf' : 'fused';
}

/** One training run's state, shared by the steps of `train`. */
interface Run {
  config: TrainConfig;
  hooks: TrainHooks;
  classify: boolean;
  ds: Dataset;
  /** window length, epochs, batch size */
  T: number;
  E: number;
  bs: number;
  members: Member[];
  history: History;
  t0: number;
  deadline: number;
  stop: StopReason;
  best: number;
  bestEpoch: number;
  /** EarlyStopping's epochs without improvement */
  wait: number;
  lr: number;
  plateauWait: number;
  plateauBest: number;
  restored: boolean;
  finalVal: number;
  nonFinite: number;
  threads: number;
  shuffleRng: () => number;
  order: Int32Array;
}

function newHistory(config: TrainConfig, classify: boolean): History {
  return classify
    ? { loss: [], accuracy: [], val_loss: [], val_accuracy: [], ...(config.schedule.kind !== 'none' ? { lr: [] } : {}) }
    : { loss: [], mae: [], val_loss: [], val_mae: [], ...(config.schedule.kind !== 'none' ? { lr: [] } : {}) };
}

function newRun(config: TrainConfig, hooks: TrainHooks, t0: number): Run {
  const classify = config.task === 'classification';
  const ds = hooks.dataset ?? buildDataset(config);
  return {
    config,
    hooks,
    classify,
    ds,
    T: ds.nSteps,
    E: config.fit.epochs,
    bs: Math.min(config.fit.batch_size, ds.nTrain),
    members: [],
    history: newHistory(config, classify),
    t0,
    deadline: t0 + config.max_seconds * 1000,
    stop: 'completed',
    best: Infinity,
    bestEpoch: 0,
    wait: 0,
    lr: config.optimizer.lr,
    plateauWait: 0,
    plateauBest: Infinity,
    restored: false,
    finalVal: NaN,
    nonFinite: 0,
    threads: 1,
    shuffleRng: rng(config.fit.seed * 101 + 1),
    order: new Int32Array(ds.nTrain).map((_, i) => i),
  };
}

/** Validation loss and mae (classification: cross-entropy and accuracy) of the model or ensemble. */
function evaluate(run: Run): { loss: number; mae: number } {
  const { ds, classify, members } = run;
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
}

/** Build the members (one, or the ensemble) and give each a peer thread when it can use one. */
async function startMembers(run: Run, ctx: Ctx, engine: Engine, notes: string[]): Promise<void> {
  const { config, ds, bs, members } = run;
  for (let k = 0; k < config.fit.ensemble; k++)
    members.push((engine === 'tf' ? tfMember : fusedMember)(ctx, config.fit.seed + k * 1009));
  // the peer's block is the smaller half of a training batch or of a validation chunk
  const owner = {};
  const maxRows = Math.max(1, Math.floor(Math.max(bs, Math.min(VAL_CHUNK, ds.nVal)) / 2));
  const beforePeer = performance.now();
  for (const m of members) {
    const note = await m.parallelise?.(owner, bs, maxRows);
    if (note && !notes.includes(note)) notes.push(note);
  }
  run.threads = Math.max(...members.map((m) => m.threads()));
  // starting the peer thread (TF.js load, once per training thread) is not the run's time
  run.deadline += performance.now() - beforePeer;
}

interface EpochSums {
  sumLoss: number;
  sumMae: number;
  seen: number;
}

/** One pass over the (reshuffled) training set per member; stops early at the deadline or on cancel. */
function trainEpoch(run: Run): EpochSums {
  const { ds, bs, members, hooks } = run;
  const s: EpochSums = { sumLoss: 0, sumMae: 0, seen: 0 };
  for (const m of members) {
    shuffleInPlace(run.order, run.shuffleRng);
    for (let start = 0; start < ds.nTrain; start += bs) {
      const B = Math.min(bs, ds.nTrain - start);
      const r = m.trainBatch(run.order.subarray(start, start + B));
      s.sumLoss += r.loss * B;
      s.sumMae += r.mae * B;
      s.seen += B;
      if (hooks.shouldStop?.()) throw new CancelledError();
      if (performance.now() > run.deadline) {
        run.stop = 'time_limit';
        break;
      }
    }
    if (run.stop === 'time_limit') break;
  }
  return s;
}

/** Log the epoch in the history and tell the caller. */
function recordEpoch(run: Run, epoch: number, s: EpochSums, v: { loss: number; mae: number }): void {
  const { history, classify, E, lr } = run;
  history.loss.push(s.sumLoss / s.seen);
  (classify ? history.accuracy! : history.mae!).push(s.sumMae / s.seen);
  history.val_loss.push(v.loss);
  (classify ? history.val_accuracy! : history.val_mae!).push(v.mae);
  history.lr?.push(lr);
  const elapsed = performance.now() - run.t0;
  run.hooks.onEpoch?.({
    epoch,
    epochs: E,
    loss: s.sumLoss / s.seen,
    val_loss: v.loss,
    ...(classify ? { accuracy: s.sumMae / s.seen, val_accuracy: v.mae } : { mae: s.sumMae / s.seen, val_mae: v.mae }),
    lr,
    elapsed_ms: Math.round(elapsed),
    eta_ms: Math.round((elapsed / epoch) * (E - epoch)),
  });
}

/** After an epoch: non-finite losses, the best epoch, EarlyStopping, ReduceLROnPlateau. True = stop. */
function checkpoint(run: Run, epoch: number, valLoss: number, sumLoss: number): boolean {
  if (!Number.isFinite(valLoss) || !Number.isFinite(sumLoss)) {
    // Keras keeps going and logs nan; we log a few so the curve shows it, then stop (nothing more to learn)
    if (++run.nonFinite >= NON_FINITE_EPOCHS) {
      run.stop = 'non_finite';
      return true;
    }
  }
  const es = run.config.fit.early_stopping;
  const improved = valLoss < run.best - (es?.min_delta ?? 0);
  if (valLoss < run.best) {
    run.best = valLoss;
    run.bestEpoch = epoch;
    if (es?.restore_best) for (const m of run.members) m.snapshot();
  }
  if (es) {
    run.wait = improved ? 0 : run.wait + 1;
    if (run.wait >= es.patience) {
      run.stop = 'early_stopping';
      return true;
    }
  }
  reduceOnPlateau(run, valLoss);
  return false;
}

function reduceOnPlateau(run: Run, valLoss: number): void {
  const s = run.config.schedule;
  if (s.kind !== 'reduce_on_plateau') return;
  if (valLoss < run.plateauBest - PLATEAU_MIN_DELTA) {
    run.plateauBest = valLoss;
    run.plateauWait = 0;
  } else if (++run.plateauWait >= s.patience) {
    run.lr = Math.max(s.min_lr, run.lr * s.factor);
    run.plateauWait = 0;
  }
}

/** One epoch: lr, training pass, validation, log, stop checks. False = the run ends here. */
function runEpoch(run: Run, epoch: number): boolean {
  run.lr = epochLr(run.config, epoch, run.lr);
  for (const m of run.members) m.setLr(run.lr);
  const s = trainEpoch(run);
  if (run.stop === 'time_limit' && s.seen < run.ds.nTrain * run.members.length * 0.5 && epoch > 1) return false; // drop a mostly-unfinished epoch
  const v = evaluate(run);
  recordEpoch(run, epoch, s, v);
  if (run.stop === 'time_limit') return false;
  if (checkpoint(run, epoch, v.loss, s.sumLoss)) return false;
  if (run.hooks.pruneAbove && epoch < run.E && shouldPrune(run.hooks.pruneAbove, epoch, run.best)) {
    run.stop = 'pruned';
    return false;
  }
  return true;
}

/** The final weights' val_loss, after EarlyStopping(restore_best_weights) put the best ones back. */
function finish(run: Run): void {
  const { history } = run;
  run.finalVal = history.val_loss[history.val_loss.length - 1] ?? NaN;
  if (run.config.fit.early_stopping?.restore_best && run.bestEpoch > 0 && run.bestEpoch !== history.val_loss.length) {
    for (const m of run.members) m.restore();
    run.restored = true;
    run.finalVal = evaluate(run).loss;
  }
}

/** Train per the config. Runs synchronously between epochs; call it in a worker for anything real. */
export async function train(configIn: TrainConfig, hooks: TrainHooks = {}): Promise<TrainResult> {
  const config = parseConfig(configIn);
  const engine = hooks.engine ?? defaultEngine();
  if (config.task === 'classification' && engine === 'tf')
    throw new ConfigError(
      'task "classification" runs on the fused engine only (CURVE_TRIAGE_TRAIN_ENGINE=tf trains regression): unset CURVE_TRIAGE_TRAIN_ENGINE',
    );
  const { tf, backend, notes } = await loadTf();
  const tensorsBefore = tf.memory().numTensors;
  const run = newRun(config, hooks, performance.now());
  try {
    await startMembers(run, { tf, backend, config, ds: run.ds, T: run.T }, engine, notes);
    for (let epoch = 1; epoch <= run.E; epoch++) if (!runEpoch(run, epoch)) break;
    finish(run);
  } finally {
    for (const m of run.members) m.dispose();
  }
  return resultOf(run, { backend, notes, engine, tensorsBefore, tensorsAfter: tf.memory().numTensors });
}

function resultOf(
  run: Run,
  r: { backend: BackendName; notes: string[]; engine: Engine; tensorsBefore: number; tensorsAfter: number },
): TrainResult {
  const { config, ds, history, best } = run;
  const ms = performance.now() - run.t0;
  const n = history.loss.length;
  return {
    history,
    backend: r.backend,
    backend_notes: r.notes,
    engine: r.engine,
    threads: run.threads,
    params: countParams(config.model) * config.fit.ensemble,
    epochs_run: n,
    stop_reason: run.stop,
    best_epoch: run.bestEpoch,
    best_val_loss: best,
    restored_best: run.restored,
    final_val_loss: run.finalVal,
    ms_total: Math.round(ms),
    ms_per_epoch: n ? Math.round(ms / n) : 0,
    data: {
      description: ds.description,
      train: ds.nTrain,
      val: ds.nVal,
      scaling: ds.scaler.kind,
      scale: ds.scaler.scale,
    },
    best_val_loss_orig: run.classify ? best : best * ds.scaler.scale ** 2,
    tensors_before: r.tensorsBefore,
    tensors_after: r.tensorsAfter,
  };
}

export class CancelledError extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'CancelledError';
  }
}
