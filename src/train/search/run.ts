/**
 * Running a TPE search (a sweep with mode "tpe"): trials one after another, each config suggested by
 * tpe.ts from every trial so far, each trial stopped early by the median rule (prune.ts) when it is
 * losing; then the best configs re-run with new seeds (mean ± std, the guide's multi-run validation),
 * and optionally random search over the same space with the same budget for comparison.
 *
 * Trials are sequential on purpose: each suggestion and each pruning threshold uses every finished
 * trial (on the 2-core machine the pool runs one training at a time anyway). The validation runs are
 * independent and go through the pool like a grid sweep's.
 */
import { checkCaps, TrainConfigSchema, type TrainConfig } from '../config.js';
import { diagnoseHistory } from '../history.js';
import { trainInWorker } from '../threads/pool.js';
import { train, type StopReason, type TrainResult } from '../trainer.js';
import { rng } from '../../util/random.js';
import {
  rankCandidates,
  type LeaderboardRow,
  type SweepOptions,
  type SweepResult,
  type SweepRun,
  type SweepSpec,
} from '../sweep.js';
import type { SearchPlan } from './plan.js';
import { pruneThresholds } from './prune.js';
import { applyParams, describeParams, sampleSpace, type Params, type SearchSpace } from './space.js';
import { suggest, type Observation } from './tpe.js';

export interface TrialRecord {
  trial: number;
  label: string;
  params: Params;
  best_val_loss: number;
  best_epoch: number;
  epochs_run: number;
  epochs_planned: number;
  pruned: boolean;
  stop_reason: StopReason | 'invalid';
  ms: number;
}

/** One sampler's trials (TPE, or the random-search comparison). */
export interface SearchArm {
  sampler: 'tpe' | 'random';
  trials: TrialRecord[];
  /** the lowest best val_loss after each trial */
  best_so_far: number[];
  pruned: number;
  epochs_run: number;
  /** sum over pruned trials of (planned epochs - epochs run) */
  epochs_saved: number;
}

export interface SearchReport extends SearchArm {
  space: SearchSpace;
  notes: string[];
  startup: number;
  prune: boolean;
  validate_top: number;
  validate_seeds: number;
  /** the winner: the validated config with the lowest mean (else the best trial) */
  best?: { label: string; params: Params; config: TrainConfig };
  random?: SearchArm;
}

export interface SearchProgress {
  phase: 'tpe' | 'random' | 'validate';
  /** runs done of every run the search may train */
  done: number;
  total: number;
  /** trial (or validation run) i of n in this phase */
  step: number;
  steps: number;
  /** lowest best val_loss of the phase's trials so far */
  best: number;
  pruned: number;
  last: string;
}

/** Trains one config (with pruning thresholds) the way the options ask: inline or in the pool. */
type Trainer = (config: TrainConfig, pruneAbove?: (number | null)[]) => Promise<TrainResult>;

function trainerOf(options: SweepOptions, relay: AbortSignal): Trainer {
  return async (config, pruneAbove) => {
    await options.turn?.();
    return options.inline
      ? train(config, { pruneAbove, shouldStop: () => relay.aborted })
      : trainInWorker(config, { signal: relay, pruneAbove });
  };
}

