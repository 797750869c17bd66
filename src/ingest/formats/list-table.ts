/**
 * A table whose cells hold whole curves: a pandas DataFrame with one row per model or run and a list per
 * metric, written with `to_csv` (`Model,Loss` / `BOW,"[0.71, 0.67, ...]"`). Each row is a run, labelled by
 * its other cells; each list cell is that run's series, named by its column, one epoch per element.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import { parseLiteral } from '../literal.js';
import type { RawLog, RawRun } from '../schema.js';
import { isHeaderLike, sniffDelimiter, splitCells } from './table.js';

/** a list needs this many numbers to be a curve (the diagnosis needs 5 points) */
const MIN_POINTS = 5;

function numberList(cell: string, limits: Limits): number[] | undefined {
  const t = cell.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  let v;
  try {
    v = parseLiteral(t, limits.maxDepth);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v) || v.length < MIN_POINTS || !v.every((x) => typeof x === 'number')) return undefined;
  return v as number[];
}

export function listTable(lines: string[], limits: Limits): RawLog | undefined {
  const rows = lines.filter((l) => l.trim() !== '');
  if (rows.length < 2 || !rows[1].includes('[')) return undefined;
  const delim = sniffDelimiter(rows);
  if (!delim) return undefined;
  const header = splitCells(rows[0], delim).map((c) => c.trim());
  if (!isHeaderLike(header)) return undefined;
  let listColumns: number[] | undefined;
  let points = 0;
  const runs: RawRun[] = [];
  for (const [r, line] of rows.slice(1).entries()) {
    const cells = splitCells(line, delim);
    if (cells.length !== header.length) return undefined;
    const lists = cells.map((c) => numberList(c, limits));
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
    runs.push({
      label: name || `row ${r + 1}`,
      xAxis: 'epoch',
      epochNumbering: 'position',
      columns: cols.map((i) => ({
        name: header[i] || `column ${i + 1}`,
        x: lists[i]!.map((_, k) => k + 1),
        y: lists[i]!,
      })),
    });
    points += cols.reduce((a, i) => a + lists[i]!.length, 0);
    if (points > limits.maxRows)
      throw new IngestError('too_many_rows', `The file has more than ${limits.maxRows} values.`);
  }
  return {
    format: 'csv',
    runs,
    rows: rows.length - 1,
    warnings: [
      {
        code: 'curves_in_cells',
        message: `Each row holds whole curves (a list per cell): each of the ${runs.length} row(s) is read as a run, one epoch per list element.`,
      },
    ],
  };
}
