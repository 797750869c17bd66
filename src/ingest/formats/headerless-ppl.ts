/**
 * A counter, a loss and its perplexity without a header (`f.write(f"{epoch}, {loss}, {math.exp(loss)}\n")`, a
 * language model's log): the third column is exp of the second on every row, so the columns name themselves.
 * The counter going back to its first value starts a run (a training restarted, appending to the same file).
 */
import { MAX_LAYOUT_RUNS, type Limits } from '../limits.js';
import type { RawLog, RawRun } from '../schema.js';
import { lossLike, numericRows } from './headerless.js';

/** How far log(perplexity) may stand from the loss: the rounding of two printed numbers (0.01, plus 0.1%). */
const PPL_ABS = 0.01;
const PPL_REL = 0.001;

/** A cross-entropy is positive, so its perplexity is above 1 (a near-zero value beside 1.0, an accuracy, is none). */
function isPerplexityOf(loss: number, ppl: number): boolean {
  return loss > 0 && ppl > 1 && Math.abs(Math.log(ppl) - loss) <= PPL_ABS + PPL_REL * Math.abs(loss);
}

export function lossAndPerplexity(lines: string[], delim: string, limits: Limits): RawLog | undefined {
  const rows = numericRows(lines, delim, 3, limits);
  if (!rows || !rows.every(([, l, p]) => isPerplexityOf(l, p)) || !lossLike(rows.map((r) => r[1]))) return undefined;
  // (a constant third column beside a constant second is no curve of either)
  if (rows.every((r) => r[2] === rows[0][2])) return undefined;
  const first = rows[0][0];
  if (!Number.isInteger(first) || first < 0 || first > 1) return undefined;
  // runs: the counter counts up by one, or goes back to its first value (a restart)
  const runs: number[][][] = [];
  for (const r of rows) {
    const run = runs.at(-1);
    if (run && r[0] === run[run.length - 1][0] + 1) run.push(r);
    else if (r[0] === first) runs.push([r]);
    else return undefined;
    // a counter that starts again every few rows is no relaunch: not this layout
    if (runs.length > MAX_LAYOUT_RUNS) return undefined;
  }
  let start = 1;
  const raw: RawRun[] = runs.map((rs) => {
    const x = rs.map((r) => r[0] + (first === 0 ? 1 : 0));
    const label = runs.length > 1 ? `rows ${start}+` : undefined;
    start += rs.length;
    return {
      xAxis: 'epoch',
      ...(first === 0 ? { epochNumbering: 'from0' as const } : {}),
      columns: [
        { name: 'loss', x, y: rs.map((r) => r[1]) },
        { name: 'perplexity', x, y: rs.map((r) => r[2]) },
      ],
      label,
    };
  });
  return {
    format: 'csv',
    runs: raw,
    rows: rows.length,
    warnings: [
      {
        code: 'unnamed_series',
        message:
          'The table has no header: its first column is read as the epoch, the second as the training loss and the ' +
          'third as its perplexity (exp of the loss on every row). If the loss is measured on validation data, add a ' +
          'header row (e.g. "epoch,val_loss,val_perplexity").',
      },
    ],
  };
}
