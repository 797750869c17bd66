/**
 * A long table whose rows name their split in a column of their own (`epoch,split,loss,accuracy` with a `train` row
 * and a `val` row per epoch; `phase`, `mode`, `stage`, `subset` as csv.ts's TAG_COLUMN names them): the same metric
 * columns hold each split's values. Read as rows in order, the two splits were one zigzag curve, two points an
 * epoch. Here each split's rows become columns of their own, named with the split (`val_loss`, `train_accuracy`),
 * and a row of one split joins the row of another split with the same epoch. Only when every tagged row names a split
 * (a `phase` of `pretrain` / `finetune` is no split: such tables keep their reading), two splits at least.
 */
import { isSplitPrefix } from '../names.js';
import type { BlockColumns } from './zero-padding.js';

export interface SplitPivot {
  /** the pivoted block: one row per epoch (and run), one column per split and metric */
  values: BlockColumns;
  /** for each new column: the index of the metric column it came from, and its split as written */
  from: { metric: number; split: string }[];
}

/** A tag as a split word (`Train`, `val`, `validation`, `test`), lower case; undefined when it names none. */
function splitWord(tag: string): string | undefined {
  const t = tag.trim().toLowerCase();
  return t !== '' && isSplitPrefix(`${t}_`) ? t : undefined;
}

/** The block pivoted by its split column, or undefined when its tags are not splits (or name one split only). */
export function pivotBySplit(values: BlockColumns): SplitPivot | undefined {
  const splits: string[] = [];
  for (const tag of values.tags) {
    if (tag === '') continue;
    const w = splitWord(tag);
    if (w === undefined) return undefined;
    if (!splits.includes(w)) splits.push(w);
  }
  if (splits.length < 2) return undefined;
  const rowSplit = values.tags.map((t) => splitWord(t));
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

/** Each row's merged row when rows carry an epoch (or step): a row joins the last merged row when that has its epoch
 * and not yet its split; any other row starts a merged row of its own. */
function byEpoch(rowEpochs: (number | undefined)[], rowSplit: (string | undefined)[]) {
  const mergedOf = new Int32Array(rowEpochs.length);
  const epochs: (number | undefined)[] = [];
  const taken: Set<string | undefined>[] = [];
  for (let r = 0; r < rowEpochs.length; r++) {
    const last = epochs.length - 1;
    const joins = last >= 0 && epochs[last] === rowEpochs[r] && !taken[last].has(rowSplit[r]);
    if (!joins) {
      epochs.push(rowEpochs[r]);
      taken.push(new Set());
    }
    const m = epochs.length - 1;
    taken[m].add(rowSplit[r]);
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
