/**
 * A table whose cells hold whole curves, as pandas writes lists with `to_csv`:
 * - one row per model or run and a list per metric (`Model,Loss` / `BOW,"[0.71, 0.67, ...]"`): each row is a
 *   run, labelled by its other cells, and each list cell a series named by its column;
 * - one row per metric (`pd.Series(history.history).to_csv()`: `,0` / `loss,"[0.9, ...]"`): one run whose
 *   series are named by the rows.
 * A cell holding a list of lists holds several runs (a script that appended each fit's history): one run per inner
 * list. One epoch per list element. A table with an epoch or step column is a per-epoch table whose cells hold
 * per-batch lists: not this reader's. One list alone under pandas' default names (`,0` / `0,"[0.032, ...]"`: a
 * list saved as a one-cell table) is named by the file it came in (`val_loss.csv`, `result_loss.csv`), as a bare
 * list of numbers is (number-list.ts).
 */
import { IngestError } from '../errors.js';
import { MIN_CURVE_POINTS, type Limits } from '../limits.js';
import { parseLiteral } from '../literal.js';
import type { RawLog, RawRun } from '../schema.js';
import { baseName, fileNameSaysLoss, fileNameWords, isMetricName } from '../names.js';
import { parseNumber } from '../text.js';
import { isHeaderLike, sniffDelimiter, splitCells } from './table.js';
import { metricFromFileName } from './number-list.js';

const MIN_POINTS = MIN_CURVE_POINTS;

/**
 * The curves a cell holds: one (`[0.9, 0.7, ...]`), or several when it holds a list of them
 * (`[[0.9, 0.7, ...], [0.5, 0.45, ...]]`: a script that appended each fit's history to one list per metric) in a
 * column named by a metric. A list of lists under any other name (a confusion matrix) is no curve.
 */
