/**
 * The pipeline every surface uses: ingest -> diagnose (-> advise -> render, added by their modules).
 * Pure: bytes in, typed results out; the CLI and the bot only do I/O around it.
 */
import { ingest, type IngestOptions } from './ingest/index.js';
import type { TrainingLog } from './ingest/schema.js';
import { diagnose, type Diagnosis } from './diagnose/index.js';

export type RunChoice = 'last' | 'all' | 'joined' | number;

export interface TriageOptions extends IngestOptions {
  /** which run: 'last' (default), 'all' (each run), 'joined' (runs concatenated, e.g. a resumed run), or a 0-based index */
  run?: RunChoice;
  metric?: string;
}

export interface TriageResult {
  log: TrainingLog;
  /** the diagnosed run's diagnosis (for 'all': the last run) */
  diagnosis: Diagnosis;
  /** for run 'all': one diagnosis per run */
  perRun?: Diagnosis[];
  /** runs found in the file (before any joining) */
  runsFound: number;
}

export class RunChoiceError extends Error {}

export function triage(input: Uint8Array | string, options: TriageOptions = {}): TriageResult {
  let log = ingest(input, options);
  const runsFound = log.runs.length;
  const choice = options.run ?? 'last';
  if (choice === 'joined') log = joinRuns(log);
  if (typeof choice === 'number' && (!Number.isInteger(choice) || choice < 0 || choice >= log.runs.length)) {
    throw new RunChoiceError(
      `There is no run ${choice + 1}: the log holds ${log.runs.length} run(s). Use --run last, all, joined or 1..${log.runs.length}.`,
    );
  }
  const runIndex = typeof choice === 'number' ? choice : log.runs.length - 1;
  const diagnosis = diagnose(log, { run: runIndex, metric: options.metric });
  const perRun =
    choice === 'all'
      ? log.runs.map((_, i) => (i === runIndex ? diagnosis : diagnose(log, { run: i, metric: options.metric })))
      : undefined;
  return { log, diagnosis, runsFound, ...(perRun ? { perRun } : {}) };
}

/** Concatenate runs as one continuous training (append-mode CSVLogger after a resume without initial_epoch). */
export function joinRuns(log: TrainingLog): TrainingLog {
  if (log.runs.length <= 1) return log;
  const keys = new Map<
    string,
    {
      name: string;
      base: string;
      split: TrainingLog['runs'][0]['series'][0]['split'];
      kind: TrainingLog['runs'][0]['series'][0]['kind'];
      x: number[];
      y: number[];
    }
  >();
  let offset = 0;
  for (const run of log.runs) {
    let maxX = 0;
    for (const s of run.series) {
      let k = keys.get(s.key);
      if (!k) {
        k = { name: s.name, base: s.base, split: s.split, kind: s.kind, x: [], y: [] };
        keys.set(s.key, k);
      }
      for (let i = 0; i < s.x.length; i++) {
        k.x.push(s.x[i] + offset);
        k.y.push(s.y[i]);
        if (s.x[i] > maxX) maxX = s.x[i];
      }
    }
    offset += maxX;
  }
  const series = [...keys.entries()].map(([key, v]) => ({ key, ...v }));
  return {
    ...log,
    runs: [{ index: 0, label: `${log.runs.length} runs joined`, xAxis: log.runs[log.runs.length - 1].xAxis, series }],
    warnings: [
      ...log.warnings,
      { code: 'joined_runs', message: `${log.runs.length} runs read as one continuous training.` },
    ],
  };
}
