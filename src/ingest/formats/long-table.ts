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

/** Headers that may head a long table's names without saying "name" as the others do: what its names are (`Loss`:
 * disentangling-vae's `Epoch,Loss,Value`, a row per epoch and loss term), or `name`, `type`. Any of these may as well
 * head a column of numbers, so its cells must show it (wordNames). */
const WORD_NAME_COLUMNS = ['loss', 'losses', 'loss_type', 'loss_name', 'metric_type', 'name', 'type', 'term'];
/** Rows a candidate name column is looked at in. */
const NAME_SAMPLE_ROWS = 50;

/** Does column `col` hold names, as a long table's do: in its first rows, every cell a word (no number), and some x
 * shared by two rows (one row per name at each x)? */
function wordNames(table: Table, col: number, x: number): boolean {
  const names: string[] = [];
  const xs = new Set<string>();
  let repeated = false;
  const block = table.blocks[0];
  if (!block) return false;
  forEachLine(table, block, (line) => {
    const cells = splitCells(line, table.delim);
    const name = (cells[col] ?? '').trim().replace(/^"|"$/g, '');
    names.push(name);
    const at = (cells[x] ?? '').trim();
    if (xs.has(at)) repeated = true;
    xs.add(at);
    return names.length < NAME_SAMPLE_ROWS;
  });
  return (
    repeated &&
    names.length >= 2 &&
    names.every((n) => /^[\p{L}_]/u.test(n) && parseNumber(n) === undefined) &&
    new Set(names).size < names.length
  );
}

/** The columns of a long table, or undefined when the header is not one (it needs a name, a value and an x column).
 * With the table, a name column may also be one whose header says what its names are (WORD_NAME_COLUMNS). */
export function longLayout(header: string[], table?: Table): LongLayout | undefined {
  const value = findColumn(header, VALUE_COLUMNS);
  const x = findColumn(header, X_COLUMNS);
  if (value < 0 || x < 0) return undefined;
  let name = findColumn(header, NAME_COLUMNS);
  if (name < 0 && table) {
    const word = findColumn(header, WORD_NAME_COLUMNS);
    if (word >= 0 && wordNames(table, word, x)) name = word;
  }
  if (name < 0) return undefined;
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
