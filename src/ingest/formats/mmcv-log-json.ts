/**
 * MMCV's JSON log (`<timestamp>.log.json`, or `None.log.json` from the MMDetection tutorial's `train_detector`;
 * OpenMMLab 1.x: mmdet 2, mmseg 0.x, mmcls 0.x, mmpose 0.x, mmocr 0.x, written by TextLoggerHook): after a first
 * line of `env_info` / `config` / `seed`, a line per logging interval (`{"mode": "train", "epoch": 1, "iter": 10,
 * "lr": 0.001, "memory": 3938, "data_time": 0.3, "loss": 0.89, "time": 0.96}`) and one per evaluation (`{"mode":
 * "val", "epoch": 1, "iter": 40, "lr": 0.001, "mAP": 0.24}`). Its mode is its split: an evaluation's metrics are the
 * validation set's (`val/` prefix; `test/` for a test line). An evaluation's `iter` is the validation loader's length
 * (EvalHook's eval_iter_num), no training position: it stands where training stood, at the end of its epoch in an
 * epoch-based run (whose training lines count iterations within their epoch) and at the last training line's
 * iteration in an iteration-based one (iterations counted over the run; its epoch counts passes over the data), and
 * one logged before any training (EvalHook's start=0) where its epoch began. Training that goes back to an earlier
 * place, or an evaluation of an epoch before the one trained, is a relaunch appending to the log: a run of its own,
 * as the product reads any appended log.
 */
import { isObject, type Literal, type LiteralObject } from '../literal.js';
import { isBookkeeping, startsWithSplit } from '../names.js';
import type { RawLog } from '../schema.js';
import { fromLogHistory } from './hf-log-history.js';
import { finiteNumber } from './json-values.js';
import { mmengineScalars } from './mmengine-scalars.js';

const SPLIT_OF_MODE: Record<string, string> = { val: 'val', test: 'test' };

/** A line TextLoggerHook wrote: its mode, and a whole epoch and iteration. */
const isLogLine = (r: LiteralObject) =>
  typeof r.mode === 'string' &&
  (r.mode === 'train' || Object.hasOwn(SPLIT_OF_MODE, r.mode)) &&
  Number.isInteger(finiteNumber(r.epoch) ?? NaN) &&
  Number.isInteger(finiteNumber(r.iter) ?? NaN);

/** Keys every line carries that are no metric of its split. */
const LINE_KEYS = new Set(['mode', 'epoch', 'iter', 'lr', 'memory', 'time', 'data_time']);

/** OpenMMLab's JSON logs read: MMCV's log.json (1.x) or MMEngine's scalars.json (2.x); else undefined. */
export function openMmLabLog(recs: Literal[]): RawLog | undefined {
  const mmcv = mmcvLogJson(recs);
  if (mmcv) return mmcv;
  const mmengine = mmengineScalars(recs);
  return mmengine ? fromLogHistory(mmengine, undefined) : undefined;
}

/**
 * The log read, its runs as log records (step, epoch, metrics) read as hf-log-history.ts reads them, or undefined
 * unless every line but a first one of settings is a TextLoggerHook line and there are training lines and evaluations.
 */
export function mmcvLogJson(recs: Literal[]): RawLog | undefined {
  const runs = mmcvRuns(recs);
  if (!runs) return undefined;
  const parts = runs.map((run) => fromLogHistory(run, undefined));
  return {
    ...parts[0],
    runs: parts.flatMap((p) => p.runs),
    rows: parts.reduce((n, p) => n + p.rows, 0),
    // what each run's reading says of itself, said once
    warnings: parts
      .flatMap((p) => p.warnings)
      .filter((w, i, all) => all.findIndex((o) => o.code === w.code && o.message === w.message) === i),
  };
}

/**
 * Do the training lines count iterations within their epoch (EpochBasedRunner: the iteration starts again as the
 * epoch rises), not over the run (IterBasedRunner, whose epoch counts passes over the data while its iteration runs
 * on: mmseg's `"epoch": 6, "iter": 186` beside a global iteration)? Most of the epoch's rises say which.
 */
function withinEpochs(train: LiteralObject[]): boolean {
  let rises = 0;
  let restarts = 0;
  for (let k = 1; k < train.length; k++) {
    if ((finiteNumber(train[k].epoch) as number) <= (finiteNumber(train[k - 1].epoch) as number)) continue;
    rises++;
    if ((finiteNumber(train[k].iter) as number) <= (finiteNumber(train[k - 1].iter) as number)) restarts++;
  }
  return rises > 0 && restarts * 2 > rises;
}

/** The log's runs as log records, or undefined (mmcvLogJson). */
function mmcvRuns(recs: Literal[]): LiteralObject[][] | undefined {
  if (!recs.every(isObject)) return undefined;
  const objs = recs as LiteralObject[];
  const lines = objs.length > 0 && !isLogLine(objs[0]) && !('mode' in objs[0]) ? objs.slice(1) : objs;
  if (lines.length === 0 || !lines.every(isLogLine)) return undefined;
  const train = lines.filter((r) => r.mode === 'train');
  if (train.length === 0 || train.length === lines.length) return undefined;
  const byEpoch = withinEpochs(train);
  // (iterations count from 1; a log that writes 0 still has an epoch of one)
  const perEpoch = byEpoch ? train.reduce((m, r) => Math.max(m, finiteNumber(r.iter) as number), 1) : 0;
  const runs: LiteralObject[][] = [];
  let run: LiteralObject[] = [];
  let at: { step: number; epoch: number } | undefined;
  const relaunch = () => {
    if (run.length > 0) runs.push(run);
    [run, at] = [[], undefined];
  };
  for (const r of lines) {
    const e = finiteNumber(r.epoch) as number;
    if (r.mode === 'train') {
      const i = finiteNumber(r.iter) as number;
      const step = byEpoch ? (e - 1) * perEpoch + i : i;
      // training gone back to an earlier place: a relaunch
      if (at && step <= at.step) relaunch();
      at = { step, epoch: byEpoch ? step / perEpoch : e };
      const { mode: _m, epoch: _e, iter: _i, ...rest } = r;
      run.push({ ...rest, step, ...(byEpoch ? { epoch: at.epoch } : {}) });
      continue;
    }
    // an evaluation of an epoch before the one trained starts a relaunch (EvalHook's start=0 evaluates first)
    if (at && byEpoch && e < Math.ceil(at.epoch - 1e-9)) relaunch();
    // at its epoch's end, or where training stood; before any training, where its epoch began (EvalHook's start=0)
    const where = byEpoch
      ? at
        ? { step: e * perEpoch, epoch: e }
        : { step: (e - 1) * perEpoch, epoch: e - 1 }
      : { step: at?.step ?? 0, epoch: e };
    const split = SPLIT_OF_MODE[r.mode as string];
    const named: LiteralObject = {};
    for (const [k, v] of Object.entries(r))
      if (!LINE_KEYS.has(k)) named[startsWithSplit(k) || isBookkeeping(k) ? k : `${split}/${k}`] = v;
    run.push({ ...named, step: where.step, ...(byEpoch ? { epoch: where.epoch } : {}) });
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
