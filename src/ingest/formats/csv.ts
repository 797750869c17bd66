/**
 * Every table-shaped log: Keras CSVLogger, pandas to_csv, fastai history.csv, Lightning metrics.csv,
 * TensorBoard CSV export, Ultralytics results.csv, and any CSV with metric names in its header.
 * A plain column-wise split (no general CSV library): the benchmark shows it keeps up with pandas,
 * where csv-parse's sync API is ~8x slower on million-row files. Here: the epoch-table and TensorBoard
 * readers (which dialect a table is comes from the registry's header tests); the table scan is in
 * table.ts, Lightning's sparse rows in lightning.ts.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { Format, IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseDecimalComma, parseNumber, splitLines } from '../text.js';
import { segmentByEpoch, segmentBySteps, sortColumn, STEP_KEYS, type Segment } from './axis.js';
import { numberedSetColumns, numberedSetsWarning } from './catboost-sets.js';
import { blankLossesAsNaN, blankNaNWarning, type BlankNaN } from './blank-nan.js';
import { lightning } from './lightning.js';
import { longLayout, longTable } from './long-table.js';
import { settingRuns } from './setting-runs.js';
import { strayEmptyCell, withoutCell } from './stray-cell.js';
import { pivotBySplit, splitColumnName } from './split-column.js';
import { cutZeroPadding, zeroPaddingWarning, type BlockColumns } from './zero-padding.js';
import { wandbLayout, wandbTable } from './wandb-export.js';
import {
  findColumn,
  firstNonEmpty,
  forEachLine,
  metricColumns,
  readTable,
  splitCells,
  TIME_CELL,
  type Table,
} from './table.js';

const GLUED_TIME = /^(\d{1,3}:\d{2}(?::\d{2})?)(\d+)$/;

/** Which dialect a table is, from its header (trimmed cells) and first line: the registry's header tests. */
export type TableDialect = (header: string[], firstLine: string) => Format;

/** Read a table as `dialect` (a format named by --format), or as the dialect its header names. */
export function parseCsv(text: string, delim: string, limits: Limits, dialect: Format | TableDialect): RawLog {
  const table = readTable(text, delim, limits);
  const firstLine = firstNonEmpty(splitLines(text.slice(0, 4096)), 1)[0] ?? '';
  const format = typeof dialect === 'string' ? dialect : dialect(table.header, firstLine);
  if (table.rows === 0) {
    throw new IngestError(
      'no_series',
      `The table has a header (${table.header.slice(0, 6).join(', ')}) but no data rows.`,
    );
  }
  // one row per (name, step, value): TensorBoard scalars dumped with pandas, MLflow's metric history
  // (checked before the header vote's reader, unless a reader was named: a tag,epoch,step,value dump is no Lightning file)
  const long =
    typeof dialect === 'string' && dialect !== 'tensorboard-csv' && dialect !== 'csv'
      ? undefined
      : longLayout(table.header, table);
  // a Weights & Biases chart export: runs side by side, each with its __MIN/__MAX band
  const wandb = typeof dialect === 'string' && dialect !== 'csv' ? undefined : wandbLayout(table.header);
  if (wandb) return wandbTable(table, wandb);
  if (long) {
    const tb = format === 'tensorboard-csv' || findColumn(table.header, ['tag']) >= 0;
    return longTable(table, long, typeof dialect === 'string' ? format : tb ? 'tensorboard-csv' : format);
  }
  switch (format) {
    case 'lightning-csv':
      return lightning(table, format);
    case 'tensorboard-csv':
      return tensorboard(table);
    default:
      return settingRuns(epochTable(table, format), table.header);
  }
}

/** Which columns of an epoch table are what, and how its cells are read. */
interface EpochLayout {
  header: string[];
  width: number;
  /** the epoch column, or with none the step counter's (`step,loss,val_loss`) */
  epochCol: number;
  axis: 'epoch' | 'step';
  /** the epoch column counts an RL loop's episodes */
  unit?: 'episode';
  metricCols: number[];
  /** columns that tag a row with its phase or split (`phase`: train / val), read as text */
  tagCols: number[];
  /** fastai's last column: the anchor for salvaging glued rows */
  hasTime: boolean;
  readCell: (raw: string) => number | undefined;
  /** CatBoost's numbered evaluation sets' columns, left out (catboost-sets.ts) */
  leftSets: number[];
}

