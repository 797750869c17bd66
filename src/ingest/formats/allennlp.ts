/**
 * AllenNLP's trainer log: after each epoch its metrics writer (tensorboard_writer in 0.x, the console logger
 * callback in 1.x and 2.x) prints a header line and a line per metric, a column per split, "N/A" where a split has
 * none, behind any logger prefix:
 *
 *   ... allennlp.training.trainer - Epoch 3/19
 *   ... allennlp.training.tensorboard_writer -                     Training |  Validation
 *   ... allennlp.training.tensorboard_writer - loss            |     0.725  |     1.345
 *   ... allennlp.training.tensorboard_writer - cpu_memory_MB   |  2644.376  |       N/A
 *
 * Each table is an epoch's point, numbered by the trainer's "Epoch N/M" line above it (counted from 0) or else by
 * its place; an epoch that goes back starts a run. Memory and other bookkeeping rows are left out.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import { MAX_LAYOUT_RUNS } from '../limits.js';
import { isBookkeeping } from '../names.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** The header over each epoch's table (AllenNLP's `"%s |  %-10s"` with "Training" and "Validation"). */
const HEADER = /\bTraining\s{0,40}\|\s{0,40}Validation\s*$/;
/** A cheap look for the header anywhere before the lines are cut. */
const ANY_HEADER = /Training\s{0,40}\|\s{0,40}Validation/;
/** The trainer's epoch line ("Epoch 3/19"), at the end of its log line. */
const EPOCH_LINE = /\bEpoch (\d{1,7})\/(\d{1,7})\s*$/;
/** A metric's name as AllenNLP writes it: one word (the last before the row's two value cells). */
const NAME = /^[A-Za-z_][\w.\-/@]{0,99}$/;
/** The machine's memory rows (cpu_memory_MB, gpu_0_memory_MB, worker_0_memory_MB), not the model's. */
const MEMORY = /memory_mb$/i;
/** Fewer tables than this are no curve. */
const MIN_TABLES = 2;
/** The longest line read: AllenNLP's lines are short, whatever the prefix. */
const MAX_LINE = 1000;

interface Table {
  epoch: number | undefined;
  line: number;
  rows: { name: string; train?: number; val?: number }[];
}

/**
 * One metric line "name | train | val" (values or N/A): the last two cells are the values and the last word before
 * them the name, so a logger prefix holding bars of its own ("%(asctime)s | %(levelname)s | ...") is passed over.
 * Undefined when the line has no two cells of values; `name` is empty when they are values but no name reads.
 */
function rowOf(line: string): Table['rows'][number] | undefined {
  if (line.length > MAX_LINE) return undefined;
  const parts = line.split('|');
  if (parts.length < 3) return undefined;
  const cells = parts.slice(-2).map((c) => c.trim());
  if (cells.some((c) => c === '' || (c !== 'N/A' && parseNumber(c) === undefined))) return undefined;
  const before = parts[parts.length - 3].trimEnd();
  const word = before.slice(Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t'), before.lastIndexOf(':')) + 1);
  const [train, val] = cells.map((c) => (c === 'N/A' ? undefined : parseNumber(c)));
  return { name: NAME.test(word) ? word : '', train, val };
}

function tables(lines: string[], limits: Limits): Table[] {
  const out: Table[] = [];
  let epoch: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > MAX_LINE) continue;
    const e = EPOCH_LINE.exec(line);
    if (e) epoch = +e[1];
    if (!HEADER.test(line)) continue;
    const t: Table = { epoch, line: i, rows: [] };
    // the rows under the header; one whose name does not read is skipped, a line without two value cells ends it
    for (let j = i + 1; j < lines.length; j++) {
      const row = rowOf(lines[j]);
      if (!row) break;
      if (row.name) t.rows.push(row);
      i = j;
    }
    if (t.rows.length > 0) out.push(t);
    if (out.length > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} epoch tables.`);
    epoch = undefined;
  }
  return out;
}

/** The log's runs on the epoch axis, or undefined when the text holds no such tables. */
export function readAllenNlp(text: string, limits: Limits): RawLog | undefined {
  if (!ANY_HEADER.test(text)) return undefined;
  const found = tables(text.split('\n'), limits);
  if (found.length < MIN_TABLES) return undefined;
  const runs: RawRun[] = [];
  let cols: Map<string, RawColumn> | undefined;
  let last = -Infinity;
  const numbered = found.every((t) => t.epoch !== undefined);
  for (const [k, t] of found.entries()) {
    // counted from 0 by the trainer: epoch 0 is the first
    const x = numbered ? t.epoch! + 1 : k + 1;
    if (!cols || x <= last) {
      // more launches than any log holds: no layout of this reader's
      if (runs.length >= MAX_LAYOUT_RUNS) return undefined;
      cols = new Map();
      runs.push({
        xAxis: 'epoch',
        columns: [],
        label: `lines ${t.line + 1}+`,
        ...(numbered ? { epochNumbering: 'from0' as const } : {}),
      });
    }
    last = x;
    for (const { name, train, val } of t.rows) {
      if (MEMORY.test(name) || isBookkeeping(name)) continue;
      for (const [key, v] of [
        [name, train],
        [`val_${name}`, val],
      ] as const) {
        if (v === undefined) continue;
        let c = cols.get(key);
        if (!c) {
          cols.set(key, (c = { name: key, x: [], y: [] }));
          runs[runs.length - 1].columns.push(c);
        }
        c.x.push(x);
        c.y.push(v);
      }
    }
  }
  const kept = runs.filter((r) => r.columns.length > 0);
  if (kept.length === 0) return undefined;
  if (kept.length === 1) delete kept[0].label;
  return {
    format: 'text',
    runs: kept,
    warnings: [
      {
        code: 'allennlp_tables',
        message:
          "AllenNLP's epoch tables: one point per table, the Training column as the training split and " +
          'Validation as val_.',
      },
    ],
    rows: found.length,
  };
}
