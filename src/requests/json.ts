/**
 * The JSON contract: the shape `curve-triage diagnose --json` (and `train --json`) writes for a
 * diagnosis, and the replacer that keeps it valid JSON when a value is NaN or Infinity. Field names
 * are an interface: add fields, never rename or drop one.
 */
import type { TriageResult } from '../pipeline.js';

/** The CLI's JSON contract: pattern, confidence, findings, evidence, format, runs, epochs, warnings (+ more). */
export function toJson(r: TriageResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const d = r.diagnosis;
  const out: Record<string, unknown> = {
    pattern: d.pattern,
    confidence: d.confidence,
    findings: d.findings,
    evidence: d.evidence,
    format: r.log.format,
    runs: r.runsFound,
    epochs: d.evidence.points,
    warnings: r.log.warnings.map((w) => w.message),
    warning_codes: r.log.warnings.map((w) => w.code),
    headline: d.headline,
    reasons: d.reasons,
    run: { number: d.run.index + 1, label: d.run.label },
    x_axis: d.evidence.x_axis,
    ...(d.evidence.x_unit ? { x_unit: d.evidence.x_unit } : {}),
    series: d.series,
    marks: d.marks,
    alternatives: d.alternatives,
    ...(d.borderline !== undefined ? { borderline: d.borderline } : {}),
    ...(d.probabilities ? { probabilities: d.probabilities } : {}),
    dialect: r.log.dialect,
    detected_by: r.log.detectedBy,
    ...extra,
  };
  if (r.perRun) {
    out.runs_detail = r.perRun.map((p) => ({
      run: p.run.index + 1,
      label: p.run.label,
      pattern: p.pattern,
      confidence: p.confidence,
      ...(p.borderline ? { borderline: true, alternatives: p.alternatives } : {}),
      findings: p.findings,
      epochs: p.evidence.points,
      headline: p.headline,
    }));
  }
  return out;
}

/** JSON has no NaN/Infinity: write them as strings so the output stays valid JSON. */
export function jsonReplacer(_k: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

/** One value as a line of JSON, non-finite numbers as strings. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value, jsonReplacer) + '\n';
}