/** Counts across blocks, for the warnings at the end. */
interface Tally {
  salvaged: number;
  skipped: number;
  commaCells: number;
  /** rows of zeros a loop never filled, cut (zero-padding.ts) */
  padded: number;
  /** rows read without the stray empty cell every row of their block held (stray-cell.ts), and the column it follows */
  realigned?: { rows: number; after: string };
}

/** One block's values: per row its epoch cell, per metric the rows holding a value and the values. */
interface BlockValues extends BlockColumns {
  /** a metric cell holds a missing marker (`NA`, `None`), a written NaN or is cut off by a short row somewhere: the
   * block's empty cells are no pandas NaN (blank-nan.ts) */
  marked: boolean;
}

function epochTable(table: Table, format: Format): RawLog {
  const first = epochLayout(table.header, table.delim);
  const warnings = [...table.warnings];
  if (first.leftSets.length > 0) warnings.push(numberedSetsWarning(first.header, first.leftSets));
  const tally: Tally = { salvaged: 0, skipped: 0, commaCells: 0, padded: 0 };
  const runs: RawRun[] = [];
  const blockCount = table.blocks.filter((b) => b.rows > 0).length;
  const blankNaN: BlankNaN[] = [];
  for (const block of table.blocks) {
    if (block.rows === 0) continue;
    // a block under a header of its own (other or reordered columns) is read by its names
    const read = block.header ? epochLayout(block.header, table.delim) : first;
    const { values, layout } = bySplit(readBlock(table, block, read, tally), read);
    tally.padded += cutZeroPadding(values);
    // a step counter is the x axis when it is one (whole numbers, runs of 3 rows or more); else rows in order
    const stepped = layout.axis === 'step' ? segmentBySteps(values.epochs, warnings) : undefined;
    // segment on non-increasing epoch (append mode restarts at 0)
    const segments =
      stepped ??
      segmentByEpoch(
        layout.axis === 'step' ? values.epochs.map(() => undefined) : values.epochs,
        warnings,
        filledColumns(values),
      );
    for (const [k, segment] of columnsBySegment(values, segments, layout).entries()) {
      const seg = segments[k];
      const numbering = seg?.numbering;
      // the run's rows that carry a counter (a `best` or `test` row under the table is no epoch of it), asked for
      // only where a metric goes on past a loss
      const counted = () =>
        seg ? seg.x.filter((_, j) => layout.epochCol < 0 || values.epochs[seg.rows[j]] !== undefined) : [];
      // a writer that marks a missing value anywhere in the block (NA, None, nan, a short row) left its empty
      // cells for something else
      const { cols: columns, read } = values.marked ? { cols: segment, read: [] } : blankLossesAsNaN(segment, counted);
      for (const r of read) blankNaN.push({ ...r, from: fileLabel(r.from, seg) });
      runs.push({
        xAxis: stepped ? 'step' : 'epoch',
        ...(layout.unit && !stepped ? { xUnit: layout.unit } : {}),
        columns,
        ...(numbering ? { epochNumbering: numbering } : {}),
        ...(seg?.within ? { rowsWithinEpochs: true } : {}),
        label: blockCount > 1 || segments.length > 1 ? `lines ${block.startLine}+` : undefined,
      });
    }
  }
  warnings.push(...tallyWarnings(tally));
  if (tally.padded > 0) warnings.push(zeroPaddingWarning(tally.padded));
  if (blankNaN.length > 0)
    warnings.push(blankNaNWarning(blankNaN, runs[0]?.xAxis === 'step' ? 'step' : (first.unit ?? 'epoch')));
  const clues: string[] = [];
  if (format === 'keras-csv') clues.push(...csvDialectClues(first.header));
  return { format, runs, warnings, rows: table.rows, clues };
}

/** A block whose rows name their split in a column (split-column.ts): each split's values as columns of their own
 * (`val_loss` beside `train_loss`), one row per epoch; any other block as read. */
