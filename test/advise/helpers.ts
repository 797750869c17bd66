/** Test helpers: hand-built Diagnosis objects and a batch Python checker. */
import { spawnSync } from 'node:child_process';
import {
  FINDINGS,
  PATTERNS,
  type Diagnosis,
  type Evidence,
  type Finding,
  type Pattern,
} from '../../src/diagnose/schema.js';
import type { TrainingLog } from '../../src/ingest/schema.js';
import { USER_NAMES } from '../../src/advise/python.js';

export { FINDINGS, PATTERNS };

/** Evidence a real run of each kind would have (numbers in realistic ranges). */
export const RICH: Evidence = {
  points: 100,
  x_axis: 'epoch',
  first_x: 1,
  last_x: 100,
  train_first: 0.95,
  train_last: 0.081,
  train_min: 0.079,
  val_first: 0.97,
  val_last: 0.41,
  best_x: 23,
  best_val: 0.231,
  best_fraction: 0.23,
  points_after_best: 77,
  val_rise_after_best: 0.77,
  val_rise_in_noise: 6.2,
  train_drop_after_best: 0.55,
  gap_last: 0.33,
  gap_ratio_last: 0.62,
  gap_ratio_at_best: 0.12,
  gap_trend: 0.08,
  val_below_train_fraction: 0.04,
  train_improvement_last_quarter: 0.031,
  val_improvement_last_quarter: 0.012,
  train_total_improvement: 0.91,
  val_total_improvement: 0.58,
  train_volatility: 0.02,
  val_volatility: 0.09,
  val_noise_vs_train: 4.5,
  direction_changes_val: 0.41,
  spike_count: 2,
  first_non_finite_x: 57,
  non_finite_count: 44,
  growth_factor: 3.4,
  metric_train_last: 0.97,
  metric_val_last: 0.81,
  metric_val_best: 0.84,
  metric_gap_last: 0.16,
  chance_level: 0.5,
  lr_first: 0.001,
  lr_last: 0.0005,
  lr_drops: 1,
  epochs_saved_fraction: 0.67,
  suggested_patience: 10,
  remaining_epochs_estimate: 40,
};

export const MINIMAL: Evidence = { points: 12, x_axis: 'epoch' };

export function dx(
  pattern: Pattern,
  findings: Finding[],
  evidence: Evidence = RICH,
  extra: Partial<Diagnosis> = {},
): Diagnosis {
  return {
    pattern,
    confidence: 0.8,
    findings,
    evidence,
    headline: `${pattern} with ${findings.join(', ') || 'no findings'}`,
    reasons: [`rule for ${pattern} fired`],
    series: { train: 'loss', val: 'val_loss', metric: 'accuracy', val_metric: 'val_accuracy' },
    marks: { non_finite_x: [], spike_x: [] },
    run: { index: 0, count: 1, label: 'run 1' },
    alternatives: [],
    ...extra,
  };
}

export function log(flavour: 'keras2' | 'tfkeras' | 'keras3' | 'unknown'): TrainingLog {
  return {
    format: 'keras-history-json',
    detectedBy: 'content',
    runs: [{ index: 0, label: 'run 1', xAxis: 'epoch', series: [] }],
    dialect: { flavour, clues: [`clue for ${flavour}`] },
    warnings: [],
    stats: { bytes: 0, lines: 0, rows: 0 },
  };
}

/** every (pattern, findings) combination the tests sweep: each pattern alone, with each finding, with all */
export function combos(): [Pattern, Finding[]][] {
  const out: [Pattern, Finding[]][] = [];
  for (const p of PATTERNS) {
    out.push([p, []]);
    for (const f of FINDINGS) out.push([p, [f]]);
    out.push([p, [...FINDINGS]]);
  }
  return out;
}

const CHECKER = `
import ast, builtins, json, sys
snippets = json.load(sys.stdin)
allowed = set(sys.argv[1].split(',')) | set(dir(builtins))
out = []
for src in snippets:
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        out.append({'ok': False, 'error': 'SyntaxError: %s (line %s)' % (e.msg, e.lineno), 'undefined': []})
        continue
    defined = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            defined.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                defined.add((a.asname or a.name).split('.')[0])
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    out.append({'ok': True, 'error': None, 'undefined': sorted(used - defined - allowed)})
json.dump(out, sys.stdout)
`;

export interface PyCheck {
  ok: boolean;
  error: string | null;
  undefined: string[];
}

/** ast.parse every snippet in one python3 process; also lists names used but never defined/imported. */
export function checkPython(snippets: string[]): PyCheck[] {
  const r = spawnSync('python3', ['-c', CHECKER, USER_NAMES.join(',')], {
    input: JSON.stringify(snippets),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyCheck[];
}
