/**
 * diagnose: TrainingLog -> Diagnosis. (Being implemented; the signature is the contract.)
 */
import type { TrainingLog } from '../ingest/schema.js';
import type { Diagnosis } from './schema.js';
export type { Diagnosis, Pattern, Finding, Evidence } from './schema.js';
export { PATTERNS, FINDINGS } from './schema.js';

export interface DiagnoseOptions {
  /** 0-based run index, or 'last' (default) */
  run?: number | 'last';
  /** focus metric key (e.g. 'val_accuracy', 'mae'); default: the loss pair */
  metric?: string;
}

export function diagnose(log: TrainingLog, options: DiagnoseOptions = {}): Diagnosis {
  const index = options.run === undefined || options.run === 'last' ? log.runs.length - 1 : options.run;
  const run = log.runs[index];
  return {
    pattern: 'not_assessable',
    confidence: 0.5,
    findings: [],
    evidence: { points: run.series[0]?.x.length ?? 0, x_axis: run.xAxis },
    headline: 'not implemented yet',
    reasons: [],
    series: {},
    marks: { non_finite_x: [], spike_x: [] },
    run: { index, count: log.runs.length, label: run.label },
    alternatives: [],
  };
}
