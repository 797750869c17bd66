/**
 * Zeros written where nothing was measured: a table with one row per epoch whose evaluation metric (BLEU, F1, a
 * validation loss) is computed only every k-th epoch often fills the other rows with 0.0000. Read as values, they
 * draw a metric that collapses to 0 and recovers k epochs later; read as what they are, the metric has a point
 * every k epochs.
 */
import type { IngestWarning, Series } from './schema.js';

/** Fewest rows before a stride can be told from chance, and fewest measured points it must leave (two could be a
 * real 0 between them: an agent scoring nothing for ten evaluations). */
const MIN_ROWS = 6;
const MIN_MEASURED = 3;

/**
 * The rows a metric was measured on when it is exactly 0 everywhere else: every k-th row (k >= 2) from some first
 * row, read from the rows that are not 0 (a value, or NaN: measured and broken). Every such row lies on that
 * pattern; a 0 on it is a real 0 (an evaluation that scored nothing) and stays. Undefined unless the pattern holds
 * at most half the rows and at least MIN_MEASURED of its rows are not 0: a real 0 does not come back every k-th
 * epoch exactly, nor stay 0 only in between.
 */
export function placeholderRows(y: readonly number[]): { k: number; phase: number } | undefined {
  if (y.length < MIN_ROWS) return undefined;
  const measured: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] !== 0) measured.push(i);
  if (measured.length < MIN_MEASURED) return undefined;
  let k = Infinity;
  for (let j = 1; j < measured.length; j++) k = Math.min(k, measured[j] - measured[j - 1]);
  if (k < 2) return undefined;
  const phase = measured[0] % k;
  if (measured.some((i) => i % k !== phase)) return undefined;
  const onPattern = Math.floor((y.length - 1 - phase) / k) + 1;
  return 2 * onPattern <= y.length ? { k, phase } : undefined;
}

/** `every 5th row`, `every 2nd row` */
function ordinal(k: number): string {
  const tens = k % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[k % 10] ?? 'th');
  return `${k}${suffix}`;
}

/** Drop placeholder zeros from metric series (not learning rates or counters), with one warning naming them. */
export function dropPlaceholderZeros(series: Series[], warnings: IngestWarning[]): void {
  const named: string[] = [];
  const strides = new Set<number>();
  for (const s of series) {
    if (s.kind === 'lr' || s.kind === 'other') continue;
    const rows = placeholderRows(s.y);
    if (rows === undefined) continue;
    const keep = s.y.map((_, i) => i % rows.k === rows.phase);
    s.x = s.x.filter((_, i) => keep[i]);
    s.y = s.y.filter((_, i) => keep[i]);
    named.push(`"${s.name}"`);
    strides.add(rows.k);
  }
  if (named.length === 0) return;
  const shown = named.length > 6 ? `${named.slice(0, 6).join(', ')} and ${named.length - 6} more` : named.join(', ');
  const every = strides.size === 1 ? `every ${ordinal([...strides][0])} row` : 'every few rows';
  warnings.push({
    code: 'placeholder_zeros',
    message: `${shown} ${named.length > 1 ? 'are' : 'is'} exactly 0 except ${every}: the zeros are read as "not measured" there.`,
  });
}
