/**
 * What a strategy sees when it turns evidence into parameters: the diagnosis, helpers that cite
 * evidence numbers, and the user's names (monitored key, task, axis unit).
 */
import { xLabel, type Diagnosis, type Evidence } from '../../diagnose/schema.js';
import type { TrainingLog } from '../../ingest/schema.js';
import { labelOf, showEvidence } from '../format.js';
import type { Task } from '../python.js';
import type { Cite } from '../reply.js';

export type EvidenceName = Exclude<keyof Evidence, 'x_axis'>;

export interface Ctx {
  dx: Diagnosis;
  ev: Evidence;
  unit: 'epoch' | 'step';
  /** the monitored validation key, e.g. 'val_loss' */
  monitor: string;
  /** 'min' for losses/errors, 'max' for accuracy-like monitors */
  mode: 'min' | 'max';
  train: string;
  task: Task;
  /** cite an evidence field if present */
  cite(name: EvidenceName): Cite | undefined;
  /** cite 'points', always present: the fallback when nothing specific was measured */
  points(): Cite;
  /** run length in x units (last_x, else points) */
  length: number;
}

const HIGHER_IS_BETTER = /(acc|auc|f1|precision|recall|score|iou|map|dice|r2)/i;

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
  const unit = ev.x_axis ?? 'epoch';
  const monitor = dx.series.val ?? 'val_loss';
  const mode: 'min' | 'max' = HIGHER_IS_BETTER.test(monitor) && !/loss/i.test(monitor) ? 'max' : 'min';
  const valLabel = monitor;
  const trainLabel = dx.series.train ?? 'loss';
  const relabel = (s: string) => s.replace(/\bval loss\b/g, valLabel).replace(/\btrain loss\b/g, trainLabel);
  const cite = (name: EvidenceName): Cite | undefined => {
    const v = ev[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    return {
      name,
      value: v,
      shown: showEvidence(name, v, unit, (x) => xLabel(ev, x)),
      label: relabel(labelOf(name)),
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
    cite,
    points: () => ({ name: 'points', value: dx.evidence.points, shown: String(ev.points), label: 'points in the run' }),
    length: Math.max(1, Math.round(ev.last_x ?? ev.points ?? 1)) || 1,
  };
}

/** the cites that exist, in order; falls back to `points` so a strategy always cites something */
export function cites(c: Ctx, ...names: EvidenceName[]): Cite[] {
  const out = names.map((n) => c.cite(n)).filter((x): x is Cite => !!x);
  return out;
}
