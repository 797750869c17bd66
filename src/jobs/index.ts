/**
 * Training jobs on the queue: 'train' (a config or preset), 'fix' (apply the diagnosis's fix, retrain,
 * compare) and 'sweep'. Results are plain JSON (the TrainingLog and Diagnosis included) so the bot can
 * render the chart and advice from them, and a Redis-backed queue can carry them.
 */
import { MemoryJobQueue, type MemoryQueueOptions } from './memory.js';
import type { JobProgress, JobQueue, Processor, ProcessorContext } from './queue.js';
import { applyFix, runTrain, type FixOutcome, type TrainOutcome } from '../train/index.js';
import { repair } from '../train/repair.js';
import { runSeconds, sweepCost, COST, type JobCost } from '../train/cost.js';
import { preset } from '../train/presets.js';
import { ConfigError, parseConfig, withOverrides, type TrainConfig } from '../train/config.js';
import { runSweep, type SweepResult } from '../train/sweep.js';
import type { EpochLog } from '../train/trainer.js';
import { defaultThreads } from '../train/pool.js';

export * from './queue.js';
export { MemoryJobQueue } from './memory.js';

/** 'train' payload: a preset name and/or a config (the config's fields override the preset's). */
export interface TrainPayload {
  preset?: string;
  config?: unknown;
}
export interface FixPayload extends TrainPayload {
  /** the finished run to fix (skips retraining the original) */
  before?: TrainOutcome;
}

export function resolveTrainPayload(p: TrainPayload): TrainConfig {
  if (p.preset && p.config) {
    if (typeof p.config !== 'object' || Array.isArray(p.config)) throw new ConfigError('config must be an object');
    return withOverrides(preset(p.preset), p.config as Record<string, unknown>);
  }
  if (p.preset) return preset(p.preset);
  return parseConfig(p.config ?? {});
}

export function epochProgress(e: EpochLog, prefix = ''): JobProgress {
  return {
    label: `${prefix}epoch ${e.epoch}/${e.epochs}`,
    fraction: e.epoch / e.epochs,
    epoch: e.epoch,
    epochs: e.epochs,
    loss: e.loss,
    val_loss: e.val_loss,
    eta_ms: e.eta_ms,
    elapsed_ms: e.elapsed_ms,
  };
}

const g = (v: number | undefined) => (v === undefined ? '-' : Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v));

/** One line for a live-updating message: "epoch 12/60 · loss 0.123 · val_loss 0.145 · ~14 s left". */
export function progressLine(p: JobProgress): string {
  const parts = [p.label];
  if (p.loss !== undefined) parts.push(`loss ${g(p.loss)}`);
  if (p.val_loss !== undefined) parts.push(`val_loss ${g(p.val_loss)}`);
  if (p.eta_ms !== undefined && p.fraction < 1) parts.push(`~${Math.max(1, Math.round(p.eta_ms / 1000))} s left`);
  return parts.join(' · ');
}

export const trainProcessor: Processor<TrainPayload, TrainOutcome> = async (payload, ctx: ProcessorContext) =>
  runTrain(resolveTrainPayload(payload), { signal: ctx.signal, onProgress: (e) => ctx.progress(epochProgress(e)), progressMs: 1000 });

export const fixProcessor: Processor<FixPayload, FixOutcome> = async (payload, ctx) => {
  const config = resolveTrainPayload(payload);
  let phase = payload.before ? 'fixed run: ' : 'original run: ';
  const onProgress = (e: EpochLog) => {
    const p = epochProgress(e, phase);
    ctx.progress({ ...p, fraction: payload.before ? p.fraction : phase.startsWith('original') ? p.fraction / 2 : 0.5 + p.fraction / 2 });
  };
  const before = payload.before ?? (await runTrain(config, { signal: ctx.signal, onProgress, progressMs: 1000 }));
  phase = 'fixed run: ';
  // two runs: let a waiting user's job go between them
  if (!payload.before) await ctx.turn();
  return applyFix(config, before, { signal: ctx.signal, onProgress, progressMs: 1000 });
};

export const sweepProcessor: Processor<unknown, SweepResult> = async (spec, ctx) =>
  runSweep(spec, {
    signal: ctx.signal,
    // one run at a time, taking turns with other users' jobs between runs
    turn: ctx.turn,
    onRun: (run, done, total) =>
      ctx.progress({ label: `run ${done}/${total}`, fraction: done / total, detail: { last: run.candidate, best_val_loss: run.best_val_loss } }),
  });

/**
 * Worst-case seconds of training slot for a job (src/train/cost.ts), `scale` x the calibrated model.
 * Throws ConfigError for a payload the processor would refuse anyway.
 */
export function jobCost(kind: string, payload: unknown, scale = 1): JobCost {
  if (kind === 'sweep') return sweepCost(payload, COST, scale);
  const p = payload as FixPayload;
  const config = resolveTrainPayload(p);
  if (kind === 'fix') {
    // the fixed run's config is known once the original has been diagnosed; before that, assume its size
    const after = p.before ? repair(config, p.before.diagnosis).config : config;
    return { seconds: (p.before ? 0 : runSeconds(config, COST, scale)) + runSeconds(after, COST, scale), runs: p.before ? 1 : 2 };
  }
  return { seconds: runSeconds(config, COST, scale), runs: 1 };
}

export const TRAIN_PROCESSORS = { train: trainProcessor, fix: fixProcessor, sweep: sweepProcessor } satisfies Record<string, Processor<any, any>>;

/**
 * The embedded default: one queue for the process, concurrency = pool threads. With `limits`, jobs are
 * costed (jobCost x `costScale`) and capped per job and per user per hour.
 */
export function createTrainQueue(options: Partial<MemoryQueueOptions> & { costScale?: number } = {}): JobQueue {
  const { costScale = 1, ...rest } = options;
  return new MemoryJobQueue({
    processors: TRAIN_PROCESSORS,
    concurrency: options.concurrency ?? defaultThreads(),
    ...(rest.limits ? { cost: (kind: string, payload: unknown) => jobCost(kind, payload, costScale) } : {}),
    ...rest,
  });
}