function bySplit(values: BlockValues, layout: EpochLayout): { values: BlockValues; layout: EpochLayout } {
  // the first tag column whose every tag is a split word (`epoch,split,dataset,loss`: `split`); a row's tags are
  // joined with `|`, one per tag column (takeRow)
  let pivot: ReturnType<typeof pivotBySplit>;
  for (let k = 0; k < layout.tagCols.length && !pivot; k++)
    pivot = pivotBySplit({ ...values, tags: values.tags.map((t) => t.split('|')[k] ?? '') });
  if (!pivot) return { values, layout };
  const names = pivot.from.map(({ metric, split }) => splitColumnName(layout.header[layout.metricCols[metric]], split));
  const header = [...layout.header, ...names];
  return {
    values: { ...pivot.values, marked: values.marked },
    layout: { ...layout, header, metricCols: names.map((_, k) => layout.header.length + k), tagCols: [] },
  };
}

/** The file's own label for a point: a 0-based epoch column's x is one more, a row inside an epoch carries its epoch. */
function fileLabel(x: number, seg: Segment | undefined): number {
  const base = seg?.within && !Number.isInteger(x) ? Math.ceil(x) : x;
  return seg?.numbering === 'from0' ? base - 1 : base;
}

function epochLayout(header: string[], delim: string): EpochLayout {
  const byEpoch = findColumn(header, ['epoch', 'epochs']);
  // an RL loop's episode counter is numbered like epochs (one row each, restarting with a new run)
  const byEpisode = byEpoch < 0 ? findColumn(header, EPISODE_KEYS) : -1;
  const counted = byEpoch >= 0 ? byEpoch : byEpisode;
  const epochCol = counted >= 0 ? counted : findColumn(header, STEP_KEYS);
  const axis = counted < 0 && epochCol >= 0 ? 'step' : 'epoch';
  // pandas index column: empty header cell with 0..n-1
  const indexCol = header[0] === '' || header[0].toLowerCase() === 'unnamed: 0' ? 0 : -1;
  const hasTime = header.length > 0 && header[header.length - 1].trim().toLowerCase() === 'time';
  // CatBoost's numbered evaluation sets beside the one it picks its best iteration by (catboost-sets.ts)
  const leftSets = numberedSetColumns(header);
  const metricCols = metricColumns(header, [epochCol, indexCol, ...leftSets]);
  if (metricCols.length === 0) {
    throw new IngestError('no_series', `The header (${header.slice(0, 8).join(', ')}) names no metric columns.`);
  }
  // a table separated by ';' or tabs may come from a spreadsheet with decimal commas (0,6931)
  const readCell = delim === ',' ? parseNumber : parseDecimalComma;
  return {
    header,
    width: header.length,
    epochCol,
    axis,
    ...(byEpisode >= 0 ? { unit: 'episode' as const } : {}),
    metricCols,
    tagCols: header.flatMap((h, i) => (TAG_COLUMN.test(h.trim()) ? [i] : [])),
    hasTime,
    readCell,
    leftSets,
  };
}

/** A column that names a row's phase or split in a long table (`epoch,phase,loss,acc` with train and val rows). */
const TAG_COLUMN = /^(?:phase|split|mode|stage|subset|partition|set|dataset)$/i;

/** An episode counter's column names (RL loops' own tables: `episode,reward,length`). */
const EPISODE_KEYS = ['episode', 'episodes'];

function emptyBlock(metrics: number): BlockValues {
  return {
    epochs: [],
    cols: Array.from({ length: metrics }, () => ({ row: [] as number[], v: [] as number[] })),
    marked: false,
    tags: [],
    count: 0,
  };
}

