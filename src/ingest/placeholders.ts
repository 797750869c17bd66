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
 * The stride k (>= 2) when the series is exactly 0 on every row but every k-th one (from some first row, with
 * fewer than k zeros after the last measured row), and the zeros are at least half the rows; else undefined.
 * A real 0 (a metric that failed) does not come back every k-th epoch exactly, nor stay 0 only in between.
 */
export function placeholderStride(y: readonly number[]): number | undefined {
  if (y.length < MIN_ROWS) return undefined;
  const measured: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 0) continue;
    if (!Number.isFinite(y[i])) return undefined;
    measured.push(i);
  }
  if (measured.length < MIN_MEASURED || 2 * measured.length > y.length) return undefined;
  const k = measured[1] - measured[0];
  if (k < 2) return undefined;
  for (let j = 2; j < measured.length; j++) if (measured[j] - measured[j - 1] !== k) return undefined;
  // rows before the first evaluation and after the last are fewer than a stride (the run ended in between)
  if (measured[0] >= k || y.length - 1 - measured.at(-1)! >= k) return undefined;
  return k;
}

/** Drop placeholder zeros from metric series (not learning rates or counters), with one warning naming them. */
export function dropPlaceholderZeros(series: Series[], warnings: IngestWarning[]): void {
  const named: string[] = [];
  const strides = new Set<number>();
  for (const s of series) {
    if (s.kind === 'lr' || s.kind === 'other') continue;
    const k = placeholderStride(s.y);
    if (k === undefined) continue;
    const keep = s.y.map((v) => v !== 0);
    s.x = s.x.filter((_, i) => keep[i]);
    s.y = s.y.filter((_, i) => keep[i]);
    named.push(`"${s.name}"`);
    strides.add(k);
  }
  if (named.length === 0) return;
  const shown = named.length > 6 ? `${named.slice(0, 6).join(', ')} and ${named.length - 6} more` : named.join(', ');
  const every = strides.size === 1 ? `every ${[...strides][0]}th row` : 'every few rows';
  warnings.push({
    code: 'placeholder_zeros',
    message: `${shown} ${named.length > 1 ? 'are' : 'is'} exactly 0 except ${every}: the zeros are read as "not measured" there.`,
  });
}
