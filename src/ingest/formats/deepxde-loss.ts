/**
 * DeepXDE's loss.dat (dde.saveplot, dde.utils.save_loss_history): numpy.savetxt of the loss history under the
 * header "# step, loss_train, loss_test, metrics_test", a row per display step: the step, each loss term on the
 * training points, the same terms on the test points, then each metric on the test points (an l2 relative error,
 * an MSE...). The header names the groups, not their widths: with k terms and m metrics a row holds 1 + 2k + m
 * numbers. The split read is the one whose training and test terms agree best: most often exactly (a boundary or
 * initial condition's term is computed on the same points in both sets), else closest (the same residuals on two
 * sets of points), the fewest metrics on a tie. The losses are the terms' sums, as DeepXDE plots them ("Train loss", "Test
 * loss"), on the step axis; the metrics are the test set's, shown and not judged. A step that goes back starts a
 * run; a step written twice (L-BFGS after Adam starts at the step Adam ended on) keeps its last row.
 */
import { IngestError } from '../errors.js';
import { MAX_LAYOUT_RUNS, type Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

const HEADER = /^#\s*step\s*,\s*loss_train\s*,\s*loss_test\s*(,\s*metrics_test\s*)?$/i;
/** Fewer rows than this are no curve. */
const MIN_ROWS = 3;
/** A row of more numbers than this is no loss history (DeepXDE's are a step, a few terms twice, a few metrics). */
const MAX_WIDTH = 201;
/** A longer line is no row of MAX_WIDTH numbers (numpy writes at most 25 characters a number). */
const MAX_LINE = 10_000;
/** The splits are compared on at most this many rows, spread over the file. */
const SPLIT_ROWS = 200;

interface Split {
  terms: number;
  metrics: number;
}

/** The rows of numbers after the header, or undefined when a line is not one (or the widths differ). */
function rowsOf(lines: string[], from: number, limits: Limits): number[][] | undefined {
  const rows: number[][] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (line.length > MAX_LINE) return undefined;
    // numpy.savetxt's default delimiter is a space; delimiter=',' writes commas
    const cells = line.split(/\s*,\s*|\s+/).map(parseNumber);
    if (cells.length > MAX_WIDTH || cells.some((v) => v === undefined) || !Number.isFinite(cells[0])) return undefined;
    if (rows.length > 0 && cells.length !== rows[0].length) return undefined;
    rows.push(cells as number[]);
    if (rows.length > limits.maxRows)
      throw new IngestError('too_many_rows', `The loss history has more than ${limits.maxRows} rows.`);
  }
  return rows;
}

/** How well a split's training and test terms agree: the share of pairs exactly equal, and the lower median
 * |ln(train / test)| over the rows and terms. */
function agreement(rows: number[][], s: Split): { equal: number; d: number } {
  const d: number[] = [];
  let equal = 0;
  for (const r of rows)
    for (let j = 1; j <= s.terms; j++) {
      const [a, b] = [Math.abs(r[j]), Math.abs(r[j + s.terms])];
      if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) continue;
      if (a === b) equal++;
      d.push(Math.abs(Math.log(a / b)));
    }
  if (d.length === 0) return { equal: 0, d: Infinity };
  d.sort((x, y) => x - y);
  return { equal: equal / d.length, d: d[(d.length - 1) >> 1] };
}

function splitOf(rows: number[][], width: number, metricsNamed: boolean): Split | undefined {
  const sample =
    rows.length <= SPLIT_ROWS ? rows : rows.filter((_, i) => i % Math.ceil(rows.length / SPLIT_ROWS) === 0);
  let best: { s: Split; equal: number; d: number } | undefined;
  for (let metrics = 0; metrics <= (metricsNamed ? width - 3 : 0); metrics++) {
    const terms = (width - 1 - metrics) / 2;
    if (!Number.isInteger(terms) || terms < 1) continue;
    const s = { terms, metrics };
    const a = agreement(sample, s);
    if (!best || a.equal > best.equal || (a.equal === best.equal && a.d < best.d)) best = { s, ...a };
  }
  return best?.s;
}

const sum = (r: number[], from: number, n: number) => r.slice(from, from + n).reduce((a, v) => a + v, 0);

export function parseDeepxdeLoss(lines: string[], limits: Limits): RawLog | undefined {
  const at = lines.findIndex((l) => l.trim() !== '');
  const head = at >= 0 ? HEADER.exec(lines[at].trim()) : null;
  if (!head) return undefined;
  const rows = rowsOf(lines, at + 1, limits);
  if (!rows || rows.length < MIN_ROWS) return undefined;
  const split = splitOf(rows, rows[0].length, head[1] !== undefined);
  if (!split) return undefined;
  const { terms, metrics } = split;
  const runs: number[][][] = [];
  for (const r of rows) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && r[0] === last[0]) run[run.length - 1] = r;
    else if (run && last && r[0] > last[0]) run.push(r);
    else runs.push([r]);
  }
  if (runs.length > MAX_LAYOUT_RUNS) return undefined;
  const metricName = (i: number) => (metrics === 1 ? 'val_metric' : `val_metric_${i + 1}`);
  const rawRuns: RawRun[] = runs.map((run) => {
    const x = run.map((r) => r[0]);
    const columns: RawColumn[] = [
      { name: 'loss', x, y: run.map((r) => sum(r, 1, terms)) },
      { name: 'val_loss', x, y: run.map((r) => sum(r, 1 + terms, terms)) },
      ...Array.from({ length: metrics }, (_, m) => ({
        name: metricName(m),
        x,
        y: run.map((r) => r[1 + 2 * terms + m]),
      })),
    ];
    return { xAxis: 'step', columns, ...(runs.length > 1 ? { label: `from step ${x[0]}` } : {}) };
  });
  const parts = `${terms} loss term${terms === 1 ? '' : 's'}`;
  return {
    format: 'text',
    runs: rawRuns,
    rows: rows.length,
    warnings: [
      {
        code: 'deepxde_loss',
        message:
          `Read as DeepXDE's loss.dat: loss and val_loss are the sums of its ${parts} on the training and test points, as DeepXDE plots them` +
          (metrics > 0 ? `; the test metric${metrics === 1 ? ' is' : 's are'} shown, not judged.` : '.'),
      },
    ],
  };
}
