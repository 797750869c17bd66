/**
 * Numbers without a header that still say what they are: one column of numbers (`numpy.savetxt` of a
 * loss list) or a counter and one value per line (`f.write(f"{step},{loss}\n")`). Both are read as the
 * training loss, and a warning says so. Anything wider cannot be named from the numbers alone.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';
import { splitCells } from './table.js';

/** The delimiter numpy.savetxt writes by default: any run of spaces or tabs. */
export const WHITESPACE = ' ';

/** Fewer finite values than this are not a curve worth guessing a name for (the diagnosis needs 5 points). */
const MIN_ROWS = 5;

/** A column that could be a loss: enough finite values, and not all whole numbers (IDs, years, counts). */
function lossLike(values: number[]): boolean {
  const finite = values.filter(Number.isFinite);
  return finite.length >= MIN_ROWS && finite.some((v) => !Number.isInteger(v));
}

/** The rows as numbers (blank lines skipped), or undefined when a row is not `width` numbers. */
function numericRows(
  lines: string[],
  delim: string | undefined,
  width: number,
  limits: Limits,
): number[][] | undefined {
  const rows: number[][] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const cells =
      delim === WHITESPACE
        ? line.trim().split(/\s+/)
        : delim
          ? splitCells(line, delim).map((c) => c.trim())
          : [line.trim()];
    if (cells.length !== width) return undefined;
    const vals = cells.map((c) => parseNumber(c));
    if (vals.some((v) => v === undefined)) return undefined;
    rows.push(vals as number[]);
    if (rows.length > limits.maxRows)
      throw new IngestError('too_many_rows', `The file has more than ${limits.maxRows} rows.`);
  }
  return rows.length >= MIN_ROWS ? rows : undefined;
}

/** The reading both shapes give: one run holding the training loss, and the warning that says it was guessed. */
function trainingLoss(run: Omit<RawRun, 'columns'>, x: number[], y: number[], message: string): RawLog {
  return {
    format: 'csv',
    runs: [{ ...run, columns: [{ name: 'loss', x, y }] }],
    rows: y.length,
    warnings: [{ code: 'unnamed_series', message }],
  };
}

/** One column of numbers: one epoch of the training loss per row. */
export function singleColumn(lines: string[], limits: Limits): RawLog | undefined {
  const rows = numericRows(lines, undefined, 1, limits);
  if (!rows || !lossLike(rows.map((r) => r[0]))) return undefined;
  return trainingLoss(
    { xAxis: 'epoch', epochNumbering: 'position' },
    rows.map((_, i) => i + 1),
    rows.map((r) => r[0]),
    'The file is one column of numbers without a header: each row is read as one epoch of the training loss. ' +
      'If it is something else, write it with a header and an epoch column (e.g. "epoch,val_loss").',
  );
}

/** A counter column (whole numbers, rising) and one value column: the training loss at each count. */
export function counterAndValue(lines: string[], delim: string, limits: Limits): RawLog | undefined {
  const rows = numericRows(lines, delim, 2, limits);
  if (!rows || !lossLike(rows.map((r) => r[1]))) return undefined;
  const counts = rows.map((r) => r[0]);
  if (!counts.every((c, i) => Number.isInteger(c) && c >= 0 && (i === 0 || c > counts[i - 1]))) return undefined;
  // counting by one (0, 1, 2, ...; or 10, 11, ... after a resume): epochs; any other stride (100, 200, ...): steps
  const epochs = counts.every((c, i) => i === 0 || c === counts[i - 1] + 1);
  const from0 = epochs && counts[0] === 0;
  return trainingLoss(
    { xAxis: epochs ? 'epoch' : 'step', ...(from0 ? { epochNumbering: 'from0' as const } : {}) },
    from0 ? counts.map((c) => c + 1) : counts,
    rows.map((r) => r[1]),
    `The table has no header: its first column is read as ${epochs ? 'an epoch' : 'a step'} counter and its second as the training loss. ` +
      'If they are something else, add a header row (e.g. "epoch,val_loss").',
  );
}
