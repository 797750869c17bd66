/**
 * Training requests, once for every surface: the config a user asks for (a preset or a config file plus
 * the handful of options the CLI flags and /train offer), a sweep's `--values` list, and the training
 * work the job queue runs ('train', 'fix', 'sweep': payload -> result, with progress and cost). The CLI,
 * the bot's commands and the bot's queue call these; the queue itself (src/jobs) stays generic and is
 * handed TRAIN_WORK. Results are plain JSON (the TrainingLog and Diagnosis included) so the bot can
 * render the chart and advice from them, and a Redis-backed queue can carry them.
 */
import {
  applyFix,
  ConfigError,
  COST,
  defaultThreads,
  parseConfig,
  preset,
  repair,
  runSeconds,
  runSweep,
  runTrain,
  sweepCost,
  withOverrides,
  type EpochLog,
  type FixOutcome,
  type JobCost,
  type SweepParam,
  type SweepResult,
  type TrainConfig,
  type TrainOutcome,
} from '../train/index.js';
import type { JobProgress, ProcessorContext } from '../jobs/queue.js';

// ---- the config a user asks for ---------------------------------------------------------------

/** The options a surface may set on top of a preset or a config file (all optional). */
export interface TrainOverrides {
  /** the first LSTM layer's units */
  units?: number;
  epochs?: number;
  batch_size?: number;
  /** the fit seed (shuffling, initialisation, dropout masks) */
  seed?: number;
  lr?: number;
  /** optimizer name; the config schema says which are allowed */
  optimizer?: string;
  max_seconds?: number;
  /** train on an uploaded one-column series instead of the config's dataset */
  series?: { values: number[]; name?: string };
}

/** The partial config the overrides become (deep-merged over the base by withOverrides). */
type ConfigPatch = {
  data?: { dataset: 'upload'; series: number[]; series_name?: string };
  fit?: { epochs?: number; batch_size?: number; seed?: number };
  optimizer?: { lr?: number; name?: string };
  model?: TrainConfig['model'];
  max_seconds?: number;
};

/** Only the keys that are set, so an absent option leaves the base's value alone. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return Object.keys(out).length ? out : undefined;
}

function patchOf(base: TrainConfig, o: TrainOverrides): ConfigPatch {
  const over: ConfigPatch = {};
  if (o.series) over.data = { dataset: 'upload', series: o.series.values, series_name: o.series.name };
  const fit = defined({ epochs: o.epochs, batch_size: o.batch_size, seed: o.seed });
  if (fit) over.fit = fit;
  const optimizer = defined({ lr: o.lr, name: o.optimizer });
  if (optimizer) over.optimizer = optimizer;
  const units = o.units;
  if (units !== undefined)
    over.model = { ...base.model, lstm: base.model.lstm.map((l, i) => ({ ...l, units: i === 0 ? units : l.units })) };
  if (o.max_seconds !== undefined) over.max_seconds = o.max_seconds;
  return over;
}

/** The base config with the overrides applied and validated (ConfigError says what is wrong). */
export function withTrainOverrides(base: TrainConfig, o: TrainOverrides): TrainConfig {
  const over = patchOf(base, o);
  return Object.keys(over).length ? withOverrides(base, over) : base;
}

/** A sweep's values from their text form: "16,32,64"; "adam,sgd"; architectures "64;128-64". */
export function parseValues(param: SweepParam, v: string): unknown[] {
  if (param === 'architecture') return v.split(';').map((a) => a.split('-').map((u) => Number(u)));
  if (param === 'optimizer') return v.split(',').map((s) => s.trim());
  const vals = v.split(',').map((s) => Number(s));
  if (vals.some((x) => !Number.isFinite(x)))
    throw new ConfigError(`--values for ${param} takes numbers separated by commas (got "${v}")`);
  return vals;
}

// ---- the training work the job queue runs -----------------------------------------------------

/** 'train' payload: a preset name and/or a config (the config's fields override the preset's). */
export interface TrainPayload {
  preset?: string;
  config?: unknown;
}
export interface FixPayload extends TrainPayload {
  /** the finished run to fix (skips retraining the original) */
  before?: TrainOutcome;
}

/** Progress of a training job: the queue's own progress shape. */
export type TrainProgress = JobProgress;

/** What a training job needs from the queue that runs it. */
export type TrainJobContext = Pick<ProcessorContext, 'signal' | 'progress' | 'turn'>;

export function resolveTrainPayload(p: TrainPayload): TrainConfig {
  if (p.preset && p.config) {
    if (typeof p.config !== 'object' || Array.isArray(p.config)) throw new ConfigError('config must be an object');
    return withOverrides(preset(p.preset), p.config as Record<string, unknown>);
  }
  if (p.preset) return preset(p.preset);
  return parseConfig(p.config ?? {});
}

export function epochProgress(e: EpochLog, prefix = ''): TrainProgress {
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

export async function trainProcessor(payload: TrainPayload, ctx: TrainJobContext): Promise<TrainOutcome> {
  return runTrain(resolveTrainPayload(payload), {
    signal: ctx.signal,
    onProgress: (e) => ctx.progress(epochProgress(e)),
    progressMs: 1000,
  });
}

export async function fixProcessor(payload: FixPayload, ctx: TrainJobContext): Promise<FixOutcome> {
  const config = resolveTrainPayload(payload);
  let phase = payload.before ? 'fixed run: ' : 'original run: ';
  const onProgress = (e: EpochLog) => {
    const p = epochProgress(e, phase);
    ctx.progress({
      ...p,
      fraction: payload.before ? p.fraction : phase.startsWith('original') ? p.fraction / 2 : 0.5 + p.fraction / 2,
    });
  };
  const before = payload.before ?? (await runTrain(config, { signal: ctx.signal, onProgress, progressMs: 1000 }));
  phase = 'fixed run: ';
  // two runs: let a waiting user's job go between them
  if (!payload.before) await ctx.turn();
  return applyFix(config, before, { signal: ctx.signal, onProgress, progressMs: 1000 });
}

export async function sweepProcessor(spec: unknown, ctx: TrainJobContext): Promise<SweepResult> {
  return runSweep(spec, {
    signal: ctx.signal,
    // one run at a time, taking turns with other users' jobs between runs
    turn: ctx.turn,
    onRun: (run, done, total) =>
      ctx.progress({
        label: `run ${done}/${total}`,
        fraction: done / total,
        detail: { last: run.candidate, best_val_loss: run.best_val_loss },
      }),
    // a TPE search: trial i/N, the best so far and how many trials were pruned
    onSearch: (p) =>
      ctx.progress({
        label: `${p.phase === 'validate' ? 'validation run' : p.phase === 'random' ? 'random-search trial' : 'trial'} ${p.step}/${p.steps}`,
        fraction: p.done / p.total,
        detail: { last: p.last, best_so_far: p.best, pruned: p.pruned },
      }),
  });
}

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
    return {
      seconds: (p.before ? 0 : runSeconds(config, COST, scale)) + runSeconds(after, COST, scale),
      runs: p.before ? 1 : 2,
    };
  }
  return { seconds: runSeconds(config, COST, scale), runs: 1 };
}

export const TRAIN_PROCESSORS = { train: trainProcessor, fix: fixProcessor, sweep: sweepProcessor };

/**
 * The training work, as the job queue takes it (src/jobs' createQueue): the processors, their cost
 * model, and the concurrency to run them at (the training pool's threads).
 */
export const TRAIN_WORK = { processors: TRAIN_PROCESSORS, cost: jobCost, concurrency: defaultThreads };
