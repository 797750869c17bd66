/**
 * A loss that stops being written while the metrics logged beside it go on: pandas writes NaN as an empty cell
 * (`DataFrame.to_csv`'s `na_rep=''`), so a history whose loss turned NaN at epoch 15 saved that way reads as a loss
 * that ends at epoch 14, and the run looks healthy. Those cells are read as NaN only where the reading is certain:
 *  - the loss's cells are empty on every row of its run after its last value, 2 rows or more (and the table holds
 *    no `NA`, `None`, `nan` or short row anywhere: that writer marks what is missing), and no other loss of its
 *    split has a value on those rows (a NaN in a term makes the total NaN; a term dropped after a warm-up, or a
 *    column renamed on resume, leaves another loss going);
 *  - a metric of the same split (its accuracy, a score or an error) has a value on every one of those rows, and on
 *    exactly the rows the loss has before them: one loop wrote both, and only the loss went missing.
 * Alternating rows (train and validation rows of one epoch), a loss logged every other epoch, a last row cut short
 * and a phase whose columns change stay as they are: their blanks are not values.
 */
import { canonicalName } from '../names.js';
import type { IngestWarning, RawColumn } from '../schema.js';

/** Fewer empty rows than this at the end say nothing (one missing last value is a run cut short). */
const MIN_EMPTY_ROWS = 2;
/** ... nor fewer rows logged together before them (the loss and the metric must share a cadence). */
const MIN_SHARED_ROWS = 2;

/** Where one loss was read as NaN: its name and the first x of its empty rows. */
export interface BlankNaN {
  name: string;
  from: number;
}

const isMetric = (kind: string) => kind === 'accuracy' || kind === 'score' || kind === 'error';

/**
 * The run's columns (each sorted by x) with a loss's trailing empty cells read as NaN. `rows`: the x of each of the
 * run's rows that carry a counter (asked for only where a metric goes on past a loss). Not called for a table that
 * marks what is missing (csv.ts).
 */
export function blankLossesAsNaN(cols: RawColumn[], rows: () => number[]): { cols: RawColumn[]; read: BlankNaN[] } {
  const read: BlankNaN[] = [];
  const meta = cols.map((c) => canonicalName(c.name));
  const lastOf = cols.map((c) => (c.x.length > 0 ? c.x[c.x.length - 1] : -Infinity));
  const out = cols.map((c, i) => {
    const { kind, split } = meta[i];
    if (kind !== 'loss' || c.x.length < MIN_SHARED_ROWS) return c;
    const last = lastOf[i];
    // (O(1) per pair first: the usual table has no metric going past its loss)
    const later = (j: number) => j !== i && lastOf[j] > last && meta[j].split === split;
    if (cols.some((_, j) => later(j) && meta[j].kind === 'loss')) return c;
    for (let j = 0; j < cols.length; j++) {
      if (!later(j) || !isMetric(meta[j].kind)) continue;
      const tail = loggedWith(c, cols[j], rows);
      if (!tail) continue;
      read.push({ name: c.name, from: tail[0] });
      return { name: c.name, x: [...c.x, ...tail], y: [...c.y, ...tail.map(() => NaN)] };
    }
    return c;
  });
  return { cols: out, read };
}

/** The metric's x after the loss's last one, when it has exactly the loss's rows before them and a value on every
 * row of the run after them (MIN_EMPTY_ROWS or more); else undefined. `rows`: the x of every row of the run. */
function loggedWith(loss: RawColumn, metric: RawColumn, rows: () => number[]): number[] | undefined {
  const last = loss.x[loss.x.length - 1];
  let cut = 0;
  while (cut < metric.x.length && metric.x[cut] <= last) cut++;
  if (cut !== loss.x.length || metric.x.length - cut < MIN_EMPTY_ROWS) return undefined;
  for (let k = 0; k < cut; k++) if (metric.x[k] !== loss.x[k]) return undefined;
  const tail = metric.x.slice(cut);
  // every row of the run after the loss's last one: a row the metric skips is a layout, not a NaN
  const after = rows().filter((x) => x > last);
  return after.length === tail.length ? tail : undefined;
}

/** The warning that says which losses were read so, and from which point on (in the run's unit). */
export function blankNaNWarning(read: BlankNaN[], unit: string): IngestWarning {
  const seen = new Map<string, number>();
  for (const r of read) if (!seen.has(r.name)) seen.set(r.name, r.from);
  const list = [...seen].map(([name, from]) => `${name} (from ${unit} ${from})`).join(', ');
  return {
    code: 'blank_as_nan',
    message: `${list}: empty on every row to the end while the metrics logged with ${seen.size > 1 ? 'them' : 'it'} go on; read as NaN (pandas writes NaN as an empty cell).`,
  };
}
