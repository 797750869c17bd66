/**
 * PyTorch Lightning's CSVLogger metrics.csv: sparse rows keyed by (epoch, step), where step-level and
 * epoch-level metrics share one file and LearningRateMonitor rows carry a step but no epoch. One split
 * pass into columns, then each value is placed on the epoch axis (or the step axis when there is no
 * epoch column).
 */
import type { Format, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';
import { sortColumn } from './axis.js';
import { findColumn, forEachLine, metricColumns, splitCells, type Table } from './table.js';

/** The file's positions and values, one entry per data row; NaN where a row has no (finite) epoch/step. */
interface SparseRows {
  ep: Float64Array;
  st: Float64Array;
  /** per metric column: the rows that hold a value, and the values */
  vals: { row: number[]; v: number[] }[];
  /** data rows read */
  count: number;
}

/** Each epoch's steps: the last step of every epoch seen, epochs in ascending order. */
interface EpochSteps {
  maxStepOfEpoch: Map<number, number>;
  epochList: number[];
  /** the steps an epoch covers: (lo, hi] */
  span: Map<number, { lo: number; hi: number }>;
}

export function lightning(table: Table, format: Format): RawLog {
  const { header } = table;
  const warnings = [...table.warnings];
  const ei = findColumn(header, ['epoch']);
  const si = findColumn(header, ['step']);
  const metricCols = metricColumns(header, [ei, si]);
  const rows = readSparse(table, ei, si, metricCols);
  const steps = epochSteps(rows);
  const useEpochAxis = ei >= 0 && steps.epochList.length >= 1;
  const names = metricCols.map((c) => header[c].trim());
  const columns = names.map((name, m) => {
    const evalEpochs = useEpochAxis ? evaluationEpochs(names, name, rows, m) : undefined;
    return evalEpochs ? placeEvalSteps(name, rows, m, evalEpochs) : placeColumn(name, rows, m, steps, useEpochAxis);
  });
  const run: RawRun = { xAxis: useEpochAxis ? 'epoch' : 'step', columns };
  // Lightning counts epochs from 0; its epoch axis is shifted to 1-based like the console
  // (step-level rows sit inside their epoch: each carries its epoch's number)
  if (useEpochAxis) {
    run.epochNumbering = 'from0';
    run.rowsWithinEpochs = true;
  }
  if (useEpochAxis) {
    run.epochAtStep = {
      step: steps.epochList.map((e) => steps.maxStepOfEpoch.get(e) as number),
      epoch: steps.epochList.map((e) => e + 1),
    };
  }
  return { format, runs: [run], warnings, rows: table.rows };
}

function readSparse(table: Table, ei: number, si: number, metricCols: number[]): SparseRows {
  const nRows = table.rows;
  const ep = new Float64Array(nRows).fill(NaN);
  const st = new Float64Array(nRows).fill(NaN);
  const vals = metricCols.map(() => ({ row: [] as number[], v: [] as number[] }));
  let r = 0;
  for (const b of table.blocks) {
    forEachLine(table, b, (line) => {
      const cells = splitCells(line, table.delim);
      // a non-finite epoch or step is no position at all
      if (ei >= 0) ep[r] = finiteOrNaN(parseNumber(cells[ei] ?? ''));
      if (si >= 0) st[r] = finiteOrNaN(parseNumber(cells[si] ?? ''));
      for (let m = 0; m < metricCols.length; m++) {
        const raw = cells[metricCols[m]];
        if (raw === undefined || raw === '') continue;
        const v = parseNumber(raw);
        if (v === undefined) continue;
        vals[m].row.push(r);
        vals[m].v.push(v);
      }
      r++;
    });
  }
  return { ep, st, vals, count: r };
}

/** max step per epoch gives each epoch's span of steps */
function epochSteps({ ep, st, count }: SparseRows): EpochSteps {
  const maxStepOfEpoch = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const e = ep[i];
    const s = st[i];
    if (e !== e || s !== s) continue;
    const cur = maxStepOfEpoch.get(e);
    if (cur === undefined || s > cur) maxStepOfEpoch.set(e, s);
  }
  const epochList = [...maxStepOfEpoch.keys()].sort((a, b) => a - b);
  const span = new Map<number, { lo: number; hi: number }>();
  epochList.forEach((e, k) =>
    span.set(e, {
      lo: k > 0 ? (maxStepOfEpoch.get(epochList[k - 1]) as number) : -1,
      hi: maxStepOfEpoch.get(e) as number,
    }),
  );
  return { maxStepOfEpoch, epochList, span };
}

