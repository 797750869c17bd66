/**
 * Quick retrain experiments: config -> training in a worker -> the same TrainingLog and Diagnosis an
 * uploaded log would get -> (apply-fix) repair, retrain, compare. The surfaces (CLI, bot via src/jobs)
 * call these; nothing here does I/O beyond the worker pool.
 */
import type { TrainingLog } from '../ingest/schema.js';
import type { Diagnosis } from '../diagnose/index.js';
import { parseConfig, type TrainConfig } from './config.js';
import { diagnoseHistory } from './history.js';
import { trainInWorker } from './threads/pool.js';
import { compare, repair, type Comparison, type Repair, type RunSummary } from './repair.js';
import { train, type EpochLog, type TrainResult } from './trainer.js';

export * from './config.js';
export { PRESETS, PRESET_NAMES, preset, type Preset } from './presets.js';
export { historyToLog, historyJson, diagnoseHistory } from './history.js';
export {
  repair,
  compare,
  isRepaired,
  type Repair,
  type Change,
  type Comparison,
  type Verdict,
  type RunSummary,
} from './repair.js';
export {
  trainInWorker,
  closePool,
  getPool,
  defaultThreads,
  TrainCancelledError,
  TrainTimeoutError,
} from './threads/pool.js';
export { DEFAULT_TRAIN_NICE } from './threads/priority.js';
export { COST, runSeconds, sweepCost, formatDuration, type JobCost, type CostModel } from './cost.js';
export type { EpochLog, TrainResult, History, StopReason } from './trainer.js';
export { exportKeras, KERAS_FLAVOURS, type KerasFlavour } from './export.js';
export {
  runSweep,
  planSweep,
  formatLeaderboard,
  SWEEP_PARAMS,
  SWEEP_DEFAULTS,
  type SweepParam,
  type SweepSpec,
  type SweepResult,
  type LeaderboardRow,
} from './sweep.js';

export interface TrainOptions {
  /** run on this thread instead of a pool worker (tests, benchmarks) */
  inline?: boolean;
  onProgress?: (e: EpochLog) => void;
  signal?: AbortSignal;
  progressMs?: number;
}

export interface TrainOutcome {
  config: TrainConfig;
  result: TrainResult;
  log: TrainingLog;
  diagnosis: Diagnosis;
  summary: RunSummary;
}

export function summarize(result: TrainResult, diagnosis: Diagnosis): RunSummary {
  return {
    pattern: diagnosis.pattern,
    confidence: diagnosis.confidence,
    best_val_loss: result.best_val_loss,
    best_val_loss_orig: result.best_val_loss_orig,
    best_epoch: result.best_epoch,
    epochs_run: result.epochs_run,
    ms_total: result.ms_total,
  };
}

/** Train and diagnose. */
export async function runTrain(configIn: TrainConfig | unknown, options: TrainOptions = {}): Promise<TrainOutcome> {
  const config = parseConfig(configIn);
  const result = options.inline
    ? await train(config, { onEpoch: options.onProgress, shouldStop: () => options.signal?.aborted ?? false })
    : await trainInWorker(config, {
        onProgress: options.onProgress,
        signal: options.signal,
        progressMs: options.progressMs,
      });
  const { log, diagnosis } = diagnoseHistory(result.history as unknown as Record<string, number[]>);
  return { config, result, log, diagnosis, summary: summarize(result, diagnosis) };
}

export interface FixOutcome {
  repair: Repair;
  before: TrainOutcome;
  after: TrainOutcome;
  comparison: Comparison;
}

/** Apply the diagnosis's top fix, retrain, compare. Pass `before` to skip retraining the original. */
export async function applyFix(
  configIn: TrainConfig | unknown,
  before?: TrainOutcome,
  options: TrainOptions = {},
): Promise<FixOutcome> {
  const config = parseConfig(configIn);
  const b = before ?? (await runTrain(config, options));
  const r = repair(config, b.diagnosis);
  const after = await runTrain(r.config, options);
  return { repair: r, before: b, after, comparison: compare(b.summary, after.summary) };
}