/** One streaming pass into columns; rows are only materialised when they need salvaging. */
function readBlock(table: Table, block: Table['blocks'][number], layout: EpochLayout, tally: Tally): BlockValues {
  const { width } = layout;
  let values = emptyBlock(layout.metricCols.length);
  let bad = 0;
  const skippedBefore = tally.skipped;
  forEachLine(table, block, (line) => {
    const cells = splitCells(line, table.delim);
    // only rows with too many cells are glued; a short row is a cancelled phase (padded as missing)
    if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) bad++;
    takeRow(values, cells, false, layout, tally);
  });
  const stray = bad > 0 && !layout.hasTime ? strayEmptyCell(table, block, layout.header) : undefined;
  if (stray !== undefined) {
    // every row one cell too long, the same cell empty in each: read again without it
    tally.skipped = skippedBefore;
    values = emptyBlock(layout.metricCols.length);
    forEachLine(table, block, (line) =>
      takeRow(values, withoutCell(splitCells(line, table.delim), stray), false, layout, tally),
    );
    tally.realigned = { rows: (tally.realigned?.rows ?? 0) + values.count, after: layout.header[stray - 1] ?? '' };
  }
  if (bad > 0 && layout.hasTime) {
    // rows glued together by concurrent writers: start over from the salvaged records
    const raw: string[][] = [];
    forEachLine(table, block, (line) => {
      raw.push(splitCells(line, table.delim));
    });
    const res = salvageTimeAnchored(raw, width, layout.epochCol);
    // a time column in seconds (a Monitor's t, written by several environments at once) anchors no record (or
    // fewer than were read cleanly): the rows read stand and the glued ones stay skipped
    if (res.recovered <= values.count) return values;
    tally.salvaged += res.recovered;
    tally.skipped += res.skipped;
    values = emptyBlock(layout.metricCols.length);
    for (const cells of res.rows) takeRow(values, cells, true, layout, tally);
  }
  return values;
}

/** Add one row's cells (a salvaged row's epoch cell is garbled: not read). */
function takeRow(values: BlockValues, cells: string[], salvaged: boolean, layout: EpochLayout, tally: Tally): void {
  const { width, epochCol, metricCols, readCell } = layout;
  if (cells.length < width) {
    if (cells.length < Math.min(2, width)) {
      tally.skipped++;
      return;
    }
  } else if (cells.length > width) {
    // extra cells: keep if the extras are empty (trailing delimiter), else skip
    for (let k = width; k < cells.length; k++) {
      if (cells[k].trim() !== '') {
        tally.skipped++;
        return;
      }
    }
  }
  const r = values.count;
  values.epochs.push(epochCol >= 0 && !salvaged ? parseNumber(cells[epochCol] ?? '') : undefined);
  values.tags.push(layout.tagCols.map((c) => (cells[c] ?? '').trim()).join('|'));
  for (let m = 0; m < metricCols.length; m++) {
    const raw = cells[metricCols[m]];
    if (raw === undefined) {
      // a short row is no pandas row (pandas writes every delimiter): the column's blanks are no NaN
      values.marked = true;
      continue;
    }
    let v = parseNumber(raw);
    if (v === undefined && readCell !== parseNumber) {
      v = readCell(raw);
      if (v !== undefined) tally.commaCells++;
    }
    // a missing marker (NA, None) or NaN written out says this writer's empty cells are no NaN
    if (v === undefined || Number.isNaN(v)) {
      if (v !== undefined || raw.trim() !== '') values.marked = true;
      if (v === undefined) continue;
    }
    values.cols[m].row.push(r);
    values.cols[m].v.push(v);
  }
  values.count++;
}

/** Which columns a row fills and its phase (a validation row beside its epoch's training row fills others, or
 * says `val`), as a key. */
function filledColumns(values: BlockValues): (row: number) => string {
  const filled: string[] = values.tags.map((t) => `${t}:`);
  values.cols.forEach((c, m) => c.row.forEach((r) => (filled[r] += `${m},`)));
  return (row) => filled[row] ?? '';
}

/** The block's columns, one set per segment (run), each value at its row's x. */
function columnsBySegment(values: BlockValues, segments: Segment[], layout: EpochLayout): RawColumn[][] {
  const { header, metricCols } = layout;
  const segOf = new Int32Array(values.count);
  const xOf = new Float64Array(values.count);
  segments.forEach((seg, k) => {
    for (let j = 0; j < seg.rows.length; j++) {
      segOf[seg.rows[j]] = k;
      xOf[seg.rows[j]] = seg.x[j];
    }
  });
  const perSeg: RawColumn[][] = segments.map(() => metricCols.map((c) => ({ name: header[c].trim(), x: [], y: [] })));
  for (let m = 0; m < metricCols.length; m++) {
    const { row, v } = values.cols[m];
    for (let k = 0; k < row.length; k++) {
      const col = perSeg[segOf[row[k]]][m];
      col.x.push(xOf[row[k]]);
      col.y.push(v[k]);
    }
  }
  // a step counter that stepped back by one (segmentBySteps) leaves a row out of order
  for (const cols of perSeg) for (const c of cols) sortColumn(c);
  return perSeg;
}

