/**
 * Zeros written where nothing was measured: a table with one row per epoch whose evaluation metric (BLEU, F1, a
 * validation loss) is computed only every k-th epoch often fills the other rows with 0.0000. Read as values, they
 * draw a metric that collapses to 0 and recovers k epochs later; read as what they are, the metric has a point
 * every k epochs.
 */
import type { IngestWarning, Series } from './schema.js';
import { listNames, warnOnce } from './warnings.js';

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
  dropZerosBeforeEvaluations(series, warnings);
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
  const shown = listNames(named);
  const every = strides.size === 1 ? `every ${ordinal([...strides][0])} row` : 'every few rows';
  warnOnce(warnings, {
    code: 'placeholder_zeros',
    message: `${shown} ${named.length > 1 ? 'are' : 'is'} exactly 0 except ${every}: the zeros are read as "not measured" there.`,
  });
}

/** Leading zeros of a loss before it is counted as "not yet measured": one 0 could be a rounded first value. Ours. */
const LEADING_ZEROS_MIN = 2;

/** How many exact zeros a series starts with, when a value other than 0 follows them and a finite one comes later
 * (`0, 0, NaN, 0.9`: the zeros still came before anything was measured); else 0. */
function leadingZeros(y: readonly number[]): number {
  let z = 0;
  while (z < y.length && y[z] === 0) z++;
  return y.slice(z).some((v) => Number.isFinite(v) && v !== 0) ? z : 0;
}

const EVALUATED = new Set(['val', 'test']);

/**
 * Zeros written before anything was measured: a split's first evaluation (Ultralytics with `val=False` still validates
 * the last epoch; a loop that fills its columns with 0 until it first evaluates), a loss term switched on later (an
 * adversarial or physics term), updates that wait for a replay buffer to fill. No loss starts a run at exactly 0, so a
 * loss whose first rows are exactly 0 before a value was not measured there. When every loss of an evaluated split
 * (validation, test) starts so, that split's evaluation had not run: its other metrics (precision, mAP, accuracy)
 * exactly 0 before the losses' first value go too. A metric beside a loss measured from the start stays, and so does
 * any training metric (an agent's reward may well be 0 at first).
 */
function dropZerosBeforeEvaluations(series: Series[], warnings: IngestWarning[]): void {
  const losses: string[] = [];
  const others: string[] = [];
  for (const split of new Set(series.map((s) => s.split))) {
    const mine = series.filter((s) => s.split === split && s.kind !== 'lr' && s.kind !== 'other' && !s.derived);
    const judged = mine.filter((s) => s.kind === 'loss' && s.y.length >= MIN_ROWS);
    let until = Infinity;
    let all = judged.length > 0;
    for (const s of judged) {
      const z = leadingZeros(s.y);
      if (z < LEADING_ZEROS_MIN) {
        all = false;
        continue;
      }
      until = Math.min(until, s.x[z]);
      s.x = s.x.slice(z);
      s.y = s.y.slice(z);
      losses.push(`"${s.name}"`);
    }
    if (!all || !EVALUATED.has(split)) continue;
    for (const s of mine) {
      if (s.kind === 'loss') continue;
      const before = s.x.findIndex((x) => x >= until);
      const cut = before < 0 ? s.x.length : before;
      if (cut === 0 || cut === s.x.length || !s.y.slice(0, cut).every((v) => v === 0)) continue;
      s.x = s.x.slice(cut);
      s.y = s.y.slice(cut);
      others.push(`"${s.name}"`);
    }
  }
  if (losses.length === 0) return;
  const many = losses.length > 1;
  const beside =
    others.length > 0
      ? ` So ${others.length > 1 ? 'are' : 'is'} ${listNames(others)}, 0 before the evaluation first ran.`
      : '';
  warnOnce(warnings, {
    code: 'placeholder_zeros',
    message: `${listNames(losses)} ${many ? 'are' : 'is'} exactly 0 on ${many ? 'their' : 'its'} first rows, before any value: nothing was measured there yet (an evaluation not yet run, a loss term not yet switched on, a replay buffer still filling), and those zeros are left out.${beside}`,
  });
}
