/** The terminal report and the --json shape of `curve-triage diagnose`. */
import { patternLabel, verdictLabel, type Diagnosis } from '../diagnose/schema.js';
import type { TriageResult } from '../pipeline.js';
import { compact, percent } from '../util/format.js';

export { patternLabel };

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

function fmt(v: number | undefined): string {
  return v === undefined ? '-' : compact(v, 4);
}

const EVIDENCE_LINES: [keyof Diagnosis['evidence'], string, 'num' | 'pct' | 'x'][] = [
  ['best_x', 'best point', 'x'],
  ['best_val', 'best val', 'num'],
  ['val_last', 'final val', 'num'],
  ['train_last', 'final train', 'num'],
  ['val_rise_after_best', 'val rise after best', 'pct'],
  ['gap_ratio_last', 'val/train gap at end', 'pct'],
  ['train_improvement_last_quarter', 'train gain, last quarter', 'pct'],
  ['val_improvement_last_quarter', 'val gain, last quarter', 'pct'],
  ['val_volatility', 'val noise', 'pct'],
  ['first_non_finite_x', 'first NaN/inf at', 'x'],
  ['metric_val_last', 'final val metric', 'num'],
  ['metric_train_last', 'final train metric', 'num'],
];

export function toText(r: TriageResult): string {
  const d = r.diagnosis;
  const e = d.evidence;
  const lines: string[] = [];
  lines.push(`${verdictLabel(d)} (confidence ${Math.round(d.confidence * 100)}%)`);
  lines.push(d.headline);
  lines.push('');
  const where = r.runsFound > 1 ? `, ${d.run.label} (${r.runsFound} runs in the file; --run to pick another)` : '';
  lines.push(`format: ${r.log.format}${r.log.detectedBy === 'override' ? ' (as asked)' : ''}; ${e.points} ${e.x_axis === 'epoch' ? 'point(s)' : 'eval point(s)'} on the ${e.x_axis} axis${where}`);
  const used = [d.series.train, d.series.val].filter(Boolean).join(' vs ');
  if (used) lines.push(`read: ${used}${d.series.val_metric ? `; metric ${d.series.val_metric}` : ''}`);
  if (d.findings.length) lines.push(`findings: ${d.findings.join(', ')}`);
  lines.push('');
  lines.push('Why:');
  for (const reason of d.reasons) lines.push(`  - ${reason}`);
  lines.push('');
  lines.push('Evidence:');
  for (const [k, label, kind] of EVIDENCE_LINES) {
    const v = e[k] as number | undefined;
    if (v === undefined) continue;
    const shown = kind === 'pct' ? percent(v, 1) : kind === 'x' ? `${e.x_axis} ${fmt(v)}` : fmt(v);
    lines.push(`  ${label.padEnd(26)} ${shown}`);
  }
  if (d.alternatives.length) {
    lines.push('');
    lines.push(`could also read as: ${d.alternatives.map((a) => `${a.pattern} (${Math.round(a.probability * 100)}%)`).join(', ')}`);
  }
  if (r.log.warnings.length) {
    lines.push('');
    lines.push('Notes on the file:');
    for (const w of r.log.warnings) lines.push(`  ! ${w.message}`);
  }
  if (r.perRun && r.perRun.length > 1) {
    lines.push('');
    lines.push('Every run:');
    for (const p of r.perRun) lines.push(`  ${String(p.run.index + 1).padStart(3)}. ${patternLabel(p.pattern).padEnd(15)} ${Math.round(p.confidence * 100)}%  ${p.evidence.points} pts  ${p.run.label}`);
  }
  return lines.join('\n') + '\n';
}