/** The epoch a step falls in (LearningRateMonitor rows have a step but no epoch). */
function epochOfStep({ epochList, maxStepOfEpoch }: EpochSteps, s: number): number | undefined {
  let lo = 0;
  let hi = epochList.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((maxStepOfEpoch.get(epochList[mid]) as number) >= s) hi = mid;
    else lo = mid + 1;
  }
  return epochList[lo];
}

/** Does a metric have more than one value in some epoch (a step-level metric)? */
function severalPerEpoch(row: number[], ep: Float64Array): boolean {
  const perEpoch = new Map<number, number>();
  for (const i of row) {
    const e = ep[i];
    if (e !== e) continue;
    const k = (perEpoch.get(e) ?? 0) + 1;
    perEpoch.set(e, k);
    if (k > 1) return true;
  }
  return false;
}

/**
 * One metric's column: an epoch-level metric (at most one value per epoch) is placed at the end of its
 * epoch; a step-level one inside its epoch by its step.
 */
function placeColumn(name: string, rows: SparseRows, m: number, steps: EpochSteps, useEpochAxis: boolean): RawColumn {
  const { ep, st } = rows;
  const { row, v } = rows.vals[m];
  const multi = severalPerEpoch(row, ep);
  const col: RawColumn = { name, x: [], y: [] };
  let lastX = NaN;
  for (let k = 0; k < row.length; k++) {
    const i = row[k];
    let x: number | undefined;
    if (!useEpochAxis) x = st[i] === st[i] ? st[i] : undefined;
    else {
      let e: number | undefined = ep[i];
      const s = st[i];
      if (e !== e) e = s === s ? epochOfStep(steps, s) : undefined;
      if (e === undefined) continue;
      const sp = steps.span.get(e);
      if (!multi || s !== s || !sp || sp.hi <= sp.lo) x = e + 1;
      else x = e + Math.min(1, Math.max(0, (s - sp.lo) / (sp.hi - sp.lo)));
    }
    if (x === undefined) continue;
    // LearningRateMonitor writes duplicate rows; keep one value per x
    if (x === lastX) {
      col.y[col.y.length - 1] = v[k];
      continue;
    }
    lastX = x;
    col.x.push(x);
    col.y.push(v[k]);
  }
  sortColumn(col);
  return col;
}

/** A metric the evaluation loop logs per batch (`on_step`): Lightning suffixes it `_step` and logs it against its own
 * count of evaluation batches over the run (0, 1, 2, ...; the logger connector's update_eval_step_metrics), on rows
 * with no epoch. That count is no training step: read through the training steps' epochs, a validation batch's value
 * lands in some early epoch. */
const EVAL_STEP = /^(?:val|valid|validation|test|eval)(?:[_/.-]|(?=[A-Z])).*_step$/i;

/**
 * The epochs an evaluation `_step` metric's batches belong to, in order: those its `_epoch` twin (the same metric
 * reduced over each evaluation) was logged at. Undefined when the metric is no such per-batch metric (a row of it
 * carries an epoch, or no twin was logged at a epoch): it is then placed as any other.
 */
function evaluationEpochs(names: string[], name: string, rows: SparseRows, m: number): number[] | undefined {
  if (!EVAL_STEP.test(name)) return undefined;
  const { row } = rows.vals[m];
  if (row.length === 0 || row.some((i) => rows.ep[i] === rows.ep[i] || rows.st[i] !== rows.st[i])) return undefined;
  const twin = names.indexOf(`${name.slice(0, -'_step'.length)}_epoch`);
  if (twin < 0) return undefined;
  const epochs = new Set<number>();
  for (const i of rows.vals[twin].row) if (rows.ep[i] === rows.ep[i]) epochs.add(rows.ep[i]);
  return epochs.size > 0 ? [...epochs].sort((a, b) => a - b) : undefined;
}

/**
 * An evaluation metric's per-batch values, spread over the evaluations its twin was logged at: the run's count of
 * evaluation batches shared evenly among them (Lightning skips the sanity check's batches in that count), each batch
 * placed inside its evaluation's epoch like a training step (the last batch at the epoch's end, where the epoch's
 * value sits).
 */
function placeEvalSteps(name: string, rows: SparseRows, m: number, epochs: number[]): RawColumn {
  const { row, v } = rows.vals[m];
  const counters = row.map((i) => rows.st[i]);
  const perEval = (Math.max(...counters) + 1) / epochs.length;
  const col: RawColumn = { name, x: [], y: [] };
  counters.forEach((k, j) => {
    const e = Math.min(epochs.length - 1, Math.floor(k / perEval));
    col.x.push(epochs[e] + Math.min(1, (k - e * perEval + 1) / perEval));
    col.y.push(v[j]);
  });
  sortColumn(col);
  return col;
}

function finiteOrNaN(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) ? v : NaN;
}
