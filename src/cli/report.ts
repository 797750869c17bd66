/** The terminal report of `curve-triage diagnose` (its --json shape is the request layer's, src/requests/json.ts). */
import { patternLabel, verdictLabel, xLabel, xUnitOf, type Diagnosis } from '../diagnose/schema.js';
import type { TriageResult } from '../pipeline.js';
import { compact, percent } from '../util/format.js';

export { patternLabel };
export { toJson } from '../requests/json.js';

function fmt(v: number | undefined): string {
  return v === undefined ? '-' : compact(v, 4);
}

/** Raw values of the file first; smoothed statistics say so in their label. */
const EVIDENCE_LINES: [keyof Diagnosis['evidence'], string, 'num' | 'pct' | 'signed' | 'x'][] = [
  ['best_x', 'best point', 'x'],
  ['best_val', 'best val', 'num'],
  ['val_last', 'final val', 'num'],
  ['train_last', 'final train', 'num'],
  ['val_change_since_best', 'val, best -> end', 'signed'],
  ['gap_ratio_last', 'val/train gap (smoothed)', 'pct'],
  ['train_improvement_last_quarter', 'train gain, last quarter (sm.)', 'pct'],
  ['val_improvement_last_quarter', 'val gain, last quarter (sm.)', 'pct'],
  ['val_volatility', 'val noise', 'pct'],
  ['first_non_finite_x', 'first NaN/inf at', 'x'],
  ['metric_val_last', 'val metric (median of last)', 'num'],
  ['metric_train_last', 'train metric (median of last)', 'num'],
];

export function toText(r: TriageResult): string {
  const d = r.diagnosis;
  const e = d.evidence;
  const lines: string[] = [];
  lines.push(`${verdictLabel(d)} (confidence ${Math.round(d.confidence * 100)}%)`);
  lines.push(d.headline);
  lines.push('');
  const where = r.runsFound > 1 ? `, ${d.run.label} (${r.runsFound} runs in the file; --run to pick another)` : '';
  lines.push(
    `format: ${r.log.format}${r.log.detectedBy === 'override' ? ' (as asked)' : ''}; ${e.points} ${e.x_axis === 'epoch' ? 'point(s)' : 'eval point(s)'} on the ${xUnitOf(e)} axis${where}`,
  );
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
    // no change to show when the best is the last point
    if (v === undefined || (k === 'val_change_since_best' && v === 0)) continue;
    const shown =
      kind === 'pct'
        ? percent(v, 1)
        : kind === 'signed'
          ? `${v > 0 ? '+' : ''}${percent(v, 1)}`
          : kind === 'x'
            ? `${xUnitOf(e)} ${fmt(xLabel(e, v))}`
            : fmt(v);
    lines.push(`  ${label.padEnd(30)} ${shown}`);
  }
  if (d.alternatives.length) {
    lines.push('');
    lines.push(
      `could also read as: ${d.alternatives.map((a) => `${a.pattern} (${Math.round(a.probability * 100)}%)`).join(', ')}`,
    );
  }
  if (r.log.warnings.length) {
    lines.push('');
    lines.push('Notes on the file:');
    for (const w of r.log.warnings) lines.push(`  ! ${w.message}`);
  }
  if (r.perRun && r.perRun.length > 1) {
    lines.push('');
    lines.push('Every run:');
    for (const p of r.perRun)
      lines.push(
        `  ${String(p.run.index + 1).padStart(3)}. ${patternLabel(p.pattern).padEnd(15)} ${Math.round(p.confidence * 100)}%  ${p.evidence.points} pts  ${p.run.label}`,
      );
  }
  return lines.join('\n') + '\n';
}
