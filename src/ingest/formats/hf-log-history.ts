/**
 * Hugging Face's Trainer log: `trainer_state.json`'s log_history (or the list alone), a record per logging step
 * (training entries {loss, learning_rate, epoch, step}, evaluation entries {eval_*}) and the run's final summary.
 */
import { IngestError } from '../errors.js';
import { isObject, type Literal, type LiteralObject } from '../literal.js';
import { isBookkeeping } from '../names.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { toNumber } from './json-values.js';

/** The Trainer's final summary: its running time with the run's totals, and no step's loss. */
function isRunSummary(e: LiteralObject): boolean {
  if (!('train_runtime' in e) || 'loss' in e) return false;
  return 'train_loss' in e || 'total_flos' in e || 'train_samples_per_second' in e;
}

/** A logged value, or a one-entry dict around it: compute_metrics returning `evaluate`'s result under a key
 * (`"eval_accuracy": {"accuracy": 0.9}`) logs the dict whole. */
function valueOf(v: Literal): number | undefined {
  const n = toNumber(v);
  if (n !== undefined || !isObject(v)) return n;
  const inner = Object.values(v);
  return inner.length === 1 ? toNumber(inner[0]) : undefined;
}

/** Hugging Face log_history: train entries {loss, learning_rate, epoch, step}, eval entries {eval_*}. */
export function fromLogHistory(entries: Literal[], state: LiteralObject | undefined): RawLog {
  const points: { step: number; epoch: number | undefined; e: LiteralObject }[] = [];
  let rows = 0;
  for (const e of entries) {
    if (!isObject(e)) continue;
    rows++;
    const step = toNumber(e.step);
    if (step === undefined || !Number.isFinite(step)) continue;
    // the final summary entry (train_runtime beside train_loss, total_flos or the samples per second) is not a point
    // on the curve; a step's own entry that also carries the running time is (transformers' Trainer adds its speed
    // metrics, train_runtime among them, to every log under include_num_input_tokens_seen)
    if (isRunSummary(e)) continue;
    const epoch = toNumber(e.epoch);
    points.push({ step, epoch: epoch !== undefined && Number.isFinite(epoch) ? epoch : undefined, e });
  }
  points.sort((a, b) => a.step - b.step);
  // epoch axis when the epoch counter is present and never goes back (resumed streaming runs reset it)
  let monotone = points.length > 0 && points.every((p) => p.epoch !== undefined);
  for (let i = 1; monotone && i < points.length; i++)
    if ((points[i].epoch as number) < (points[i - 1].epoch as number)) monotone = false;
  const lastEpoch = points.length ? (points[points.length - 1].epoch ?? 0) : 0;
  const useEpoch = monotone && lastEpoch >= 1;
  const cols = new Map<string, RawColumn>();
  const steps: number[] = [];
  const epochs: number[] = [];
  for (const p of points) {
    if (p.epoch !== undefined && (steps.length === 0 || p.step > steps[steps.length - 1])) {
      steps.push(p.step);
      epochs.push(p.epoch);
    }
    const x = useEpoch ? (p.epoch as number) : p.step;
    for (const k of Object.keys(p.e)) {
      if (k === 'step' || k === 'epoch' || isBookkeeping(k)) continue;
      const n = valueOf(p.e[k]);
      if (n === undefined) continue;
      let c = cols.get(k);
      if (!c) {
        c = { name: k, x: [], y: [] };
        cols.set(k, c);
      }
      c.x.push(x);
      c.y.push(n);
    }
  }
  const clues: string[] = [];
  if (state && typeof state.best_metric === 'number') clues.push(`hf:best_metric ${state.best_metric}`);
  if (cols.size === 0) {
    throw new IngestError('no_series', 'This trainer_state.json has an empty log_history: no loss was logged yet.');
  }
  const run: RawRun = {
    xAxis: useEpoch ? 'epoch' : 'step',
    columns: [...cols.values()],
    epochAtStep: { step: steps, epoch: epochs },
  };
  return { format: 'hf-trainer-state', runs: [run], warnings: [], rows, clues };
}
