/**
 * The curve zoo as typed records: read bench/zoo/zoo.jsonl.gz (gzipped JSON lines, one labelled run per
 * line) and turn a record's base-run history into the project's TrainingLog (what an uploaded Keras
 * history.history gives), so a diagnoser sees a zoo run exactly as it sees an upload.
 *
 *   import { loadZoo, recordToLog } from '../scripts/zoo/load.js';
 *   const test = loadZoo().filter((r) => r.split === 'test');
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyToLog } from '../../src/train/history.js';
import type { TrainingLog } from '../../src/ingest/schema.js';

export const ZOO_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'zoo', 'zoo.jsonl.gz');
/** the holdout families: a split of their own (which no fit script takes: fitSets keeps train and dev) in a file of their own */
export const HOLDOUT_PATH = join(dirname(ZOO_PATH), 'holdout.jsonl.gz');
/** a third held-out set, master seed 3's families (split `holdout` too), generated on 2026-12-02 to settle a
 * decision the test split and the holdout disagreed on (docs/zoo.md, "The seed-3 holdout") */
export const HOLDOUT_S3_PATH = join(dirname(ZOO_PATH), 'holdout-s3.jsonl.gz');

export type ZooLabel = 'good_fit' | 'overfitting' | 'underfitting' | 'high_variance' | 'unstable';
/** train / dev / test: bench/zoo/zoo.jsonl.gz, split by family; holdout: bench/zoo/holdout.jsonl.gz, families
 * generated after the diagnoser's choices up to 2026-12-02 (docs/zoo.md, "The holdout families") */
export type ZooSplit = 'train' | 'dev' | 'test' | 'holdout';

/** What one re-run (a remedy, or the seed re-run) did; losses in the data's original units. */
export interface RunStats {
  /** lowest finite val loss (null: none was finite) */
  best_val: number | null;
  /** val loss of the model you would keep: after EarlyStopping's restore, else the last epoch (null: non-finite) */
  final_val: number | null;
  /** mean |val - rolling median| (window 5) / (median val + 0.05 x trivial loss): jumpiness with the trend removed */
  volatility: number;
  epochs_run: number;
  stop_reason: string;
  /** the help score against the base run (see docs/zoo.md): higher = the change helped more */
  help: number;
  /** its parts: log((base + floor)/(remedy + floor)) of kept and best (clamped to +-LOG_CAP), base - remedy volatility */
  d_final: number;
  d_best: number;
  d_vol: number;
  /** the remedy's val_loss history (units the model saw: multiply by loss_scale for original units) */
  val_loss: (number | null)[];
  loss: (number | null)[];
  /** what the remedy changed, as dotted paths -> new values */
  changes: Record<string, unknown>;
}

export interface ZooRecord {
  id: string;
  /** config family: `${intended}/${variant}/${index}`; splits never separate a family */
  family: string;
  split: ZooSplit;
  /** the zoo's master seed and the run's data/fit seed */
  master_seed: number;
  seed: number;
  task: 'regression' | 'classification';
  /** the config the run used (TrainConfigInput; an upload series by name in data.series_ref, see families.ts resolve) */
  config: Record<string, unknown>;
  /** the behaviour the family was built to show (not the label) */
  intended: ZooLabel;
  variant: string;
  /** the label by intervention */
  label: ZooLabel;
  /** labels a diagnoser may give and be right: [label] or, when borderline, the two tied ones */
  acceptable: ZooLabel[];
  borderline: boolean;
  /** help of the best remedy minus the threshold, and best minus the runner-up */
  margins: { over_threshold: number; over_runner_up: number; threshold: number; seed_noise: number };
  /** base run: non-finite losses / diverged */
  non_finite: boolean;
  diverged: boolean;
  /** loss_scale: original units / history units; ref_loss: the trivial model's val loss in original units (variance of the val targets, or ln 2) */
  base: {
    best_val: number | null;
    final_val: number | null;
    volatility: number;
    epochs_run: number;
    stop_reason: string;
    loss_scale: number;
    ref_loss: number;
  };
  seed_rerun: RunStats;
  remedies: Record<'unstable' | 'underfitting' | 'overfitting' | 'high_variance', RunStats>;
  /** several draws of the labelling experiment (scripts/zoo/average-draws.ts): every draw's helps, seed
   * re-run help and lone label; the label above is from their average. Absent: one draw (remedies above). */
  draws?: {
    ids: number[];
    help: Record<'unstable' | 'underfitting' | 'overfitting' | 'high_variance', number>[];
    seed_help: number[];
    labels: ZooLabel[];
  };
  /** the base run's Keras history (losses in the units the model saw), ~4 significant digits; null = NaN/inf */
  history: {
    loss: (number | null)[];
    val_loss: (number | null)[];
    accuracy?: (number | null)[];
    val_accuracy?: (number | null)[];
    lr?: (number | null)[];
  };
}

export function loadZoo(path = ZOO_PATH): ZooRecord[] {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ZooRecord);
}

/** The base run's history as Keras writes it (NaN where the run had a non-finite value). */
export function recordHistory(r: Pick<ZooRecord, 'history'>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(r.history)) if (v) out[k] = v.map((x) => (x === null ? NaN : x));
  return out;
}

/** The base run as the TrainingLog an upload of its history.history would give. */
export function recordToLog(r: Pick<ZooRecord, 'history' | 'id'>): TrainingLog {
  return historyToLog(recordHistory(r), r.id);
}
