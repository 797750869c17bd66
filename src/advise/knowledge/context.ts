/**
 * What a strategy sees when it turns evidence into parameters: the diagnosis, helpers that cite
 * evidence numbers, and the user's names (monitored key, task, axis unit).
 */
import { xLabel, xUnitOf, type Diagnosis, type Evidence } from '../../diagnose/schema.js';
import { higherIsBetter, isRewardName } from '../../ingest/names.js';
import type { TrainingLog } from '../../ingest/schema.js';
import { evidenceLabel, hiddenFor, showEvidence, type PairNames } from '../format.js';
import type { Task } from '../python.js';
import type { Cite } from '../reply.js';
import { yoloResults } from './frameworks.js';
import { agentLosses } from '../../diagnose/agent.js';

export type EvidenceName = Exclude<keyof Evidence, 'x_axis' | 'x_unit'>;

export interface Ctx {
  dx: Diagnosis;
  ev: Evidence;
  unit: 'epoch' | 'step' | 'episode';
  /** the monitored validation key, e.g. 'val_loss' */
  monitor: string;
  /** 'min' for losses/errors, 'max' for accuracy-like monitors */
  mode: 'min' | 'max';
  train: string;
  task: Task;
  /** the judged curve is an episode reward or return: a reinforcement-learning run, not supervised training */
  rl: boolean;
  /** the judged pair's names and direction, as evidence labels use them */
  names: PairNames;
  /** cite an evidence field if present */
  cite(name: EvidenceName): Cite | undefined;
  /** cite 'points', always present: the fallback when nothing specific was measured */
  points(): Cite;
  /** run length in x units (last_x, else points) */
  length: number;
  /** the format the log was read as (YOLO's console: its results.csv holds what the console leaves out) */
  format?: string;
  /** a YOLO run: where its results file is, and the validation losses it holds (frameworks.ts yoloResults) */
  yolo?: { path: string; losses: string[]; txt: boolean };
}

/** The validation metric a run logs without a validation loss (val_accuracy from a loop of one's own), if any: the
 * reply speaks of "no validation loss beside" it, not of no validation at all. */
export function valMetricWithoutLoss(dx: Diagnosis): string | undefined {
  return dx.series.val ? undefined : dx.series.val_metric;
}

/** The run logs its validation curve alone (the Diagnosis's `series.val_alone`, diagnose/features.ts validationAlone):
 * nothing can be said of how the training loss moved. */
export function valCurveOnly(dx: Diagnosis): boolean {
  return dx.series.val_alone === true;
}

/** The series the diagnosis judged by: the validation one, else the training one. */
const judgedName = (dx: Diagnosis): string | undefined => dx.series.val ?? dx.series.train;

/** The judged pair's names and direction: higher is better for an accuracy, a score or a reward (as the diagnosis judged it). */
export function pairNames(dx: Diagnosis): PairNames {
  const judged = judgedName(dx);
  return {
    train: dx.series.train ?? dx.series.beside ?? 'loss',
    val: dx.series.val ?? 'val_loss',
    higher: judged !== undefined && higherIsBetter(judged),
  };
}

/** Is the judged curve an episode reward or return (a reinforcement-learning run), or, with nothing judged, does the
 * log hold an actor-critic's losses and no reward (diagnose/agent.ts: an agent, whose advice is to log its reward)? */
export function isRlRun(dx: Diagnosis, log?: TrainingLog | null): boolean {
  const judged = judgedName(dx);
  if (judged !== undefined) return isRewardName(judged);
  const run = log?.runs[dx.run.index];
  return run !== undefined && agentLosses(run) !== undefined;
}

export function taskOf(dx: Diagnosis, log?: TrainingLog | null): Task {
  const ev = dx.evidence;
  const keys = (log?.runs ?? []).flatMap((r) => r.series.map((s) => s.key));
  if (ev.chance_level !== undefined) return Math.abs(ev.chance_level - 0.5) < 1e-6 ? 'binary' : 'multiclass';
  if (keys.some((k) => /binary_accuracy/.test(k))) return 'binary';
  const metric = `${dx.series.metric ?? ''} ${dx.series.val_metric ?? ''}`;
  if (/acc/i.test(metric) || (log?.runs ?? []).some((r) => r.series.some((s) => s.kind === 'accuracy')))
    return 'multiclass';
  return 'regression';
}

/** Evidence without NaN/Infinity fields (a non-finite measurement is no measurement). */
export function finiteEvidence(ev: Evidence): Evidence {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ev)) if (typeof v !== 'number' || Number.isFinite(v)) out[k] = v;
  if (typeof out.points !== 'number') out.points = 0;
  return out as Evidence;
}

export function makeCtx(dx: Diagnosis, log?: TrainingLog | null): Ctx {
  const ev = finiteEvidence(dx.evidence);
  const unit = ev.x_axis ? xUnitOf(ev) : 'epoch';
  const monitor = dx.series.val ?? 'val_loss';
  const names = pairNames(dx);
  const mode: 'min' | 'max' = dx.series.val && names.higher ? 'max' : 'min';
  const trainLabel = names.train;
  const cite = (name: EvidenceName): Cite | undefined => {
    const v = ev[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || hiddenFor(name, names)) return undefined;
    return {
      name,
      value: v,
      shown: showEvidence(name, v, unit, (x) => xLabel(ev, x)),
      label: evidenceLabel(name, names, unit),
    };
  };
  return {
    dx,
    ev,
    unit,
    monitor,
    mode,
    train: trainLabel,
    task: taskOf(dx, log),
    rl: isRlRun(dx, log),
    names,
    cite,
    points: () => ({ name: 'points', value: dx.evidence.points, shown: String(ev.points), label: 'points in the run' }),
    length: Math.max(1, Math.round(ev.last_x ?? ev.points ?? 1)) || 1,
    ...(log?.format ? { format: log.format } : {}),
    ...(log?.format === 'ultralytics-csv'
      ? { yolo: yoloResults(log.runs.flatMap((r) => r.series.map((s) => s.name))) }
      : {}),
  };
}

/** the cites that exist, in order; falls back to `points` so a strategy always cites something */
export function cites(c: Ctx, ...names: EvidenceName[]): Cite[] {
  const out = names.map((n) => c.cite(n)).filter((x): x is Cite => !!x);
  return out;
}