/** The config a point of the space gives, or why it cannot be trained (it counts as a failed trial). */
function configOf(base: TrainConfig, params: Params): { config?: TrainConfig; error?: string } {
  const v = TrainConfigSchema.safeParse(applyParams(base, params));
  if (!v.success) return { error: v.error.issues[0]?.message ?? 'invalid' };
  try {
    checkCaps(v.data);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { config: v.data };
}

export interface ArmOptions {
  sampler: 'tpe' | 'random';
  trials: number;
  startup: number;
  prune: boolean;
  seed: number;
  onTrial?: (t: TrialRecord, arm: SearchArm) => void;
}

/** One sampler's trials, one after another; the full histories of the trials are kept for the overlay. */
export async function runArm(
  base: TrainConfig,
  space: SearchSpace,
  o: ArmOptions,
  trainOne: Trainer,
): Promise<{ arm: SearchArm; histories: Map<number, Record<string, number[]>> }> {
  const r = rng(o.seed * 7919 + (o.sampler === 'tpe' ? 17 : 29));
  const arm: SearchArm = { sampler: o.sampler, trials: [], best_so_far: [], pruned: 0, epochs_run: 0, epochs_saved: 0 };
  const history: Observation[] = [];
  const finished: number[][] = [];
  const histories = new Map<number, Record<string, number[]>>();
  const planned = base.fit.epochs;
  for (let t = 1; t <= o.trials; t++) {
    const params = o.sampler === 'tpe' ? suggest(space, history, r, { startup: o.startup }) : sampleSpace(space, r);
    const { config, error } = configOf(base, params);
    let rec: TrialRecord;
    if (!config) {
      rec = {
        trial: t,
        label: `#${t} ${describeParams(params)}`,
        params,
        best_val_loss: Infinity,
        best_epoch: 0,
        epochs_run: 0,
        epochs_planned: planned,
        pruned: false,
        stop_reason: 'invalid',
        ms: 0,
      };
      rec.label += ` (not trained: ${error})`;
    } else {
      const res = await trainOne(config, o.prune ? pruneThresholds(finished, planned) : undefined);
      const pruned = res.stop_reason === 'pruned';
      rec = {
        trial: t,
        label: `#${t} ${describeParams(params)}${pruned ? ' (pruned)' : ''}`,
        params,
        best_val_loss: Number.isFinite(res.best_val_loss) ? res.best_val_loss : Infinity,
        best_epoch: res.best_epoch,
        epochs_run: res.epochs_run,
        epochs_planned: planned,
        pruned,
        stop_reason: res.stop_reason,
        ms: res.ms_total,
      };
      if (pruned) {
        arm.pruned++;
        arm.epochs_saved += planned - res.epochs_run;
      } else finished.push(res.history.val_loss);
      arm.epochs_run += res.epochs_run;
      histories.set(t, res.history as unknown as Record<string, number[]>);
    }
    history.push({ params, loss: rec.best_val_loss, pruned: rec.pruned });
    arm.trials.push(rec);
    arm.best_so_far.push(Math.min(rec.best_val_loss, arm.best_so_far[arm.best_so_far.length - 1] ?? Infinity));
    o.onTrial?.(rec, arm);
  }
  return { arm, histories };
}

function sweepRun(label: string, repeat: number, config: TrainConfig, res: TrainResult): SweepRun {
  const { diagnosis } = diagnoseHistory(res.history as unknown as Record<string, number[]>);
  return {
    candidate: label,
    repeat,
    seed: config.fit.seed,
    best_val_loss: res.best_val_loss,
    best_epoch: res.best_epoch,
    epochs_run: res.epochs_run,
    ms_total: res.ms_total,
    pattern: diagnosis.pattern,
    stop_reason: res.stop_reason,
    backend: res.backend,
  };
}

/** The top finished trials re-run with new seeds (the trial's own run is left out: it was selected for being low). */
async function validate(
  plan: SearchPlan,
  arm: SearchArm,
  trainOne: Trainer,
  progress: (run: SweepRun, done: number, total: number) => void,
): Promise<{ rows: LeaderboardRow[]; runs: SweepRun[] }> {
  const top = arm.trials
    .filter((t) => !t.pruned && Number.isFinite(t.best_val_loss))
    .sort((a, b) => a.best_val_loss - b.best_val_loss)
    .slice(0, plan.validateTop);
  const cands = top.map((t) => ({ label: t.label, config: configOf(plan.base, t.params).config! }));
  const runs: SweepRun[] = [];
  const best = new Map<string, { v: number; history: Record<string, number[]> }>();
  const total = cands.length * plan.validateSeeds;
  for (const c of cands)
    for (let k = 1; k <= plan.validateSeeds; k++) {
      const config = structuredClone(c.config);
      config.fit.seed = c.config.fit.seed + k * 7;
      const res = await trainOne(config);
      const run = sweepRun(c.label, k, config, res);
      runs.push(run);
      const v = Number.isFinite(res.best_val_loss) ? res.best_val_loss : Infinity;
      if (!best.has(c.label) || v < best.get(c.label)!.v)
        best.set(c.label, { v, history: res.history as unknown as Record<string, number[]> });
      progress(run, runs.length, total);
    }
  return { rows: rankCandidates(cands, runs, best), runs };
}

/** The trials themselves as the leaderboard (no validation asked for): one run each. */
function trialRows(
  plan: SearchPlan,
  arm: SearchArm,
  histories: Map<number, Record<string, number[]>>,
): { rows: LeaderboardRow[]; runs: SweepRun[] } {
  const trained = arm.trials.filter((t) => t.stop_reason !== 'invalid');
  const cands = trained.map((t) => ({ label: t.label, config: configOf(plan.base, t.params).config! }));
  const runs: SweepRun[] = trained.map((t) => ({
    candidate: t.label,
    repeat: 0,
    seed: plan.base.fit.seed,
    best_val_loss: t.best_val_loss,
    best_epoch: t.best_epoch,
    epochs_run: t.epochs_run,
    ms_total: t.ms,
    pattern: 'not_assessable',
    stop_reason: t.stop_reason as StopReason,
    backend: '',
  }));
  const best = new Map(trained.map((t) => [t.label, { v: t.best_val_loss, history: histories.get(t.trial)! }]));
  return { rows: rankCandidates(cands, runs, best), runs };
}

/** The whole search: TPE arm, the optional random arm, validation; the result in a sweep's shape. */
export async function runSearch(spec: SweepSpec, plan: SearchPlan, options: SweepOptions = {}): Promise<SweepResult> {
  const t0 = performance.now();
  const relay = new AbortController();
  const cancel = () => relay.abort(options.signal?.reason);
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  const trainOne = trainerOf(options, relay.signal);
  let backend = '';
  const counted: Trainer = async (c, p) => {
    const res = await trainOne(c, p);
    backend = res.backend;
    return res;
  };
  const total = plan.runs;
  let done = 0;
  const perPhase = { tpe: plan.trials, random: plan.trials, validate: plan.validateTop * plan.validateSeeds };
  const inPhase = { tpe: 0, random: 0, validate: 0 };
  const tell = (phase: SearchProgress['phase'], arm: SearchArm | undefined, last: string) =>
    options.onSearch?.({
      phase,
      done: ++done,
      total,
      step: ++inPhase[phase],
      steps: perPhase[phase],
      best: arm?.best_so_far.at(-1) ?? NaN,
      pruned: arm?.pruned ?? 0,
      last,
    });
  const armOpts = { trials: plan.trials, startup: plan.startup, prune: plan.prune, seed: plan.seed };
  try {
    const tpe = await runArm(
      plan.base,
      plan.space,
      { ...armOpts, sampler: 'tpe', onTrial: (t, a) => tell('tpe', a, t.label) },
      counted,
    );
    const random = plan.compareRandom
      ? (
          await runArm(
            plan.base,
            plan.space,
            { ...armOpts, sampler: 'random', onTrial: (t, a) => tell('random', a, t.label) },
            counted,
          )
        ).arm
      : undefined;
    const v =
      plan.validateTop > 0
        ? await validate(plan, tpe.arm, counted, (run) =>
            tell('validate', tpe.arm, `${run.candidate} seed ${run.seed}`),
          )
        : trialRows(plan, tpe.arm, tpe.histories);
    const win = v.rows[0];
    const winner = win && tpe.arm.trials.find((t) => t.label === win.label);
    const search: SearchReport = {
      ...tpe.arm,
      space: plan.space,
      notes: plan.notes,
      startup: plan.startup,
      prune: plan.prune,
      validate_top: plan.validateTop,
      validate_seeds: plan.validateSeeds,
      ...(winner ? { best: { label: winner.label, params: winner.params, config: win.config } } : {}),
      ...(random ? { random } : {}),
    };
    return {
      spec,
      runs: v.runs,
      leaderboard: v.rows,
      backend,
      ms_total: Math.round(performance.now() - t0),
      skipped: [],
      search,
    };
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}
