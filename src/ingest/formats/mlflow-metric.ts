/**
 * One metric of MLflow's file store (`mlruns/<experiment>/<run>/metrics/val_loss`): a line per logged value,
 * `<timestamp in ms> <value> <step>` (`<timestamp> <value>` in the store's first versions, before a step was kept).
 * Nothing inside names the metric: the file's name is its name, and the store gives it no extension. Read as that
 * metric, one value per step (by one: epochs), when the file name says it; a file with no usable name is refused
 * with what to send instead.
 */
import { IngestError } from '../errors.js';
import { MIN_CURVE_POINTS, type Limits } from '../limits.js';
import { baseName, canonicalName } from '../names.js';
import type { RawLog } from '../schema.js';
import { parseNumber } from '../text.js';

/** A store line: milliseconds since 1970 (13 digits: 2001 to 2286), the value as Python prints a float, the step. */
const LINE = /^(\d{13}) (\S{1,40})(?: (-?\d{1,15}))?$/;

/** Lines looked at before the file is taken for a store's metric (the rest must match as well). */
const SNIFF_LINES = 20;

/** Does the text look like an MLflow file-store metric (every line of its head a store line, steps on all or none)? */
export function isMlflowMetric(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .split('\n', SNIFF_LINES + 1)
    .slice(0, SNIFF_LINES);
  if (head.length > 1 && text.length > 2048) head.pop(); // the last line of the slice may be cut
  const lines = head.map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  if (lines.length < 2) return false;
  const withStep = LINE.exec(lines[0])?.[3] !== undefined;
  return lines.every((l) => {
    const m = LINE.exec(l);
    return m !== null && parseNumber(m[2]) !== undefined && (m[3] !== undefined) === withStep;
  });
}

/** The metric's name from the file's name (`val_loss`, `val_loss.txt` once downloaded), or undefined. */
function nameFromFile(fileName: string | undefined): string | undefined {
  const stem = baseName(fileName).replace(/\.(?:txt|log|csv|tsv|dat)$/i, '');
  return /^[\p{L}_][\p{L}\p{N}_. -]{0,80}$/u.test(stem) ? stem : undefined;
}

export function readMlflowMetric(text: string, limits: Limits, fileName: string | undefined): RawLog {
  const name = nameFromFile(fileName);
  if (!name) {
    throw new IngestError(
      'no_series',
      "This is one metric of MLflow's file store (a timestamp, a value and a step per line): its name is the file's name (mlruns/<experiment>/<run>/metrics/val_loss), and this file came without one. Send it under its metric's name, or export the run's metrics (mlflow.tracking.MlflowClient().get_metric_history) as key,value,step rows.",
    );
  }
  // a step logged twice keeps its last value (MLflow's own history lists both; a chart draws the last)
  const points = new Map<number, number>();
  let position = 0;
  let rows = 0;
  let steps = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    const m = LINE.exec(line);
    const v = m ? parseNumber(m[2]) : undefined;
    if (!m || v === undefined)
      throw new IngestError('no_series', `Line ${rows + 1} of the MLflow metric file is not "timestamp value step".`);
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The metric file has more than ${limits.maxRows} values.`);
    steps ||= m[3] !== undefined;
    points.set(m[3] !== undefined ? Number(m[3]) : ++position, v);
  }
  const x = [...points.keys()].sort((a, b) => a - b);
  const y = x.map((s) => points.get(s) as number);
  if (y.filter(Number.isFinite).length < MIN_CURVE_POINTS) {
    throw new IngestError(
      'no_series',
      `The MLflow metric file "${name}" holds ${y.length} value(s): a curve needs ${MIN_CURVE_POINTS} at least.`,
    );
  }
  // steps counting by one are epochs (mlflow.log_metric(..., step=epoch), autolog's Keras epochs); else steps
  // (the store's first versions kept no step: the values in the order logged)
  const byOne = x.every((s, i) => i === 0 || s === x[i - 1] + 1);
  const from0 = steps && byOne && x[0] === 0;
  // a test curve alone is the held-out curve, read as validation (as a file of numbers named for it is)
  const column =
    canonicalName(name).split === 'test'
      ? name.replace(/^(?:test|testing)(?=[_-])|(?<=[_-])(?:test|testing)$/i, 'val')
      : name;
  return {
    format: 'text',
    runs: [
      {
        xAxis: byOne ? 'epoch' : 'step',
        ...(from0 ? { epochNumbering: 'from0' as const } : steps ? {} : { epochNumbering: 'position' as const }),
        columns: [{ name: column, x: from0 ? x.map((s) => s + 1) : x, y }],
      },
    ],
    rows,
    warnings: [
      {
        code: 'named_by_file',
        message: `The file is one metric of MLflow's file store (timestamp, value, step): it is read as ${column}${column !== name ? ' (the held-out curve)' : ''}, from the file's name ${name}, one value per ${byOne ? 'epoch' : 'step'}${steps ? '' : ' (the file keeps no steps: in the order logged)'}.`,
      },
    ],
  };
}
