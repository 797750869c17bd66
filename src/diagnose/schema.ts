/**
 * The Diagnosis: what diagnose() concludes about one run, with the evidence an expert would quote.
 */
import { z } from 'zod';

export const PATTERNS = [
  'good_fit',
  'overfitting',
  'underfitting',
  'high_variance',
  'unstable',
  'not_assessable',
] as const;
export const PatternSchema = z.enum(PATTERNS);
export type Pattern = z.infer<typeof PatternSchema>;

/** How each pattern is named to people (CLI, charts, Discord). */
export const PATTERN_LABELS: Record<Pattern, string> = {
  good_fit: 'Good fit',
  overfitting: 'Overfitting',
  underfitting: 'Underfitting',
  high_variance: 'High variance',
  unstable: 'Unstable',
  not_assessable: 'Not assessable',
};

export function patternLabel(p: Pattern): string {
  return PATTERN_LABELS[p];
}

export const FINDINGS = [
  'nan_inf',
  'diverging',
  'loss_spike',
  'still_improving',
  'plateau',
  'val_better_than_train',
  'possible_leakage',
  'stuck_at_chance',
  'noisy_validation',
  'no_validation',
  'multiple_runs',
  'early_stopped',
] as const;
export const FindingSchema = z.enum(FINDINGS);
export type Finding = z.infer<typeof FindingSchema>;

/**
 * Named measurements. Every field is optional: a train-only log has no val numbers, an
 * accuracy-only log no loss numbers. x positions are in the run's axis (1-based epoch, or step).
 */
