/**
 * A Weights & Biases chart exported with "Download CSV": the chart's x axis first (`Step`, `epoch/epoch`, ...),
 * then for every run and metric `"<run> - <metric>"` with its band `"<run> - <metric>__MIN"` and `__MAX` (the
 * spread of the points W&B sampled into one; equal to the value when none were). Each run is a run of its own,
 * its columns named by the metric; the bands are not metrics. A run with fewer points leaves its cells empty.
 */
import { isBookkeeping } from '../names.js';
import type { IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';
import { segmentByEpoch, segmentBySteps, STEP_KEYS, type Segment } from './axis.js';
import { forEachLine, splitCells, type Table } from './table.js';

/** W&B's own names end in the run's number in its project (`elated-capybara-104`). */
const RUN_NUMBER = /-(\d+)$/;

/** `<run> - <metric>` with an optional `__MIN`/`__MAX` band: the run is what comes before the last " - " (run
 * names may hold one; W&B's metric names do not). Cut by position, no regex: a header cell can be long. */
function runColumn(cell: string): { run: string; metric: string; band: boolean } | undefined {
  const cut = cell.lastIndexOf(' - ');
  if (cut <= 0 || cut + 3 >= cell.length) return undefined;
  let metric = cell.slice(cut + 3);
  const band = metric.endsWith('__MIN') || metric.endsWith('__MAX');
  if (band) metric = metric.slice(0, -5);
  return metric === '' ? undefined : { run: cell.slice(0, cut), metric, band };
}

export interface WandbLayout {
  /** per run, in the order it ran: its name and its metric columns (index in the row, metric as written) */
  runs: { name: string; cols: { index: number; metric: string }[] }[];
  /** what the first column counts */
  axis: 'step' | 'epoch' | 'position';
  /** the runs were put in the order of the numbers in their names */
  numbered: boolean;
}

/**
 * The layout of a W&B chart export, or undefined: every column after the first names a run and a metric, and
 * at least one is a __MIN or __MAX band (a table whose columns only look like `a - b` is not W&B's).
 */
export function wandbLayout(header: string[]): WandbLayout | undefined {
  if (header.length < 3 || runColumn(header[0].trim())) return undefined;
  const byRun = new Map<string, { index: number; metric: string }[]>();
  let bands = 0;
  for (let i = 1; i < header.length; i++) {
    const m = runColumn(header[i].trim());
    if (!m) return undefined;
    const { run, metric, band } = m;
    if (!byRun.has(run)) byRun.set(run, []);
    if (band) bands++;
    else if (!isBookkeeping(metric)) byRun.get(run)!.push({ index: i, metric });
  }
  if (bands === 0) return undefined;
  let runs = [...byRun.entries()].map(([name, cols]) => ({ name, cols })).filter((r) => r.cols.length > 0);
  if (runs.length === 0) return undefined;
  // W&B lists the newest run first; its own names carry the run's number, the order they ran in
  const numbered = runs.every((r) => RUN_NUMBER.test(r.name));
  if (numbered) runs = runs.sort((a, b) => Number(RUN_NUMBER.exec(a.name)![1]) - Number(RUN_NUMBER.exec(b.name)![1]));
  const x = header[0].trim().toLowerCase();
  const axis = /(^|\/)epochs?$/.test(x) ? 'epoch' : STEP_KEYS.includes(x.replace(/^_/, '')) ? 'step' : 'position';
  return { runs, axis, numbered };
}

/** Read the export: one run per W&B run, on the chart's x axis (by position when it is time or anything else). */
export function wandbTable(table: Table, layout: WandbLayout): RawLog {
  const xs: (number | undefined)[] = [];
  const cells: string[][] = [];
  for (const block of table.blocks)
    forEachLine(table, block, (line) => {
      const row = splitCells(line, table.delim);
      xs.push(parseNumber(row[0] ?? ''));
      cells.push(row);
    });
  const warnings: IngestWarning[] = [];
  // the chart's x is shared by every run; one that goes back is no relaunch of a run (W&B plots each run on its
  // own): then, as for time or anything else on the x axis, rows are read in order
  const axisWarnings: IngestWarning[] = [];
  const stepped = layout.axis === 'step' ? segmentBySteps(xs, axisWarnings) : undefined;
  const found = stepped ?? (layout.axis === 'epoch' ? segmentByEpoch(xs, axisWarnings) : undefined);
  const single = found?.length === 1 ? found[0] : undefined;
  if (single) warnings.push(...axisWarnings);
  const seg: Segment = single ?? { rows: xs.map((_, i) => i), x: xs.map((_, i) => i + 1), numbering: 'position' };
  const onSteps = single !== undefined && stepped !== undefined;
  const runs: RawRun[] = [];
  for (const run of layout.runs) {
    const columns: RawColumn[] = run.cols.map(({ index, metric }) => {
      const col: RawColumn = { name: metric, x: [], y: [] };
      seg.rows.forEach((r, k) => {
        const v = parseNumber(cells[r][index] ?? '');
        if (v === undefined) return;
        col.x.push(seg.x[k]);
        col.y.push(v);
      });
      return col;
    });
    if (columns.every((c) => c.y.length === 0)) continue;
    runs.push({
      xAxis: onSteps ? 'step' : 'epoch',
      columns,
      ...(seg.numbering ? { epochNumbering: seg.numbering } : {}),
      label: run.name,
    });
  }
  warnings.push({
    code: 'wandb_export',
    message:
      `A Weights & Biases chart export of ${runs.length} run(s) (${runs.map((r) => r.label).join(', ')}); ` +
      `the __MIN/__MAX bands are left out${runs.length > 1 && layout.numbered ? '. Runs are ordered by the number in their names, the newest last' : ''}.`,
  });
  return { format: 'csv', runs, warnings, rows: table.rows };
}
