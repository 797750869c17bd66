/**
 * "Diagnose this file", as every surface asks for it: the run choice as a person types it (`last`,
 * `all`, `joined` or a run number from 1), the triage (ingest + diagnose) of the chosen run, and the
 * check that the metric the person asked for is really in the log (the pipeline falls back to the
 * default series when it is not, and the surface says so). The CLI, the bot's workers and the
 * training views call this; each surface only words its own refusals.
 */
import { triage, type RunChoice, type TriageOptions, type TriageResult } from '../pipeline.js';
import { findMetric } from '../diagnose/features.js';
import type { Diagnosis } from '../diagnose/schema.js';
import type { TrainingLog } from '../ingest/schema.js';

export type { RunChoice };
export { RunChoiceError } from '../pipeline.js';

type Run = TrainingLog['runs'][number];

/**
 * A run choice as typed (case and surrounding space ignored): `{}` when nothing was given (the
 * default, the last run), `{ run }` for a valid one, undefined for anything else (the caller says
 * what it accepts). Numbers count from 1; a number past the last run is the pipeline's refusal.
 */
export function readRunChoice(text: string | null | undefined): { run?: RunChoice } | undefined {
  if (text === null || text === undefined || text.trim() === '') return {};
  const t = text.trim().toLowerCase();
  if (t === 'last' || t === 'all' || t === 'joined') return { run: t };
  if (/^\d+$/.test(t) && Number(t) >= 1 && Number.isSafeInteger(Number(t))) return { run: Number(t) - 1 };
  return undefined;
}

/**
 * The metric asked for (trimmed) when the run has no series by that name, else undefined. A name
 * matches by key, as written, by its canonical key (val_acc -> val_accuracy) or case-insensitively,
 * the rules the diagnosis itself uses to pick series, or when it is one of the series the diagnosis read.
 */
export function missingMetric(
  run: Run | undefined,
  diagnosis: Diagnosis,
  metric: string | undefined,
): string | undefined {
  const wanted = metric?.trim();
  if (!wanted) return undefined;
  if (run && (findMetric(run, wanted) || run.series.some((s) => s.key.toLowerCase() === wanted.toLowerCase())))
    return undefined;
  const used = Object.values(diagnosis.series).filter((x): x is string => typeof x === 'string');
  return used.some((n) => n.toLowerCase() === wanted.toLowerCase()) ? undefined : wanted;
}

export interface DiagnosedFile extends TriageResult {
  /** the diagnosed run (for 'all': the last) */
  run: Run | undefined;
  /** the metric asked for, when the log has no series by that name (the diagnosis read the default series) */
  metricNotFound?: string;
}

/** Triage one input (bytes or text) with the chosen run and metric, and check the metric. Throws the ingest's and the pipeline's refusals. */
export function diagnoseFile(input: Uint8Array | string, options: TriageOptions = {}): DiagnosedFile {
  const r = triage(input, options);
  const run = r.log.runs[r.diagnosis.run.index] ?? r.log.runs[0];
  const metricNotFound = missingMetric(run, r.diagnosis, options.metric);
  return { ...r, run, ...(metricNotFound ? { metricNotFound } : {}) };
}
