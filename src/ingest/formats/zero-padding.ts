/**
 * Rows a loop never filled: arrays made before the run (`np.zeros(epochs)` for every metric) and saved whole when it
 * stopped early end the table with rows where every column is exactly 0, the counter too or going on. Read as values,
 * the run "fell 100%" to 0 on its last epochs, or restarted as a run of zeros. Real values reach 0 too (a loss
 * printed at 2 decimals reaching 0.00, a perceptron's error count, a 0/1 reward, a hinge loss), but one column at a
 * time and from close by: padding strikes several measured columns at once, each from a value far from 0.
 */
import type { IngestWarning } from '../schema.js';
import { median } from '../../util/median.js';

/** fewest rows of zeros read as padding */
const MIN_PADDED_ROWS = 2;
/** fewest columns with values before the zeros: a lone series reaching 0 may have reached it */
const MIN_STRUCK_COLUMNS = 2;
/** how many steps of its printed resolution (the last decimal place its values are written to; 1 for whole numbers)
 * a column's last value before the zeros must be: a loss at 2 decimals going 0.03 -> 0.00, a count going 1 -> 0,
 * are a step or a few away */
const MIN_STEPS_FROM_ZERO = 100;
/** ... and the share of its median size it must keep: a value converging to 0 comes down to it (0.0001 after a
 * median 0.01 is 1%) */
const LAST_OF_MEDIAN = 0.05;
/** arrays are made for a round number of epochs: a table padded to a multiple of this many rows (100, 200) */
const ROUND_ROWS = 10;
/** decimals assumed for a value JavaScript writes with an exponent (1e-7: printed at full precision) */
const EXPONENT_DECIMALS = 12;

/** A block's values (csv.ts reads them): per row its counter and its tag columns' text; per column the rows it holds a
 * value on (ascending) and the values. */
export interface BlockColumns {
  epochs: (number | undefined)[];
  cols: { row: number[]; v: number[] }[];
  tags: string[];
  count: number;
}

type Column = BlockColumns['cols'][number];

/** The first row of the column's run of zeros to the block's last row, each row holding a 0 (count when none). */
function zerosFrom(col: Column, count: number): number {
  let k = col.v.length - 1;
  let row = count - 1;
  while (k >= 0 && col.row[k] === row && col.v[k] === 0) {
    k--;
    row--;
  }
  return row + 1;
}

/** The decimals a value is written to (its shortest form: 0.03 has 2, 1650 has 0). */
function decimals(v: number): number {
  const s = String(Math.abs(v));
  return s.includes('e') ? EXPONENT_DECIMALS : (s.split('.')[1]?.length ?? 0);
}

/** The column's finite values before row `from`. */
function valuesBefore(col: Column, from: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < col.row.length && col.row[k] < from; k++) if (Number.isFinite(col.v[k])) out.push(col.v[k]);
  return out;
}

/** Does a column leave its values abruptly: its last one far from 0 by its printed resolution and by its size? */
function leavesAbruptly(before: number[]): boolean {
  const last = Math.abs(before[before.length - 1]);
  // a loop, not Math.max(...): a column may hold a million values
  let places = 0;
  for (const v of before) places = Math.max(places, decimals(v));
  const resolution = 10 ** -places;
  const nonZero = before.filter((v) => v !== 0).map(Math.abs);
  return last >= MIN_STEPS_FROM_ZERO * resolution && last >= LAST_OF_MEDIAN * median(nonZero);
}

/** A sign only padding gives (values written at full precision pass any resolution test): the counter zeroed too,
 * or one value repeated, on the padded rows; or the table's rows a round number, as an array made for N epochs is. */
function paddingSign(values: BlockColumns, from: number): boolean {
  const pad = values.epochs.slice(from);
  return pad.every((e) => e !== undefined && e === pad[0]) || values.count % ROUND_ROWS === 0;
}

/**
 * Cut the block's padding: its last rows (MIN_PADDED_ROWS or more) where every column holds exactly 0, when
 * MIN_STRUCK_COLUMNS or more columns held values other than 0 before them, every such column left them
 * abruptly, and the rows show a sign of padding. Returns the rows cut.
 */
export function cutZeroPadding(values: BlockColumns): number {
  if (values.cols.length === 0) return 0;
  const from = Math.max(...values.cols.map((c) => zerosFrom(c, values.count)));
  if (values.count - from < MIN_PADDED_ROWS) return 0;
  const struck = values.cols.map((c) => valuesBefore(c, from)).filter((b) => b.some((v) => v !== 0));
  if (struck.length < MIN_STRUCK_COLUMNS || !struck.every(leavesAbruptly) || !paddingSign(values, from)) return 0;
  for (const c of values.cols) {
    const keep = c.row.findIndex((r) => r >= from);
    if (keep >= 0) {
      c.row.length = keep;
      c.v.length = keep;
    }
  }
  const cut = values.count - from;
  values.epochs.length = from;
  values.tags.length = from;
  values.count = from;
  return cut;
}

export function zeroPaddingWarning(rows: number): IngestWarning {
  return {
    code: 'zero_padding',
    message:
      `Left out the last ${rows} row(s): every column is exactly 0 there, after values far from 0 in several ` +
      'columns at once: they look like arrays filled before the run (np.zeros) and saved when it stopped early, ' +
      'not measurements.',
  };
}
