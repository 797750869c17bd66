/** Number formatting and the human labels of evidence fields. */
import type { Evidence } from '../diagnose/schema.js';

// the prose formatters live with the rest of the family (util/format.ts); advise's modules call them fmt / pct
import { readable as fmt, readablePercent as pct } from '../util/format.js';

export { fmt, pct };

type Kind = 'num' | 'pct' | 'signed' | 'x' | 'int';
/** label and display kind for every evidence field */
/** Partial: diagnose may add fields; unknown ones are shown by their name. */
export const EVIDENCE_LABELS: Partial<Record<Exclude<keyof Evidence, 'x_axis' | 'x_unit'>, [string, Kind]>> = {
  points: ['points in the run', 'int'],
  first_x: ['first', 'x'],
  last_x: ['last', 'x'],
  train_first: ['first train loss', 'num'],
  train_last: ['last train loss', 'num'],
  train_min: ['lowest train loss', 'num'],
  val_first: ['first val loss', 'num'],
  val_last: ['last val loss', 'num'],
  best_x: ['best val at', 'x'],
  best_val: ['best val loss', 'num'],
  best_train: ['train loss at the best val', 'num'],
  val_change_since_best: ['val loss from its best to the end', 'signed'],
  train_change_since_best: ['train loss from the best val to the end', 'signed'],
  best_fraction: ['smoothed val minimum at this fraction of the run', 'pct'],
  points_after_best: ['points after the smoothed val minimum', 'int'],
  val_rise_after_best: ['val rise after its smoothed minimum (smoothed levels)', 'pct'],
  val_rise_in_noise: ['val rise in units of its noise', 'num'],
  val_rise_t: ['t statistic of the val rise', 'num'],
  train_drop_after_best: ['train drop after the smoothed val minimum (smoothed levels)', 'pct'],
  gap_last: ['final gap (val - train), median of the last points', 'num'],
  gap_ratio_last: ['final gap / train (smoothed levels)', 'pct'],
  gap_ratio_at_best: ['gap / train at the smoothed val minimum (smoothed levels)', 'pct'],
  gap_trend: ['growth of gap / train over the second half (smoothed levels)', 'pct'],
  val_below_train_fraction: ['share of points with val below train', 'pct'],
  train_improvement_last_quarter: ['train improvement over the last quarter (smoothed levels)', 'pct'],
  val_improvement_last_quarter: ['val improvement over the last quarter (smoothed levels)', 'pct'],
  train_total_improvement: ['train improvement over the run (smoothed levels)', 'pct'],
  val_total_improvement: ['val improvement over the run (smoothed levels)', 'pct'],
  train_volatility: ['train noise (relative)', 'pct'],
  val_volatility: ['val noise (relative)', 'pct'],
  val_noise_vs_train: ['val noise / train noise', 'num'],
  direction_changes_val: ['val direction changes', 'pct'],
  spike_count: ['loss spikes', 'int'],
  first_non_finite_x: ['first NaN/Inf at', 'x'],
  non_finite_count: ['NaN/Inf values', 'int'],
  growth_factor: ['late / early loss (medians of the first and last tenth)', 'num'],
  metric_train_last: ['last train metric (median of the last points)', 'num'],
  metric_val_last: ['last val metric (median of the last points)', 'num'],
  metric_val_best: ['best val metric', 'num'],
  metric_gap_last: ['final metric gap (train - val), medians of the last points', 'num'],
  chance_level: ['chance level', 'num'],
  lr_first: ['first learning rate', 'num'],
  lr_last: ['last learning rate', 'num'],
  lr_drops: ['learning-rate drops', 'int'],
  epochs_saved_fraction: ['share of the run early stopping would save', 'pct'],
  suggested_patience: ['suggested patience', 'int'],
  remaining_epochs_estimate: ['more epochs worth trying', 'int'], // in the run's unit (evidenceLabel)
};

/** Evidence fields never listed to people (bookkeeping for the display itself). */
export const HIDDEN_EVIDENCE = new Set(['x_axis', 'x_unit', 'x_label_offset', 'x_rows_within_epoch']);

/** A field as shown; x positions carry the file's own label (`label`: xLabel over the run's evidence). */
export function showEvidence(
  name: string,
  v: number,
  xAxis: 'epoch' | 'step' | 'episode' = 'epoch',
  label: (x: number) => number = (x) => x,
): string {
  const k = (EVIDENCE_LABELS as Record<string, [string, Kind]>)[name]?.[1] ?? 'num';
  if (k === 'pct') return pct(v);
  if (k === 'signed') return `${v > 0 ? '+' : ''}${pct(v)}`;
  if (k === 'x') return `${xAxis} ${fmt(label(v))}`;
  return fmt(v);
}

export function labelOf(name: string): string {
  return (EVIDENCE_LABELS as Record<string, [string, Kind]>)[name]?.[0] ?? name.replace(/_/g, ' ');
}

/** The judged pair as the reply names it: its series' names, and whether higher is better (an accuracy, a score, a reward). */
export interface PairNames {
  train: string;
  val: string;
  higher: boolean;
}

/**
 * A field's label in the run's own names ("lowest train loss" -> "lowest val_mae"). For a curve where higher
 * is better the best point is its highest ("highest reward"), and what the labels call the loss is that curve.
 */
export function evidenceLabel(name: string, names: PairNames, unit: 'epoch' | 'step' | 'episode' = 'epoch'): string {
  let label = labelOf(name);
  // the estimate counts logged points: steps or episodes apart by more than one are no steps or episodes
  if (unit !== 'epoch') label = label.replace(/\bmore epochs\b/, 'more logged points');
  // the gap is measured as errors (val's minus train's): where higher is better that is train's value minus val's
  if (names.higher)
    label = label
      .replace(/^lowest /, 'highest ')
      .replace(/^loss spikes$/, 'spikes')
      .replace(/^final gap \(val - train\)/, 'final gap (train - val)');
  return label.replace(/\bval loss\b/g, names.val).replace(/\btrain loss\b/g, names.train);
}

/**
 * Fields not shown for a curve where higher is better: the late / early ratio is measured on the distance below
 * the curve's best, a number with no meaning in the run's own units (the rise itself is shown as improvement).
 */
const HIDDEN_WHEN_HIGHER = new Set(['growth_factor']);

/** Is this field left out for the pair (HIDDEN_WHEN_HIGHER on a curve where higher is better)? */
export function hiddenFor(name: string, names: PairNames): boolean {
  return names.higher && HIDDEN_WHEN_HIGHER.has(name);
}

/** "a", "a and b", "a, b and c". */
export function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
