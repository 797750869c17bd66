/**
 * A training history -> the TrainingLog an uploaded `history.history` JSON would give, so a retrain
 * is diagnosed, charted and advised exactly like an upload. We serialise the way Keras users do
 * (json.dump: bare NaN / Infinity) and read it back with the real ingest.
 */
import { ingest } from '../ingest/index.js';
import type { TrainingLog } from '../ingest/schema.js';
import { diagnose, type Diagnosis } from '../diagnose/index.js';

export type HistoryLike = Record<string, number[]>;

/** Keys in tf.keras order: loss, metrics, val_loss, val metrics, lr. */
const ORDER = ['loss', 'mae', 'accuracy', 'val_loss', 'val_mae', 'val_accuracy', 'lr'];

export function historyJson(history: HistoryLike): string {
  const keys = Object.keys(history).sort((a, b) => rank(a) - rank(b));
  const num = (v: number) =>
    Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);
  return `{${keys.map((k) => `${JSON.stringify(k)}: [${history[k].map(num).join(', ')}]`).join(', ')}}`;
}

function rank(k: string): number {
  const i = ORDER.indexOf(k);
  return i === -1 ? ORDER.length : i;
}

export function historyToLog(history: HistoryLike, label = 'retrain'): TrainingLog {
  const log = ingest(historyJson(history), { format: 'keras-history-json' });
  return { ...log, runs: log.runs.map((r) => ({ ...r, label })) };
}

export function diagnoseHistory(history: HistoryLike): { log: TrainingLog; diagnosis: Diagnosis } {
  const log = historyToLog(history);
  // a run of curve-triage's own engine: its confidence reads as the zoo's (runs of this engine) say
  return { log, diagnosis: diagnose(log, { origin: 'trained' }) };
}