export const EvidenceSchema = z.object({
  points: z.number().int(), // aligned points the diagnosis used
  x_axis: z.enum(['epoch', 'step']),
  /** what one x counts when it is not the axis' own unit: `episode` (an RL loop's episodes, numbered like epochs) */
  x_unit: z.enum(['episode']).optional(),
  first_x: z.number().optional(),
  last_x: z.number().optional(),
  // the monitored pair
  train_first: z.number().optional(),
  train_last: z.number().optional(),
  train_min: z.number().optional(),
  val_first: z.number().optional(),
  val_last: z.number().optional(),
  x_label_offset: z.number().optional(), // add to an x to get the label in the user's file (-1 for a 0-based epoch column)
  x_rows_within_epoch: z.number().optional(), // 1: several rows per epoch sit inside it; a fractional x is labelled by its epoch (xLabel)
  best_x: z.number().optional(), // x of val's best raw value (lowest loss, highest accuracy) = "best epoch"
  best_val: z.number().optional(), // raw val value at best_x
  best_train: z.number().optional(), // raw train value at best_x (or the last one before it)
  val_change_since_best: z.number().optional(), // raw: (val_last - best_val) / |best_val|
  train_change_since_best: z.number().optional(), // raw: (train_last - best_train) / |best_train|
  best_fraction: z.number().optional(), // best_x position within the run, 0..1
  points_after_best: z.number().optional(), // points after the smoothed minimum
  val_rise_after_best: z.number().optional(), // smoothed: (tail median / smoothed minimum) - 1
  val_rise_in_noise: z.number().optional(), // the rise divided by val's own noise level
  val_rise_t: z.number().optional(), // t statistic of a line fitted to val from its minimum to the end
  train_drop_after_best: z.number().optional(), // smoothed: relative train improvement since the smoothed val minimum
  gap_last: z.number().optional(), // val - train at the end (smoothed)
  gap_ratio_last: z.number().optional(), // (val - train) / |train| at the end (smoothed)
  gap_ratio_at_best: z.number().optional(),
  gap_trend: z.number().optional(), // change of gap_ratio over the last half (from the middle point to the end)
  val_below_train_fraction: z.number().optional(),
  train_improvement_last_quarter: z.number().optional(), // relative drop of smoothed train over the last 25%
  val_improvement_last_quarter: z.number().optional(),
  train_total_improvement: z.number().optional(), // 1 - smoothed last / smoothed first
  val_total_improvement: z.number().optional(),
  train_volatility: z.number().optional(), // robust relative noise around the trend
  val_volatility: z.number().optional(),
  val_noise_vs_train: z.number().optional(),
  direction_changes_val: z.number().optional(), // fraction of steps that reverse direction
  spike_count: z.number().optional(),
  first_non_finite_x: z.number().optional(),
  non_finite_count: z.number().optional(),
  growth_factor: z.number().optional(), // late median / early median of the loss (divergence); 1 + rise / |early| when the loss is negative
  // the main metric (accuracy or similar), when present
  metric_train_last: z.number().optional(),
  metric_val_last: z.number().optional(),
  metric_val_best: z.number().optional(),
  metric_gap_last: z.number().optional(), // train - val, for higher-is-better metrics
  chance_level: z.number().optional(),
  // learning rate, when logged
  lr_first: z.number().optional(),
  lr_last: z.number().optional(),
  lr_drops: z.number().optional(),
  // suggested early-stopping point (from the smoothed val minimum)
  epochs_saved_fraction: z.number().optional(),
  suggested_patience: z.number().optional(),
  remaining_epochs_estimate: z.number().optional(), // for still_improving: more epochs worth trying
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const DiagnosisSchema = z.object({
  pattern: PatternSchema,
  confidence: z.number().min(0).max(1),
  findings: z.array(FindingSchema),
  evidence: EvidenceSchema,
  /** one sentence for a title line */
  headline: z.string(),
  /** why: one line per rule that fired, each quoting its numbers */
  reasons: z.array(z.string()),
  /** which series were read */
  series: z.object({
    train: z.string().optional(),
    val: z.string().optional(),
    metric: z.string().optional(),
    val_metric: z.string().optional(),
    /** the training loss beside a held-out score judged alone (no held-out loss logged): quoted and drawn, not judged */
    beside: z.string().optional(),
    /** the run logs its validation curve alone (no training curve at all): nothing shows whether the model fits its
     * training data, and the reply says nothing of how the training loss moved */
    val_alone: z.literal(true).optional(),
  }),
  /** where things happen, for charts: x positions in the run's axis */
  marks: z.object({
    best_x: z.number().optional(),
    overfit_from_x: z.number().optional(),
    non_finite_x: z.array(z.number()),
    spike_x: z.array(z.number()),
  }),
  run: z.object({ index: z.number().int(), count: z.number().int(), label: z.string() }),
  /** runner-up patterns with their probabilities, for "could also be" (`score` is the same number, kept for older readers) */
  alternatives: z.array(z.object({ pattern: PatternSchema, probability: z.number(), score: z.number() })),
  /** the runner-up is close enough that both are answers; the headline names both and the reasons say how to tell them apart */
  borderline: z.boolean().optional(),
  /** the calibrated probability of every pattern (absent when the run is not assessable) */
  probabilities: z.record(z.string(), z.number()).optional(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/**
 * The label the user's file gives an x position (best_x, last_x, marks): a row placed inside its epoch
 * (several rows per epoch) carries its epoch's number, then a 0-based epoch column shifts by -1. Every
 * surface that shows an x calls this, so the text, the evidence and the chart say the same epoch.
 */
export function xLabel(e: Pick<Evidence, 'x_label_offset' | 'x_rows_within_epoch'>, x: number): number {
  const whole = Math.abs(x - Math.round(x)) < 1e-9;
  const base = e.x_rows_within_epoch && !whole ? Math.ceil(x) : whole ? Math.round(x) : x;
  return base + (e.x_label_offset ?? 0);
}

/** The word for one x of the run: its episodes when it counts them, else the axis ('epoch' or 'step'). */
export function xUnitOf(e: Pick<Evidence, 'x_axis' | 'x_unit'>): 'epoch' | 'step' | 'episode' {
  return e.x_unit ?? e.x_axis;
}

/** The verdict as people read it: "Overfitting", or "Overfitting, or high variance (borderline)" when the runner-up is close. */
export function verdictLabel(d: Pick<Diagnosis, 'pattern' | 'borderline' | 'alternatives'>): string {
  const runnerUp = d.borderline ? d.alternatives[0]?.pattern : undefined;
  return runnerUp
    ? `${PATTERN_LABELS[d.pattern]}, or ${PATTERN_LABELS[runnerUp].toLowerCase()} (borderline)`
    : PATTERN_LABELS[d.pattern];
}