function numberLists(cell: string, column: string, limits: Limits): number[][] | undefined {
  const t = cell.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  let v;
  try {
    v = parseLiteral(t, limits.maxDepth);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const curve = (x: unknown): x is number[] =>
    Array.isArray(x) && x.length >= MIN_POINTS && x.every((n) => typeof n === 'number');
  if (curve(v)) return [v];
  return v.length > 0 && v.every(curve) && metricKind(column) ? v : undefined;
}

const metricKind = (name: string) => name !== '' && isMetricName(name);
const isCounterName = (name: string) => /^(epochs?|steps?|iter(ation)?s?|global_step)$/i.test(name.trim());

export function listTable(lines: string[], limits: Limits, fileName?: string): RawLog | undefined {
  const rows = lines.filter((l) => l.trim() !== '');
  if (rows.length < 2 || !rows[1].includes('[')) return undefined;
  const delim = sniffDelimiter(rows);
  if (!delim) return undefined;
  const header = splitCells(rows[0], delim).map((c) => c.trim());
  if (!isHeaderLike(header) && !(header[0] === '' && header.length === 2)) return undefined;
  let listColumns: number[] | undefined;
  let points = 0;
  const runs: RawRun[] = [];
  const scalars: (number | undefined)[][] = [];
  for (const [r, line] of rows.slice(1).entries()) {
    const cells = splitCells(line, delim);
    if (cells.length !== header.length) return undefined;
    const lists = cells.map((c, i) => numberLists(c, header[i], limits));
    const cols = lists.flatMap((l, i) => (l ? [i] : []));
    if (cols.length === 0) return undefined;
    // every row holds its curves in the same columns
    if (listColumns && cols.join() !== listColumns.join()) return undefined;
    listColumns = cols;
    const name = cells
      .filter((_, i) => !lists[i])
      .map((c) => c.trim())
      .filter(Boolean)
      .join(' ');
    runs.push(...rowRuns(header, lists, r, name || (rows.length > 2 ? `row ${r + 1}` : '')));
    scalars.push(cells.map((c, i) => (lists[i] ? undefined : parseNumber(c.trim()))));
    points += cols.reduce((a, i) => a + lists[i]!.reduce((b, l) => b + l.length, 0), 0);
    if (points > limits.maxRows)
      throw new IngestError('too_many_rows', `The file has more than ${limits.maxRows} values.`);
  }
  // a per-epoch table that also holds lists (per-batch losses beside loss and val_loss, or under an epoch
  // counter that rises row by row) is the table readers', not a table of curves
  if (perEpochTable(header, listColumns!, scalars)) return undefined;
  // a run per row, unless a cell held several curves (a run per inner list)
  const runPerRow = runs.length === rows.length - 1;
  // one list column whose rows are named by metrics: one run, a series per row
  const metricRows =
    listColumns!.length === 1 &&
    runPerRow &&
    runs.every((r) => r.label !== undefined && !r.label.startsWith('row ') && metricKind(r.label));
  if (metricRows) {
    return {
      format: 'csv',
      runs: [
        { xAxis: 'epoch', epochNumbering: 'position', columns: runs.map((r) => ({ ...r.columns[0], name: r.label! })) },
      ],
      rows: rows.length - 1,
      warnings: [
        {
          code: 'curves_in_cells',
          message: `Each row holds one metric's curve (a list per cell): ${runs.length} series, one epoch per list element.`,
        },
      ],
    };
  }
  // otherwise each list column must name a metric, or nothing says what the curves are (but the file's name, for
  // one list alone under pandas' default names)
  if (!listColumns!.every((i) => metricKind(header[i]))) return loneList(header, runs, scalars, fileName);
  return {
    format: 'csv',
    runs,
    rows: rows.length - 1,
    warnings: [
      {
        code: 'curves_in_cells',
        message: runPerRow
          ? `Each row holds whole curves (a list per cell): each of the ${runs.length} row(s) is read as a run, one epoch per list element.`
          : `Each cell holds several curves (a list of lists): each inner list is read as a run (${runs.length} in all), one epoch per element.`,
      },
    ],
  };
}

/** One row's runs: one, or one per inner list when its cells hold lists of curves (each cell as many). */
function rowRuns(header: string[], lists: (number[][] | undefined)[], r: number, name: string): RawRun[] {
  const cols = lists.flatMap((l, i) => (l ? [i] : []));
  const colName = (i: number) => header[i] || `column ${i + 1}`;
  const parts = lists[cols[0]]!.length;
  if (cols.some((i) => lists[i]!.length !== parts)) {
    const counts = cols.map((i) => `${colName(i)}: ${lists[i]!.length}`).join(', ');
    throw new IngestError(
      'unrecognised',
      `Row ${r + 1} holds different numbers of curves in its cells (${counts}): which curves belong together cannot be told. Write one run per row, each cell a single list.`,
    );
  }
  return Array.from({ length: parts }, (_, k) => ({
    label: parts > 1 ? (name ? `${name}, list ${k + 1} of ${parts}` : undefined) : name || `row ${r + 1}`,
    xAxis: 'epoch' as const,
    epochNumbering: 'position' as const,
    columns: cols.map((i) => ({ name: colName(i), x: lists[i]![k].map((_, e) => e + 1), y: lists[i]![k] })),
  }));
}

/**
 * Is this a per-epoch table whose cells also hold lists (a metric column of numbers, or a counter rising row
 * by row, beside them)? With lists under a counter and no number of a metric beside them nothing else can
 * read it either: the answer says what it holds rather than the table readers' "every cell was text".
 */
function perEpochTable(header: string[], listColumns: number[], scalars: (number | undefined)[][]): boolean {
  const numbers = (i: number) => scalars.map((row) => row[i]);
  const complete = (i: number) => numbers(i).every((v) => v !== undefined);
  const others = header.map((_, i) => i).filter((i) => !listColumns.includes(i) && header[i] !== '' && complete(i));
  if (others.some((i) => metricKind(header[i]))) return true;
  const counted = others.some((i) => {
    const col = numbers(i);
    return isCounterName(header[i]) && col.every((v, k) => k === 0 || v! > col[k - 1]!);
  });
  if (!counted) return false;
  const names = listColumns.map((i) => `"${header[i]}"`).join(', ');
  throw new IngestError(
    'unrecognised',
    `Each row holds a list of values in ${names} beside a counter: whether a list is one epoch's batches or a whole run cannot be told. Write one value per row (the epoch's mean), or one row per run without the counter column.`,
  );
}

/** pandas' default names: a column numbered from 0, the index column unnamed. */
const DEFAULT_NAME = /^(?:\d{1,3})?$/;

/**
 * One list in the whole table (one row, one list cell), under pandas' default names, its row labelled by an index
 * number: a list saved as a one-cell table (`pd.Series([losses]).to_csv()`). Read as the metric the
 * file's name says (`result_loss.csv`: the loss); without one, a refusal that says what would name it.
 */
function loneList(
  header: string[],
  runs: RawRun[],
  scalars: (number | undefined)[][],
  fileName: string | undefined,
): RawLog | undefined {
  if (runs.length !== 1 || runs[0].columns.length !== 1 || !header.every((h) => DEFAULT_NAME.test(h))) return undefined;
  const index = scalars[0].filter((v) => v !== undefined);
  if (index.length !== scalars[0].length - 1 || !index.every((v) => Number.isInteger(v))) return undefined;
  const name = metricFromFileName(fileName) ?? lossByFileName(fileName);
  const column = runs[0].columns[0];
  if (!name)
    throw new IngestError(
      'unrecognised',
      `The file is one list of ${column.y.length} numbers in a table cell (pandas' default names), and nothing names it as a loss or a metric: name the column (to_csv(header=["loss"])) or the file (loss.csv, val_loss.csv).`,
    );
  return {
    format: 'csv',
    runs: [{ xAxis: 'epoch', epochNumbering: 'position', columns: [{ ...column, name }] }],
    rows: 1,
    warnings: [
      {
        code: 'named_by_file',
        message: `The file is one list of ${column.y.length} numbers in a table cell, without a name inside: it is read as ${name}, from the file's name ${baseName(fileName)}, one value per epoch.`,
      },
    ],
  };
}

/** Split words a file's name may add to `loss` (`train_loss_history.csv`, `val_losses.csv`): the split they name. */
const SPLIT_WORDS: Record<string, 'loss' | 'val_loss'> = {
  train: 'loss',
  training: 'loss',
  val: 'val_loss',
  valid: 'val_loss',
  validation: 'val_loss',
};

/** A file named for one loss and nothing else a metric could be (`result_loss.csv`, `val_loss_history.csv`; not
 * `acc_loss.csv`, `losses_and_acc.csv`, or a test loss, whose split would be a guess): the loss of its split. */
function lossByFileName(fileName: string | undefined): 'loss' | 'val_loss' | undefined {
  if (!fileNameSaysLoss(fileName)) return undefined;
  let name: 'loss' | 'val_loss' = 'loss';
  for (const w of fileNameWords(fileName).map((x) => x.toLowerCase())) {
    if (/^loss(?:es)?$/.test(w)) continue;
    if (Object.hasOwn(SPLIT_WORDS, w)) name = SPLIT_WORDS[w];
    else if (/^(?:test|dev|eval)$/.test(w) || isMetricName(w)) return undefined;
  }
  return name;
}
