/**
 * One metric of MLflow's file store (`mlruns/<experiment>/<run>/metrics/val_loss`): a line per logged value,
 * `<timestamp in ms> <value> <step>` (`<timestamp> <value>` in the store's first versions, before a step was kept).
 * Nothing inside names the metric: the file's name is its name, and the store gives it no extension. Read as that
 * metric, one value per step (by one: epochs), when the file name says it; a file with no usable name is refused
 * with what to send instead.
 */
import { IngestError } from '../errors.js';
import { MIN_CURVE_POINTS, type Limits } from '../limits.js';
import { baseName, canonicalName, isMetricKind } from '../names.js';
import type { RawLog } from '../schema.js';
import { parseNumber } from '../text.js';
import { heldOutColumn } from './number-list.js';

/** A store line: milliseconds since 1970 (13 digits: 2001 to 2286), the value as Python prints a float, the step. */
const LINE = /^(\d{13}) (\S{1,40})(?: (-?\d{1,15}))?$/;

/** Lines looked at before the file is taken for a store's metric (the rest must match as well). */
const SNIFF_LINES = 20;

/** Does the text look like an MLflow file-store metric (every line of its head a store line, steps on all or none)?
 * Says whether its lines carry a step; undefined when it does not look like one. */
function storeLines(text: string): { withStep: boolean } | undefined {
  const head = text
    .slice(0, 2048)
    .split('\n', SNIFF_LINES + 1)
    .slice(0, SNIFF_LINES);
  if (head.length > 1 && text.length > 2048) head.pop(); // the last line of the slice may be cut
  const lines = head.map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  if (lines.length < 2) return undefined;
  const withStep = LINE.exec(lines[0])?.[3] !== undefined;
  const all = lines.every((l) => {
    const m = LINE.exec(l);
    return m !== null && parseNumber(m[2]) !== undefined && (m[3] !== undefined) === withStep;
  });
  return all ? { withStep } : undefined;
}

/** Where the store keeps a run's metrics: `<run id>/metrics/<name>`, a metric logged as `val/loss` the file
 * `metrics/val/loss`. The run's folder (32 hex digits) anchors it: a folder of the user's called `metrics` above the
 * store is no part of the name. */
const RUN_METRICS = /[\\/][0-9a-f]{32}[\\/]metrics[\\/]([^\\/][^]{0,120})$/i;
/** A short extension a downloaded copy may have gained. */
const EXTENSION = /\.(?:txt|log|csv|tsv|dat)$/i;

/** What follows the path's last `metrics` folder (a store whose run folder is no run id), or undefined. */
function afterLastMetrics(fileName: string): string | undefined {
  const parts = fileName.split(/[\\/]/);
  const at = parts.lastIndexOf('metrics');
  return at >= 0 && at < parts.length - 1 ? parts.slice(at + 1).join('/') : undefined;
}

/** The metric's name from the file's path: what follows the store's `metrics/` folder, else the file's own name without
 * a short extension (`val_loss`, `val_loss.txt` once downloaded); and whether the path is a store's. */
function nameFromFile(fileName: string): { name: string; inStore: boolean } | undefined {
  const stored = RUN_METRICS.exec(fileName)?.[1] ?? afterLastMetrics(fileName);
  const name = (stored ? stored.replace(/\\/g, '/') : baseName(fileName)).replace(EXTENSION, '');
  return /^[\p{L}_][\p{L}\p{N}_. /-]{0,120}$/u.test(name) ? { name, inStore: stored !== undefined } : undefined;
}

/**
 * What reads a text as one metric of the store: its name; `unnamed` for a store's lines with their steps that came
 * without a metric's name (refused with what to send); undefined when it is no such file. Lines of a timestamp and a
 * number alone are claimed only under a name: a file in a store's `metrics/` folder, or one named for a metric
 * (`val_loss`); any other (`output.txt`, no name: a loop that printed the time and its loss) is left to the other
 * readers.
 */
export function mlflowMetric(text: string, fileName: string | undefined): { name: string } | 'unnamed' | undefined {
  const lines = storeLines(text);
  if (!lines) return undefined;
  const named = fileName ? nameFromFile(fileName) : undefined;
  if (named && (named.inStore || isMetricKind(canonicalName(named.name).kind))) return { name: named.name };
  return lines.withStep ? 'unnamed' : undefined;
}

export function readMlflowMetric(text: string, limits: Limits, claim: { name: string } | 'unnamed'): RawLog {
  if (claim === 'unnamed') {
    throw new IngestError(
      'no_series',
      "This is one metric of MLflow's file store (a timestamp, a value and a step per line): its name is the file's name (mlruns/<experiment>/<run>/metrics/val_loss), and this file came without a metric's name. Send it under its metric's name, or export the run's metrics (mlflow.tracking.MlflowClient().get_metric_history) as key,value,step rows.",
    );
  }
  const { name } = claim;
  const steps: number[] = [];
  const values: number[] = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    const m = LINE.exec(line);
    const v = m ? parseNumber(m[2]) : undefined;
    if (!m || v === undefined)
      throw new IngestError('no_series', `Line ${lineNo} of the MLflow metric file is not "timestamp value step".`);
    if (values.length > 0 && (m[3] === undefined) !== (steps[0] !== steps[0]))
      throw new IngestError(
        'no_series',
        `Line ${lineNo} of the MLflow metric file ${m[3] === undefined ? 'has no step' : 'has a step'}, unlike the lines before it: two files joined?`,
      );
    if (values.length >= limits.maxRows)
      throw new IngestError('too_many_rows', `The metric file has more than ${limits.maxRows} values.`);
    values.push(v);
    steps.push(m[3] !== undefined ? Number(m[3]) : NaN);
  }
  // no step kept (the store's first versions), or the same one on every line (log_metric without a step writes 0):
  // the values in the order logged; else by step, a step logged twice keeping its last value (a chart draws the last)
  const ordered = steps.every((st) => st !== st) || steps.every((st) => st === steps[0]);
  const points = new Map<number, number>();
  values.forEach((v, i) => points.set(ordered ? i + 1 : steps[i], v));
  const x = [...points.keys()].sort((a, b) => a - b);
  const y = x.map((st) => points.get(st) as number);
  if (y.filter(Number.isFinite).length < MIN_CURVE_POINTS) {
    throw new IngestError(
      'no_series',
      `The MLflow metric file "${name}" holds ${y.length} value(s): a curve needs ${MIN_CURVE_POINTS} at least.`,
    );
  }
  // steps counting by one are epochs (mlflow.log_metric(..., step=epoch), autolog's Keras epochs); else steps
  const byOne = x.every((st, i) => i === 0 || st === x[i - 1] + 1);
  const from0 = !ordered && byOne && x[0] === 0;
  const { column, shown } = heldOutColumn(name);
  const how = ordered
    ? `one value per line in the order logged (${steps[0] === steps[0] ? `every line at step ${steps[0]}` : 'no steps kept'})`
    : `one value per ${byOne ? 'epoch' : 'step'}`;
  return {
    format: 'text',
    runs: [
      {
        xAxis: byOne ? 'epoch' : 'step',
        ...(from0 ? { epochNumbering: 'from0' as const } : ordered ? { epochNumbering: 'position' as const } : {}),
        columns: [{ name: column, x: from0 ? x.map((st) => st + 1) : x, y }],
      },
    ],
    rows: values.length,
    warnings: [
      {
        code: 'named_by_file',
        message: `The file is one metric of MLflow's file store (timestamp, value, step): it is read as ${shown}, from the file's name ${name}, ${how}.`,
      },
    ],
  };
}
