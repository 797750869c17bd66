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
    const evaluated = useEpochAxis ? placeEvalSteps(names, name, rows, m) : undefined;
    return evaluated ?? placeColumn(name, rows, m, steps, useEpochAxis);
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

/** A metric the evaluation loop logs per batch (`on_step`): Lightning suffixes it `_step` and logs it on rows with no
 * epoch, against a count of its own (the batch index in Lightning 2.0, a count over the run since): no training step.
 * Read through the training steps' epochs, a validation batch's value landed in some early epoch. */
const EVAL_STEP = /^(?:val|valid|validation|test|eval)(?:[_/.-]|(?=[A-Z])).*_step(\/dataloader_idx_\d{1,3})?$/i;

/**
 * An evaluation metric's per-batch values, each placed inside the epoch of the evaluation it belongs to: the one whose
 * `_epoch` twin (the metric reduced over that evaluation) is the next row of it in the file, as Lightning writes an
 * evaluation's batches and then its reduced value. The batches of an epoch's evaluations share it evenly, the last at
 * the epoch's end where the twin sits. The count in the step column is not used: its meaning changed between
 * versions. Undefined (placed as any other column) unless the metric is such a per-batch one: an EVAL_STEP name, no
 * row of it with an epoch, a twin logged at epochs, and a twin row after its every batch.
 */
function placeEvalSteps(names: string[], name: string, rows: SparseRows, m: number): RawColumn | undefined {
  const evaluated = EVAL_STEP.exec(name);
  if (!evaluated) return undefined;
  const { row, v } = rows.vals[m];
  if (row.length === 0 || row.some((i) => rows.ep[i] === rows.ep[i])) return undefined;
  // several validation loaders: `val_loss_step/dataloader_idx_0` beside `val_loss_epoch/dataloader_idx_0`
  const loader = evaluated[1] ?? '';
  const twin = names.indexOf(`${name.slice(0, name.length - loader.length - '_step'.length)}_epoch${loader}`);
  if (twin < 0) return undefined;
  const ends = rows.vals[twin].row.filter((i) => rows.ep[i] === rows.ep[i]);
  if (ends.length === 0) return undefined;
  // each batch's epoch: that of the first twin row after it (rows ascend in both lists); an evaluation cut off before
  // its twin was written (a run stopped mid-validation) is the epoch of the last row before it that says one
  const byEpoch = new Map<number, number[]>();
  let t = 0;
  let cut: number | undefined;
  for (let k = 0; k < row.length; k++) {
    while (t < ends.length && ends[t] < row[k]) t++;
    const e = t < ends.length ? rows.ep[ends[t]] : (cut ??= lastEpochBefore(rows, row[k]));
    const batch = byEpoch.get(e) ?? [];
    batch.push(k);
    byEpoch.set(e, batch);
  }
  const col: RawColumn = { name, x: [], y: [] };
  for (const [e, batch] of byEpoch) {
    batch.forEach((k, j) => {
      col.x.push(e + (j + 1) / batch.length);
      col.y.push(v[k]);
    });
  }
  sortColumn(col);
  return col;
}

/** The epoch of the last row before row `i` that carries one. */
function lastEpochBefore(rows: SparseRows, i: number): number {
  for (let r = i - 1; r >= 0; r--) if (rows.ep[r] === rows.ep[r]) return rows.ep[r];
  return 0;
}

function finiteOrNaN(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) ? v : NaN;
}
