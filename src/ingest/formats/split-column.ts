/**
 * A long table whose rows name their split in a column of their own (`epoch,split,loss,accuracy` with a `train` row
 * and a `val` row per epoch; `phase`, `mode`, `stage`, `subset` as csv.ts's TAG_COLUMN names them): the same metric
 * columns hold each split's values. Read as rows in order, the two splits were one zigzag curve, two points an
 * epoch. Here each split's rows become columns of their own, named with the split (`val_loss`, `train_accuracy`),
 * and a row of one split joins the row of another split with the same epoch. Only when every tagged row names a split
 * (a `phase` of `pretrain` / `finetune` is no split: such tables keep their reading), two splits at least.
 */
import { canonicalName, isSplitPrefix } from '../names.js';
import type { BlockColumns } from './zero-padding.js';

export interface SplitPivot {
  /** the pivoted block: one row per epoch (and run), one column per split and metric */
  values: BlockColumns;
  /** for each new column: the index of the metric column it came from, and its split as written */
  from: { metric: number; split: string }[];
}

/** A metric column's name for one split's rows: `val_loss` for `loss` on the `val` rows; the empty split (untagged
 * rows) and a column that names its split itself (`epoch,phase,train_loss,val_loss`, each row filling its own) keep
 * the name. */
export function splitColumnName(header: string, split: string): string {
  const name = header.trim();
  return split === '' || canonicalName(name).splitNamed ? name : `${split}_${name}`;
}

/** A tag as a split word (`Train`, `val`, `validation`, `test`), lower case; undefined when it names none. */
function splitWord(tag: string): string | undefined {
  const t = tag.trim().toLowerCase();
  return t !== '' && isSplitPrefix(`${t}_`) ? t : undefined;
}

/** The block pivoted by its split column, or undefined when its tags are not splits (or name one split only). */
export function pivotBySplit(values: BlockColumns): SplitPivot | undefined {
  const rowSplit = values.tags.map((t) => splitWord(t));
  // every tagged row names a split, and two splits at least
  if (values.tags.some((t, r) => t !== '' && rowSplit[r] === undefined)) return undefined;
  if (new Set(rowSplit.filter((w) => w !== undefined)).size < 2) return undefined;
  const { mergedOf, epochs } = values.epochs.every((e) => e === undefined)
    ? byPlace(rowSplit)
    : byEpoch(values.epochs, rowSplit);
  // untagged rows keep the metric's own name; each split its own column, in the order the file first names them
  const from: SplitPivot['from'] = [];
  const cols: BlockColumns['cols'] = [];
  const slot = new Map<string, number>();
  values.cols.forEach((col, metric) => {
    for (let k = 0; k < col.row.length; k++) {
      const split = rowSplit[col.row[k]] ?? '';
      const key = `${metric}|${split}`;
      let c = slot.get(key);
      if (c === undefined) {
        c = cols.length;
        slot.set(key, c);
        cols.push({ row: [], v: [] });
        from.push({ metric, split });
      }
      cols[c].row.push(mergedOf[col.row[k]]);
      cols[c].v.push(col.v[k]);
    }
  });
  return { values: { epochs, cols, tags: epochs.map(() => ''), count: epochs.length }, from };
}

/**
 * Each row's merged row when rows carry an epoch (or step). A row joins the last merged row of its epoch, in its
 * split's current run, that does not hold its split yet; a split's epoch going back starts that split's next run
 * (appended runs). Splits written one block after the other join by epoch as alternating rows do. A row whose epoch
 * cell is blank joins the last merged row when that does not hold its split yet. Any other row starts a merged row.
 */
function byEpoch(rowEpochs: (number | undefined)[], rowSplit: (string | undefined)[]) {
  const mergedOf = new Int32Array(rowEpochs.length);
  const epochs: (number | undefined)[] = [];
  const taken: Set<string | undefined>[] = [];
  /** per split: its current run, and the epoch it wrote last */
  const runOf = new Map<string | undefined, { run: number; last: number }>();
  /** `run|epoch` -> the merged rows of that epoch, in order */
  const rowsAt = new Map<string, number[]>();
  const start = (epoch: number | undefined, key?: string) => {
    epochs.push(epoch);
    taken.push(new Set());
    const m = epochs.length - 1;
    if (key !== undefined) rowsAt.set(key, [...(rowsAt.get(key) ?? []), m]);
    return m;
  };
  for (let r = 0; r < rowEpochs.length; r++) {
    const split = rowSplit[r];
    const epoch = rowEpochs[r];
    let m: number;
    if (epoch === undefined) {
      const last = epochs.length - 1;
      m = last >= 0 && !taken[last].has(split) ? last : start(undefined);
    } else {
      const seen = runOf.get(split);
      const run = seen === undefined ? 0 : epoch < seen.last ? seen.run + 1 : seen.run;
      runOf.set(split, { run, last: epoch });
      const key = `${run}|${epoch}`;
      // the epoch's last row without this split: a validation row after several training rows of its epoch is the
      // epoch's end
      const open = (rowsAt.get(key) ?? []).filter((k) => !taken[k].has(split));
      m = open.length > 0 ? open[open.length - 1] : start(epoch, key);
    }
    taken[m].add(split);
    mergedOf[r] = m;
  }
  return { mergedOf, epochs };
}

/** Each row's merged row when no row carries an epoch: the k-th row of each split is the k-th point, whether the
 * splits alternate row by row or come one block after the other. */
function byPlace(rowSplit: (string | undefined)[]) {
  const mergedOf = new Int32Array(rowSplit.length);
  const seen = new Map<string | undefined, number>();
  let points = 0;
  rowSplit.forEach((split, r) => {
    const k = seen.get(split) ?? 0;
    seen.set(split, k + 1);
    mergedOf[r] = k;
    points = Math.max(points, k + 1);
  });
  return { mergedOf, epochs: Array.from({ length: points }, (): number | undefined => undefined) };
}