function tallyWarnings(tally: Tally): IngestWarning[] {
  const warnings: IngestWarning[] = [];
  const { salvaged, skipped, commaCells } = tally;
  if (salvaged > 0) {
    warnings.push({
      code: 'salvaged_rows',
      message: `Rows were glued together (several processes writing at once): recovered ${salvaged} records by their time column and numbered them in file order${skipped ? `; skipped ${skipped} fragment(s)` : ''}.`,
    });
  } else if (skipped > 0) {
    warnings.push({ code: 'skipped_rows', message: `Skipped ${skipped} malformed row(s) (wrong number of cells).` });
  }
  if (tally.realigned) {
    const { rows, after } = tally.realigned;
    warnings.push({
      code: 'stray_cell',
      message: `Every row held one cell more than the header, the same one empty in each${after ? ` (after ${after.trim()})` : ''}: ${rows} row(s) read with that cell dropped, each value under its column's name.`,
    });
  }
  if (commaCells > 0) {
    warnings.push({
      code: 'decimal_comma',
      message: `Read ${commaCells} value(s) written with a decimal comma (0,69 as 0.69).`,
    });
  }
  return warnings;
}

function csvDialectClues(header: string[]): string[] {
  const clues: string[] = [];
  if (header.includes('val_learning_rate'))
    clues.push('keras3:NA-filled val_* columns for a run without validation (tf.keras >= 2.13 / Keras 3)');
  return clues;
}

/**
 * Recover records from rows glued together by concurrent writers, using the time column (mm:ss or
 * h:mm:ss) as the end-of-record anchor. Epoch numbers in such files are themselves garbled
 * ("33" for 3), so records are numbered by position.
 */
function salvageTimeAnchored(
  rows: string[][],
  width: number,
  epochCol: number,
): { rows: string[][]; recovered: number; skipped: number } {
  const cells: string[] = [];
  for (const r of rows) {
    for (const c of r) {
      const t = c.trim();
      const g = GLUED_TIME.exec(t);
      if (g) {
        cells.push(g[1], g[2]);
      } else cells.push(t);
    }
  }
  const out: string[][] = [];
  let recovered = 0;
  let skipped = 0;
  let cur: string[] = [];
  for (const c of cells) {
    if (TIME_CELL.test(c)) {
      // a record: [epoch?, metrics..., time]
      const nums = cur.filter((x) => x !== '');
      let rec: string[] | undefined;
      if (nums.length === width - 1) rec = [...nums, c];
      else if (nums.length === width - 2 && epochCol === 0) rec = ['', ...nums, c];
      else if (nums.length > width - 1) rec = [...nums.slice(nums.length - (width - 1)), c];
      if (rec) {
        out.push(rec);
        recovered++;
      } else skipped++;
      cur = [];
    } else cur.push(c);
  }
  if (cur.some((c) => c !== '')) skipped++;
  return { rows: out, recovered, skipped };
}

function tensorboard(table: Table): RawLog {
  const col: RawColumn = { name: 'value', x: [], y: [] };
  for (const b of table.blocks) {
    forEachLine(table, b, (line) => {
      const r = splitCells(line, table.delim);
      const s = parseNumber(r[1] ?? '');
      const v = parseNumber(r[2] ?? '');
      if (s === undefined || v === undefined || !Number.isFinite(s)) return;
      col.x.push(s);
      col.y.push(v);
    });
  }
  sortColumn(col);
  return {
    format: 'tensorboard-csv',
    runs: [{ xAxis: 'step', columns: [col] }],
    warnings: table.warnings,
    rows: table.rows,
  };
}
