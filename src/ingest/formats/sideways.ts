/**
 * A history written sideways: a row per metric, a column per epoch. pandas writes it so from
 * `pd.DataFrame.from_dict(history.history, orient='index').to_csv()` or `df.T.to_csv()` (a first row of epoch
 * numbers under an empty corner cell: `,0,1,2`), and a loop that writes `name,v1,v2,...` per metric has no
 * such first row. The rows are turned into columns and read by the CSV reader, with a warning that says so.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { RawLog } from '../schema.js';
import { canonicalName, isMetricName } from '../names.js';
import { parseNumber } from '../text.js';
import { parseCsv } from './csv.js';
import { sniffDelimiter, splitCells } from './table.js';

/** values a metric row needs (as many epochs as a curve needs to be drawn) */
const MIN_VALUES = 3;
/** rows a sideways history may have: one per metric, never thousands */
const MAX_METRIC_ROWS = 200;
/** a metric row's name: a name as a history key or a column is written */
const ROW_NAME = /^[A-Za-z_][\w./@ -]{0,99}$/;
/** the corner cell over the row names: empty (pandas' index) or a word naming what the columns count */
const CORNER = /^(?:|epochs?|index|step|iteration)$/i;
/** a cell with no value: empty, or a missing marker */
const MISSING = /^(?:|nan|[-+]?inf|na|n\/a|none|null)$/i;

/** Does the text hold at most MAX_METRIC_ROWS + 1 non-empty lines? Stops counting there (a long table is cheap to refuse). */
function fewLines(text: string): boolean {
  let n = 0;
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (text.slice(start, end).trim() !== '' && ++n > MAX_METRIC_ROWS + 1) return false;
    start = end + 1;
  }
  return n > 0;
}

/** The epoch numbers of a first row (`,0,1,2,...`: a corner cell, then whole numbers counting up), or undefined. */
function epochRow(cells: string[]): number[] | undefined {
  if (cells.length <= MIN_VALUES || !CORNER.test(cells[0])) return undefined;
  const epochs: number[] = [];
  for (const c of cells.slice(1)) {
    if (!/^\d{1,9}$/.test(c)) return undefined;
    const v = Number(c);
    if (epochs.length > 0 && v <= epochs[epochs.length - 1]) return undefined;
    epochs.push(v);
  }
  return epochs;
}

/** Is this row a metric's: a name, then numbers or missing cells, MIN_VALUES numbers at least? */
function metricRow(cells: string[]): boolean {
  if (cells.length <= MIN_VALUES || !ROW_NAME.test(cells[0])) return false;
  let numbers = 0;
  for (const c of cells.slice(1)) {
    if (parseNumber(c) !== undefined) numbers++;
    else if (!MISSING.test(c)) return false;
  }
  return numbers >= MIN_VALUES;
}

/** The cells of a line, trimmed, without the empty cells a writer left at its end. */
function cellsOf(line: string, delim: string): string[] {
  const cells = splitCells(line, delim).map((c) => c.trim());
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/**
 * The sideways history in `text`, or undefined when the text is not one: every row but an optional first row
 * of epoch numbers is a metric's, all as long as each other, and one of them names a loss, an accuracy, a
 * score or an error.
 */
export function sidewaysTable(text: string, limits: Limits): RawLog | undefined {
  if (!fewLines(text)) return undefined;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const delim = sniffDelimiter(lines);
  if (!delim) return undefined;
  const rows = lines.map((l) => cellsOf(l, delim));
  const corner = rows[0][0];
  const epochs = epochRow(rows[0]);
  if (epochs) rows.shift();
  if (rows.length === 0 || !rows.every(metricRow)) return undefined;
  const width = epochs ? epochs.length + 1 : rows[0].length;
  // a list logged fewer times than the others ends early: pandas leaves its last cells empty
  if (epochs) for (const r of rows) while (r.length < width) r.push('');
  if (rows.some((r) => r.length !== width)) return undefined;
  const names = rows.map((r) => r[0]);
  // a history has each name once (rows that repeat a name are a long table written without its header), and
  // one of them is a loss, an accuracy, a score or an error; a row of supports is a classification report
  if (new Set(names).size !== names.length || names.some((n) => /^support$/i.test(n))) return undefined;
  if (!names.some(isMetricName)) return undefined;
  if (width - 1 > limits.maxRows)
    throw new IngestError('too_many_rows', `The table holds more than ${limits.maxRows} epochs (columns).`);
  // the columns count steps when the corner says so ("step,100,200,300")
  const header = [epochs && /^(?:step|iteration)$/i.test(corner) ? corner.toLowerCase() : 'epoch', ...names];
  const body = Array.from({ length: width - 1 }, (_, i) => [
    String(epochs ? epochs[i] : i + 1),
    ...rows.map((r) => r[i + 1]),
  ]);
  const tsv = [header, ...body].map((r) => r.join('\t')).join('\n') + '\n';
  const raw = parseCsv(tsv, '\t', limits, 'csv');
  return {
    ...raw,
    warnings: [
      {
        code: 'sideways_table',
        message:
          'The table holds one row per metric and one column per epoch (a history written sideways, as pandas writes a ' +
          'transposed DataFrame): each column is read as one epoch.',
      },
      ...raw.warnings,
    ],
  };
}
