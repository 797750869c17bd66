/**
 * CatBoost's test_error.tsv when it was given several evaluation sets: "the metric names are expanded by
 * colon-separated numbers" (its docs, output-data_loss-function), one column per set:
 *
 *   iter  CrossEntropy:0  CrossEntropy
 *
 * The set CatBoost picks its best iteration by keeps the bare name (its logger: the last set since 1.0, the first
 * before; each says `best:` after that set's value on the console); the others carry their number. That set is the
 * one read (as validation where the file's name says test_error.tsv, as any eval set's file is: index.ts), as
 * catboost-json.ts reads one of several in catboost_training.json; the numbered ones are left out with a warning
 * (`extra_eval_sets`): a set passed beside it is often the training data again. Only under CatBoost's own header,
 * whose first cell is `iter`.
 */
import type { IngestWarning } from '../schema.js';

/** A CatBoost metric's column for one of several evaluation sets: its capitalised name (with its parameters, if
 * any: `Precision:class=1`), a colon and the set's number (`CrossEntropy:0`, `RMSE:1`). */
const NUMBERED_SET = /^([A-Z][A-Za-z0-9]{0,40}(?::[A-Za-z_]\w{0,40}=[^:\s]*)?):(\d{1,2})$/;

/** `cell` is a numbered set's column of a CatBoost header (its first cell `iter`) that also names the metric bare:
 * CatBoost's layout, not a printed `loss:0` (a value assigned to a name) nor a metric's per-class columns
 * (`Dice:1` in another logger's table). */
export function isNumberedSetCell(cell: string, cells: readonly string[]): boolean {
  if (cells[0]?.trim() !== 'iter') return false;
  const m = NUMBERED_SET.exec(cell.trim());
  return m !== null && cells.some((c) => c.trim() === m[1]);
}

/** The header's numbered set columns (isNumberedSetCell), to leave out. */
export function numberedSetColumns(header: readonly string[]): number[] {
  return header.flatMap((h, i) => (isNumberedSetCell(h, header) ? [i] : []));
}

/** The warning for numbered set columns left out. */
export function numberedSetsWarning(header: readonly string[], left: readonly number[]): IngestWarning {
  const names = left.map((i) => `"${header[i].trim()}"`).join(', ');
  return {
    code: 'extra_eval_sets',
    message: `CatBoost logged several evaluation sets: read the one it picks its best iteration by (the bare name); left out ${names}.`,
  };
}
