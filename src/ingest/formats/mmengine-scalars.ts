/**
 * MMEngine's `vis_data/scalars.json` (OpenMMLab 2.x: mmdet 3, mmpretrain, mmseg 1, mmpose 1, mmocr 1): a JSON line
 * per logging interval (`{"lr": 0.08, "loss": 2.24, "epoch": 4, "iter": 384, "memory": 2965, "step": 384}`) and one
 * per evaluation, which names neither its split nor its iteration (`{"accuracy/top1": 34.4, "data_time": 0.006,
 * "time": 0.03, "step": 4}`). An evaluation's metrics are the validation set's; its step is the epoch in an
 * epoch-based run (LoggerHook's log_metric_by_epoch, whose training lines carry an epoch) and the iteration in an
 * iteration-based one. Read as log records (hf-log-history.ts): the evaluations under a `val/` prefix, at their
 * epoch, and the training lines at the fraction of an epoch their iteration reached. Every line carries LoggerHook's
 * timing (`time`, `data_time`): another logger's JSON lines of this shape are read as they were.
 */
import { isObject, type Literal, type LiteralObject } from '../literal.js';
import { isBookkeeping, startsWithSplit } from '../names.js';
import { finiteNumber } from './json-values.js';

/** LoggerHook's timing, on every line it writes: MMEngine's mark. */
const timed = (r: LiteralObject) => 'time' in r || 'data_time' in r;

/** A training line: its global iteration and step, with the learning rate or a loss beside them. */
const isTrainLine = (r: LiteralObject) =>
  timed(r) &&
  finiteNumber(r.iter) !== undefined &&
  finiteNumber(r.step) !== undefined &&
  ('lr' in r || 'base_lr' in r || Object.keys(r).some((k) => k.startsWith('loss')));

/** An evaluation's line: a step, and no iteration, epoch, learning rate or loss of its own. */
const isEvalLine = (r: LiteralObject) =>
  timed(r) &&
  finiteNumber(r.step) !== undefined &&
  !('iter' in r || 'epoch' in r || 'lr' in r || 'base_lr' in r || Object.keys(r).some((k) => k.startsWith('loss')));

/**
 * Iterations per epoch, from the training lines' epochs and global iterations, and the last epoch; 0 for both when a
 * line has no epoch. LoggerHook
 * logs every `interval` iterations of an epoch, at the same places in each, so two epochs' first lines lie one epoch
 * apart; with one epoch logged, a line at epoch e and iteration i says (e - 1) * ipe < i <= e * ipe, and the largest
 * i / e is the closest bound.
 */
function itersPerEpoch(train: LiteralObject[]): { ipe: number; lastEpoch: number } {
  const first = new Map<number, number>();
  let bound = 0;
  for (const r of train) {
    const e = finiteNumber(r.epoch);
    if (e === undefined || e < 1) return { ipe: 0, lastEpoch: 0 };
    const i = finiteNumber(r.iter) as number;
    if (!first.has(e)) first.set(e, i);
    bound = Math.max(bound, i / e);
  }
  const epochs = [...first.keys()].sort((a, b) => a - b);
  const apart: number[] = [];
  for (let k = 1; k < epochs.length; k++)
    apart.push((first.get(epochs[k])! - first.get(epochs[k - 1])!) / (epochs[k] - epochs[k - 1]));
  apart.sort((a, b) => a - b);
  const ipe = apart.length > 0 ? apart[apart.length >> 1] : bound;
  return { ipe: ipe > 0 ? ipe : 0, lastEpoch: epochs[epochs.length - 1] ?? 0 };
}

/**
 * The records as log records (step, epoch, metrics), or undefined unless every record is a training line or an
 * evaluation's and there are both.
 */
export function mmengineScalars(recs: Literal[]): LiteralObject[] | undefined {
  if (!recs.every(isObject)) return undefined;
  const objs = recs as LiteralObject[];
  const train = objs.filter(isTrainLine);
  const evals = objs.filter(isEvalLine);
  if (train.length === 0 || evals.length === 0 || train.length + evals.length !== objs.length) return undefined;
  const { ipe, lastEpoch } = itersPerEpoch(train);
  const isTrain = new Set(train);
  // evaluations counted in epochs only when they fit the epochs trained (one after the last at most)
  const byEpoch = ipe > 0 && evals.every((r) => (finiteNumber(r.step) as number) <= lastEpoch + 1);
  return objs.map((r) => {
    const { iter, epoch, step, ...rest } = r;
    if (isTrain.has(r)) {
      const i = finiteNumber(iter) as number;
      return byEpoch ? { ...rest, step: i, epoch: i / ipe } : { ...rest, step: i };
    }
    const s = finiteNumber(step) as number;
    const named: LiteralObject = {};
    for (const [k, v] of Object.entries(rest)) named[startsWithSplit(k) || isBookkeeping(k) ? k : `val/${k}`] = v;
    return byEpoch ? { ...named, step: s * ipe, epoch: s } : { ...named, step: s };
  });
}
