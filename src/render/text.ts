/**
 * Words and numbers on the chart: the verdict title, the one-number subtitle, tick labels.
 */
import { PATTERN_LABELS, verdictLabel, xLabel, xUnitOf, type Diagnosis, type Pattern } from '../diagnose/schema.js';

export const PATTERN_TITLES: Record<Pattern, string> = PATTERN_LABELS;

/** A metric value: 3 significant digits, no exponent between 1e-3 and 1e5. */
export function formatValue(v: number | undefined): string {
  if (v === undefined) return '?';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace('e+', 'e');
  if (a >= 100) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

/** An x position: integers as is, large ones compact (12.5k, 1.2M). */
export function formatX(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/** Tick label for a linear y axis. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace('e+', 'e').replace('.0e', 'e');
  return String(Number(v.toPrecision(4)));
}

/** Tick label for a log y axis: only 1, 2 and 5 times a power of ten get a label. */
export function formatLogTick(v: number): string {
  if (!(v > 0)) return '';
  const exp = Math.floor(Math.log10(v) + 1e-9);
  const mant = Math.round(v / Math.pow(10, exp));
  if (mant !== 1 && mant !== 2 && mant !== 5) return '';
  if (exp >= 5 || exp <= -4) return `${mant}e${exp}`;
  return String(Number(v.toPrecision(2)));
}

export function title(d: Diagnosis): string {
  const name = d.borderline ? verdictLabel(d) : (PATTERN_TITLES[d.pattern] ?? d.pattern);
  if (d.pattern === 'not_assessable') return name;
  return `${name} · ${Math.round(d.confidence * 100)}%`;
}

function pct(v: number): string {
  return `${Math.round(Math.abs(v) * 100)}%`;
}

/** The one number that matters most for this verdict, as a short phrase. */
export function subtitle(d: Diagnosis, names: { train?: string; val?: string; lastX?: number }): string {
  const e = d.evidence;
  const ax = xUnitOf(e);
  const val = names.val ?? d.series.val ?? 'val_loss';
  const train = names.train ?? d.series.train ?? 'loss';
  const lastX = names.lastX ?? e.last_x;
  // x positions as labelled in the user's file (a 0-based epoch column)
  const lbl = (x: number) => formatX(xLabel(e, x));
  const from0 = e.x_label_offset === -1 ? `${lbl(e.first_x ?? 1)}–` : '';
  const of = lastX !== undefined ? ` of ${from0}${lbl(lastX)}` : '';
  const parts: string[] = [];
  switch (d.pattern) {
    case 'overfitting':
      if (e.best_x !== undefined && e.best_val !== undefined) {
        parts.push(`best ${val} ${formatValue(e.best_val)} at ${ax} ${lbl(e.best_x)}${of}`);
        if (e.val_change_since_best !== undefined && e.val_change_since_best !== 0)
          parts.push(`${e.val_change_since_best > 0 ? '+' : '-'}${pct(e.val_change_since_best)} since`);
      } else if (e.gap_ratio_last !== undefined) {
        parts.push(`${val} ${pct(e.gap_ratio_last)} above ${train} at the end`);
      }
      break;
    case 'good_fit':
      if (e.val_last !== undefined)
        parts.push(`final ${val} ${formatValue(e.val_last)} at ${ax} ${lbl(e.last_x ?? NaN)}`);
      else if (e.train_last !== undefined) parts.push(`final ${train} ${formatValue(e.train_last)}`);
      if (e.metric_val_last !== undefined && d.series.val_metric)
        parts.push(`${d.series.val_metric} ${formatValue(e.metric_val_last)}`);
      break;
    case 'underfitting':
      if (e.train_last !== undefined) parts.push(`final ${train} ${formatValue(e.train_last)}`);
      if (e.val_last !== undefined) parts.push(`${val} ${formatValue(e.val_last)}`);
      if (e.train_total_improvement !== undefined)
        parts.push(`smoothed level fell only ${pct(e.train_total_improvement)} overall`);
      break;
    case 'high_variance':
      if (e.val_noise_vs_train !== undefined)
        parts.push(`${val} ${e.val_noise_vs_train.toFixed(1)}× noisier than ${train}`);
      else if (e.val_volatility !== undefined) parts.push(`${val} noise ${pct(e.val_volatility)}`);
      break;
    case 'unstable':
      if (e.first_non_finite_x !== undefined) parts.push(`first NaN/inf at ${ax} ${lbl(e.first_non_finite_x)}${of}`);
      else if (e.growth_factor !== undefined && e.growth_factor > 1)
        parts.push(`loss median grew ×${formatValue(e.growth_factor)}`);
      if (e.spike_count) parts.push(`${e.spike_count} spike${e.spike_count === 1 ? '' : 's'}`);
      break;
    case 'not_assessable':
      if (d.headline) parts.push(d.headline);
      break;
  }
  if (parts.length === 0 && d.headline) parts.push(d.headline);
  if (d.run.count > 1) parts.push(`run ${d.run.index + 1} of ${d.run.count}`);
  return parts.join(' · ');
}
