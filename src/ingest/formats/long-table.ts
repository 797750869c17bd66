/**
 * Long ("tidy") metric tables: one row per (name, step, value). TensorBoard's scalars come out this way
 * when people dump event files with pandas (`run,tag,step,value`, `filename,tag,step,value`), and so does
 * MLflow's metric history (`key,value,step,timestamp`). Each name becomes a series; each value of a run
 * column (`run`, `filename`, ...) a run of its own.
 */
import { IngestError } from '../errors.js';
import type { Format, RawColumn, RawLog, RawRun } from '../schema.js';
import { isBookkeeping } from '../names.js';
import { parseNumber } from '../text.js';
import { findColumn, forEachLine, splitCells, type Table } from './table.js';

/** `variable` is pandas' name for it after `pd.melt(df)` (as `value` is the value's) */
const NAME_COLUMNS = ['tag', 'metric', 'key', 'metric_name', 'variable'];
const VALUE_COLUMNS = ['value', 'metric_value'];
const X_COLUMNS = ['step', 'global_step', 'epoch', 'iteration', 'iter'];
const RUN_COLUMNS = [
  'run',
  'filename',
  'dir_name', // tbparse
  'run_id',
  'run_name',
  'run_uuid',
  'experiment',
  'version',
  'trial',
  'seed',
];
/** pandas' unnamed index column (`to_csv()` without `index=False`): empty, or `Unnamed: 0` read back and written again */
const INDEX = /^(?:|unnamed: ?\d{1,3})$/;
/** Distinct names and runs read before the table is refused (a long table of anything else). */
const MAX_NAMES = 500;
const MAX_RUNS = 200;

export interface LongLayout {
  name: number;
  value: number;
  x: number;
  run: number;
  xAxis: 'epoch' | 'step';
}

/** The columns of a long table, or undefined when the header is not one (it needs a name, a value and an x column). */
export function longLayout(header: string[]): LongLayout | undefined {
  const name = findColumn(header, NAME_COLUMNS);
  const value = findColumn(header, VALUE_COLUMNS);
  const x = findColumn(header, X_COLUMNS);
  if (name < 0 || value < 0 || x < 0) return undefined;
  // every other column must be another x, a run's name or bookkeeping (wall time, timestamp): a metric
  // column beside them (`epoch,metric,value,loss`) makes it a table of another kind
  const lower = header.map((h) => h.trim().toLowerCase());
  const other = lower.filter((h, k) => k !== name && k !== value && k !== x);
  if (
    !other.every(
      (h) => X_COLUMNS.includes(h) || RUN_COLUMNS.includes(h) || h === 'wall time' || isBookkeeping(h) || INDEX.test(h),
    )
  )
    return undefined;
  const xAxis = /^epoch/i.test(header[x].trim()) ? 'epoch' : 'step';
  return { name, value, x, run: findColumn(header, RUN_COLUMNS), xAxis };
}

/** The series of a long table: per run, per name, the values in x order (a repeated x keeps its last value). */
export function longTable(table: Table, layout: LongLayout, format: Format): RawLog {
  const runs = new Map<string, Map<string, Map<number, number>>>();
  let conflicts = 0;
  for (const block of table.blocks) {
    forEachLine(table, block, (line) => {
      const cells = splitCells(line, table.delim);
      const name = (cells[layout.name] ?? '').trim().replace(/^"|"$/g, '');
      const x = parseNumber(cells[layout.x] ?? '');
      const v = parseNumber(cells[layout.value] ?? '');
      if (!name || x === undefined || !Number.isFinite(x) || v === undefined) return;
      const runKey = layout.run >= 0 ? (cells[layout.run] ?? '').trim() : '';
      let run = runs.get(runKey);
      if (!run) {
        if (runs.size >= MAX_RUNS) throw tooMany(`${MAX_RUNS} runs`);
        run = new Map();
        runs.set(runKey, run);
      }
      let series = run.get(name);
      if (!series) {
        if (run.size >= MAX_NAMES) throw tooMany(`${MAX_NAMES} metric names`);
        series = new Map();
        run.set(name, series);
      }
      const had = series.get(x);
      if (had !== undefined && !Object.is(had, v)) conflicts++;
      series.set(x, v);
    });
  }
  const out: RawRun[] = [...runs.entries()].map(([key, run]) => ({
    xAxis: layout.xAxis,
    columns: [...run.entries()].map(([name, points]): RawColumn => {
      const xs = [...points.keys()].sort((a, b) => a - b);
      return { name, x: xs, y: xs.map((k) => points.get(k)!) };
    }),
    ...(runs.size > 1 && key ? { label: key.length > 60 ? `…${key.slice(-59)}` : key } : {}),
  }));
  if (out.length === 0) {
    throw new IngestError(
      'no_series',
      'The table names metrics in rows (name, step, value) but holds no numeric values.',
    );
  }
  const warnings = [...table.warnings];
  if (conflicts > 0)
    warnings.push({
      code: 'repeated_steps',
      message: `${conflicts} row(s) repeat a (name, step) already read with another value; the later value is read. Rows from several runs without a run column look like this.`,
    });
  return { format, runs: out, warnings, rows: table.rows };
}

function tooMany(what: string): IngestError {
  return new IngestError(
    'no_series',
    `The table of (name, step, value) rows holds more than ${what}; send one run's metrics.`,
  );
}
