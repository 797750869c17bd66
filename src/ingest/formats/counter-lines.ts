/**
 * Lines of a counter, a name and a value, one metric per line (build-nanogpt's log.txt: `f.write(f"{step}
 * train {loss:.6f}\n")`, `... val ...`, `... hella ...`; any loop that logs long-form). Each name is a series
 * over the counter. A split word alone names that split's loss when its values fall like one (`train` is the
 * training loss, `val` the validation loss), with a warning that says so. Every non-empty line must have this shape: a text that
 * mixes it with other lines is the printed-log reader's.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';
import { splitOf } from './print-words.js';
import { fallingLoss } from './headerless.js';

/** A metric's name as these loops write it: a word, with `_ . / -` inside. */
const NAME = /^[A-Za-z][\w./-]{0,60}$/;
const COUNTER = /^\d{1,12}$/;
/** Fewer lines than this are not worth a guess at the layout. */
const MIN_LINES = 5;
/** More restarts than this are a batch counter, not appended trainings. */
const MAX_RUNS = 3;

interface Line {
  x: number;
  name: string;
  y: number;
}

function lineOf(line: string): Line | undefined {
  const cells = line.trim().split(/\s+/);
  if (cells.length !== 3 || !COUNTER.test(cells[0]) || !NAME.test(cells[1])) return undefined;
  const y = parseNumber(cells[2]);
  return y === undefined ? undefined : { x: +cells[0], name: cells[1], y };
}

/** Detection's test: every one of the first 20 non-empty lines has the shape, and there are enough of them. */
export function looksLikeCounterLines(lines: string[]): boolean {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 20);
  return head.length >= MIN_LINES && head.every((l) => lineOf(l) !== undefined);
}

/** The series, or undefined when a line has another shape or no name has two points. */
export function counterLines(lines: string[], limits: Limits): RawLog | undefined {
  if (!looksLikeCounterLines(lines)) return undefined;
  const runs: Map<string, Map<number, number>>[] = [];
  let last = -1;
  let rows = 0;
  for (const raw of lines) {
    if (raw.trim() === '') continue;
    const l = lineOf(raw);
    if (!l) return undefined;
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} rows.`);
    // the counter going back is a restart: a run of its own
    if (runs.length === 0 || l.x < last) runs.push(new Map());
    last = l.x;
    const run = runs[runs.length - 1];
    const points = run.get(l.name) ?? new Map<number, number>();
    points.set(l.x, l.y); // a repeated count keeps its last value
    run.set(l.name, points);
  }
  // a counter that goes back every few lines counts batches within an epoch (`print(i, 'loss', loss)` in
  // the epoch loop), not restarts: the printed-log reader reads those
  if (runs.length > MAX_RUNS) return undefined;
  const named = new Set<string>();
  const out: RawRun[] = runs.map((run) => toRun(run, named));
  if (!out.some((r) => r.columns.some((c) => c.x.length >= 2))) return undefined;
  const shown = [...named].map(
    (n) => `"${n}" as the ${splitOf(n) === 'train' ? 'training' : splitOf(n) === 'val' ? 'validation' : 'test'} loss`,
  );
  return {
    format: 'text',
    runs: out,
    rows,
    warnings: shown.length
      ? [
          {
            code: 'unnamed_series',
            message: `Lines of a counter, a name and a value: ${shown.join(', ')} (a split named alone). If they are something else, log "train_acc" or "val_loss".`,
          },
        ]
      : [],
  };
}

/** Falls like a loss (headerless.ts fallingLoss); a few points (validation every 250 steps of a short run):
 * positive and not higher at the end. */
function lossLike(y: number[]): boolean {
  if (y.length >= MIN_LINES) return fallingLoss(y);
  return y.every((v) => v > 0) && y[y.length - 1] <= y[0];
}

function toRun(run: Map<string, Map<number, number>>, named: Set<string>): RawRun {
  const columns: RawColumn[] = [];
  let unit = true;
  for (const [name, points] of run) {
    const x = [...points.keys()].sort((a, b) => a - b);
    if (x.some((v, i) => i > 0 && v - x[i - 1] !== 1)) unit = false;
    const y = x.map((v) => points.get(v)!);
    // a split named alone is that split's loss when it falls like one (`eval 0.61 ... 0.93` is something else)
    const split = splitOf(name) && lossLike(y) ? splitOf(name) : undefined;
    if (split) named.add(name);
    columns.push({ name: split ? `${split}_loss` : name, x, y });
  }
  // a counter that every series advances by one is an epoch count; any stride (val every 250 steps) is steps
  if (!unit) return { xAxis: 'step', columns };
  const from0 = columns.some((c) => c.x[0] === 0);
  if (from0) for (const c of columns) c.x = c.x.map((v) => v + 1);
  return { xAxis: 'epoch', ...(from0 ? { epochNumbering: 'from0' as const } : {}), columns };
}
